import { describe, expect, it } from 'vitest';
import { preferredLanguage } from './accept-language.ts';

const SUPPORTED = ['bg', 'en', 'pl'] as const;
const pick = (acceptLanguage?: string, uiLocales?: string) =>
  preferredLanguage(SUPPORTED, 'bg', { acceptLanguage, uiLocales });

describe('preferredLanguage', () => {
  it('answers a Polish browser in Polish', () => {
    expect(pick('pl-PL,pl;q=0.9,en-US;q=0.8,en;q=0.7')).toBe('pl');
  });

  it('follows the q-values, not the order of the header', () => {
    expect(pick('de;q=0.9,en;q=0.5,pl;q=0.8')).toBe('pl');
    expect(pick('en;q=0.2, bg')).toBe('bg');
  });

  it('skips languages it does not speak and languages refused with q=0', () => {
    expect(pick('de-DE,fr;q=0.9,en-GB;q=0.8')).toBe('en');
    expect(pick('pl;q=0, en;q=0.5')).toBe('en');
  });

  it('falls back when nothing usable is asked for', () => {
    expect(pick()).toBe('bg');
    expect(pick('')).toBe('bg');
    expect(pick('*')).toBe('bg');
    expect(pick('de, fr;q=bad')).toBe('bg');
  });

  it('lets an explicit ui_locales choice win over the header', () => {
    expect(pick('bg-BG,bg;q=0.9', 'pl')).toBe('pl');
    expect(pick('pl', 'de en')).toBe('en');
    expect(pick('pl', 'de')).toBe('pl');
  });
});
