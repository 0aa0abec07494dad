import { describe, expect, it } from 'vitest';
import { renderEidPage } from './eid-pages.ts';
import { EID_LANGUAGES, EID_TEXTS, eidLanguage } from './eid-texts.ts';
import { ROLES } from './tables.ts';

type Tree = { [key: string]: string | boolean | Tree };
const leaves = (tree: Tree, prefix = ''): [string, string | boolean][] =>
  Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' ? leaves(value, `${prefix}${key}.`) : [[`${prefix}${key}`, value]],
  );

describe('eID page texts', () => {
  it.each(EID_LANGUAGES)(
    '%s has every text English has, none empty, and a name for every role',
    (language) => {
      const texts = leaves(EID_TEXTS[language] as unknown as Tree);
      expect(texts.map(([key]) => key)).toEqual(leaves(EID_TEXTS.en as unknown as Tree).map(([key]) => key));
      expect(texts.filter(([, text]) => typeof text === 'string' && text.trim() === '')).toEqual([]);
      expect(Object.keys(EID_TEXTS[language].roles).sort()).toEqual([...ROLES].sort());
    },
  );

  it('marks the page with its language and escapes what it is given', () => {
    const html = renderEidPage({ language: 'pl', title: '<b>Tytuł</b>', body: '<p>treść</p>' });
    expect(html).toContain('<html lang="pl">');
    expect(html).toContain('&lt;b&gt;Tytuł&lt;/b&gt;');
    expect(html).toContain('Krajowa tożsamość elektroniczna');
  });

  it('picks ui_locales first, then Accept-Language, then English', () => {
    expect(eidLanguage({ uiLocales: 'pl', acceptLanguage: 'bg' })).toBe('pl');
    expect(eidLanguage({ uiLocales: undefined, acceptLanguage: 'bg-BG,bg;q=0.9' })).toBe('bg');
    expect(eidLanguage({ uiLocales: ['pl'], acceptLanguage: undefined })).toBe('en');
  });
});
