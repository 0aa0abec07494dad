import { describe, expect, it } from 'vitest';
import { webLocales, webText } from '../../test/web-locales.ts';
import { LEGAL_BASES, PURPOSES } from './purposes.ts';

const locales = webLocales();
const CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Issue 14, item 16: purposes and legal bases in words on every screen, never as codes. */
describe.each([...locales.keys()])('the web app in %s', (language) => {
  const resource = locales.get(language)!;

  it('has words for every purpose the server can record', () => {
    for (const purpose of PURPOSES) {
      const words = webText(resource, 'purposes', purpose);
      expect(words, purpose).toBeDefined();
      expect(words, purpose).not.toMatch(CODE);
    }
  });

  it('has words for every legal basis the server can record', () => {
    for (const basis of Object.keys(LEGAL_BASES)) {
      const words = webText(resource, 'legalBases', basis);
      expect(words, basis).toBeDefined();
      expect(words, basis).not.toMatch(CODE);
    }
  });
});
