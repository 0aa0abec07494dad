import { describe, expect, it } from 'vitest';
import { formatMoney, formatNumber } from './format-number.ts';

// Intl separates groups with a (narrow) no-break space in Bulgarian; compare with plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('formatNumber', () => {
  it('groups digits the way each language does', () => {
    expect(formatNumber(123456, 'en-GB')).toBe('123,456');
    expect(plain(formatNumber(123456, 'bg-BG'))).toBe('123 456');
  });

  it('rounds to whole numbers', () => {
    expect(formatNumber(1234.6, 'en-GB')).toBe('1,235');
  });
});

describe('formatMoney', () => {
  it('writes euro cents as euros', () => {
    expect(formatMoney(12345, 'en-GB')).toBe('€123.45');
    expect(plain(formatMoney(12345, 'bg-BG'))).toBe('123,45 €');
  });
});
