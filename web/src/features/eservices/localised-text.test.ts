import { describe, expect, it } from 'vitest';
import { localisedText } from './localised-text.ts';

const name = { bg: 'Национален регистър на населението (ГРАО)', en: 'National population register (GRAO)' };

describe('localisedText', () => {
  it('picks the page language', () => {
    expect(localisedText(name, 'bg', 'population')).toBe(name.bg);
    expect(localisedText(name, 'en', 'population')).toBe(name.en);
  });

  it('falls back to English, then Bulgarian, for a language the server does not speak', () => {
    expect(localisedText(name, 'pl', 'population')).toBe(name.en);
    expect(localisedText({ bg: name.bg }, 'pl', 'population')).toBe(name.bg);
  });

  it('takes text the server has in one language only as it is', () => {
    expect(localisedText('Ordinance on parking in Sofia, Art. 35', 'bg', '')).toBe(
      'Ordinance on parking in Sofia, Art. 35',
    );
  });

  it('falls back to the key when there is no usable name', () => {
    expect(localisedText('', 'en', 'population')).toBe('population');
    expect(localisedText(undefined, 'en', 'population')).toBe('population');
    expect(localisedText({ en: ' ' }, 'en', 'population')).toBe('population');
  });
});
