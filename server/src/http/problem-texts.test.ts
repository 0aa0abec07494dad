import { describe, expect, it } from 'vitest';
import { webLocales, webText } from '../../test/web-locales.ts';
import { problems } from '../kernel/errors.ts';

const locales = webLocales();

describe('problem codes on screen', () => {
  it('are shown in Bulgarian, English and Polish at least', () => {
    expect([...locales.keys()]).toEqual(expect.arrayContaining(['bg', 'en', 'pl']));
  });

  it.each([...locales.keys()])('every error code the server can answer has a text in %s', (language) => {
    const resource = locales.get(language)!;
    const missing = Object.keys(problems).filter((code) => !webText(resource, 'problems', code));
    expect(missing).toEqual([]);
  });
});
