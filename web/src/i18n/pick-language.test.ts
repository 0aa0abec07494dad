import { describe, expect, it } from 'vitest';
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
});
