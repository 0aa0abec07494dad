import { describe, expect, it } from 'vitest';
import { FALLBACK_LANGUAGE, supportedLanguages } from './languages.ts';
import { localeResources } from './locale-resources.ts';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const result = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') result.set(path, value);
    else for (const [childPath, childValue] of leaves(value, path)) result.set(childPath, childValue);
  }
  return result;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
// i18next plural forms (key_one, key_few ...) differ between languages by design.
const withoutPluralSuffix = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');

const english = leaves(localeResources.en as unknown as Tree);
const otherLocales = Object.entries(localeResources).filter(([code]) => code !== 'en');

describe('locales', () => {
  it('ship Bulgarian, English and Polish, with English as the fallback', () => {
    expect(supportedLanguages.map((language) => language.code)).toEqual(
      expect.arrayContaining(['bg', 'en', 'pl']),
    );
    expect(FALLBACK_LANGUAGE).toBe('en');
  });

  it('Polish names itself in Polish and formats for Poland', () => {
    expect(supportedLanguages.find((language) => language.code === 'pl')).toEqual({
      code: 'pl',
      nativeName: 'Polski',
      formattingLocale: 'pl-PL',
    });
  });

  it.each(otherLocales)('%s has every plural form its language needs', (code, resource) => {
    const translated = leaves(resource as unknown as Tree);
    const categories = new Intl.PluralRules(code).resolvedOptions().pluralCategories;
    const pluralBases = new Set(
      [...english.keys()].filter((key) => /_(one|other)$/.test(key)).map(withoutPluralSuffix),
    );
    const missing = [...pluralBases].flatMap((base) =>
      categories.map((category) => `${base}_${category}`).filter((key) => !translated.get(key)?.trim()),
    );
    expect(missing).toEqual([]);
  });

  it.each(otherLocales)('%s has every key that English has, with a non-empty text', (_code, resource) => {
    const translated = leaves(resource as unknown as Tree);
    const missing = [...english.keys()].filter((key) => !translated.get(key)?.trim());
    expect(missing).toEqual([]);
  });

  it.each(otherLocales)('%s uses the same placeholders as English', (_code, resource) => {
    const translated = leaves(resource as unknown as Tree);
    for (const [key, text] of english) {
      expect({ key, placeholders: placeholders(translated.get(key) ?? '') }).toEqual({
        key,
        placeholders: placeholders(text),
      });
    }
  });

  it.each(otherLocales)(
    '%s uses the same placeholders as English in every plural form',
    (_code, resource) => {
      for (const [key, text] of leaves(resource as unknown as Tree)) {
        const base = withoutPluralSuffix(key);
        if (base === key || english.has(key)) continue;
        const englishText = english.get(`${base}_other`);
        if (englishText === undefined) continue;
        expect({ key, placeholders: placeholders(text) }).toEqual({
          key,
          placeholders: placeholders(englishText),
        });
      }
    },
  );

  it.each(otherLocales)('%s has no keys that English lacks (stale or misspelt keys)', (_code, resource) => {
    const englishBases = new Set([...english.keys()].map(withoutPluralSuffix));
    const extra = [...leaves(resource as unknown as Tree).keys()].filter(
      (key) => !englishBases.has(withoutPluralSuffix(key)),
    );
    expect(extra).toEqual([]);
  });

  it('each name itself and a formatting locale in its meta block', () => {
    for (const language of supportedLanguages) {
      expect(language.nativeName.trim()).not.toBe('');
      expect(() => new Intl.DateTimeFormat(language.formattingLocale)).not.toThrow();
    }
  });
});
