import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { localeResources } from '../i18n/locale-resources.ts';

/**
 * The codes the server can answer, as docs/errors.md lists them (the server's own test holds
 * that list equal to its merged error table; the web imports nothing from the server).
 */
function documentedCodes(): string[] {
  const text = readFileSync(new URL('../../../../docs/errors.md', import.meta.url), 'utf8');
  return [...text.matchAll(/^\| `([a-z][a-z0-9-]*)`\s*\|\s*\d{3}\s*\|/gm)].map((match) => match[1]!);
}

describe('problem codes on screen', () => {
  it('are read from the documented list (a broken list would make the test below pass on nothing)', () => {
    expect(documentedCodes()).toEqual(
      expect.arrayContaining(['internal', 'token-missing', 'vehicle-not-found']),
    );
  });

  it.each(Object.keys(localeResources))(
    'every error code the server can answer has a text in %s',
    (language) => {
      const texts = localeResources[language]!.problems as Record<string, string | undefined>;
      const missing = documentedCodes().filter((code) => !texts[code]?.trim());
      expect(missing).toEqual([]);
    },
  );
});
