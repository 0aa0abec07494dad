import { describe, expect, it } from 'vitest';
import { problems } from '../../../../server/src/kernel/errors.ts';
import { localeResources } from '../i18n/languages.ts';

describe('problem codes on screen', () => {
  it.each(Object.keys(localeResources))(
    'every error code the server can answer has a text in %s',
    (language) => {
      const texts = localeResources[language]!.problems as Record<string, string | undefined>;
      const missing = Object.keys(problems).filter((code) => !texts[code]?.trim());
      expect(missing).toEqual([]);
    },
  );
});
