import { describe, expect, it } from 'vitest';
import { FALLBACK_LANGUAGE, supportedLanguageCodes } from './languages.ts';
import { pickLanguage } from './pick-language.ts';

const base = { stored: null, browserPreferences: [], supported: ['bg', 'en'], fallback: 'en' };

describe('pickLanguage', () => {
  it('chooses Bulgarian when the browser prefers Bulgarian', () => {
    expect(pickLanguage({ ...base, browserPreferences: ['bg-BG', 'en-US'] })).toBe('bg');
  });

  it('chooses English when the browser prefers a language we do not speak', () => {
    expect(pickLanguage({ ...base, browserPreferences: ['de-DE', 'fr'] })).toBe('en');
  });

  it('uses the first supported language in the order of preference', () => {
    expect(pickLanguage({ ...base, browserPreferences: ['de', 'en-GB', 'bg'] })).toBe('en');
  });

  it('lets an earlier explicit choice win over the browser', () => {
    expect(pickLanguage({ ...base, stored: 'en', browserPreferences: ['bg'] })).toBe('en');
  });

  it('ignores a stored choice that is no longer supported', () => {
    expect(pickLanguage({ ...base, stored: 'pl', browserPreferences: ['bg'] })).toBe('bg');
  });

  it('gives a Polish browser Polish on its first visit, with the languages the app ships', () => {
    const shipped = { stored: null, supported: supportedLanguageCodes, fallback: FALLBACK_LANGUAGE };
    expect(pickLanguage({ ...shipped, browserPreferences: ['pl-PL', 'pl', 'en-US', 'en'] })).toBe('pl');
    expect(pickLanguage({ ...shipped, browserPreferences: ['de-DE', 'pl'] })).toBe('pl');
    expect(pickLanguage({ ...shipped, stored: 'bg', browserPreferences: ['pl-PL'] })).toBe('bg');
  });
});
