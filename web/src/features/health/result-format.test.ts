import { describe, expect, it } from 'vitest';
import { formatQuantity, formatRange } from './result-format.ts';

describe('values for the locale', () => {
  it('writes the decimal sign and the unit of each language', () => {
    expect(formatQuantity({ value: 7.2, code: '%' }, 'bg-BG', 'bg')).toBe('7,2\u00a0%');
    expect(formatQuantity({ value: 5.4, code: 'mmol/L' }, 'en-GB', 'en')).toBe('5.4\u00a0mmol/L');
    expect(formatQuantity({ value: 4.1, code: '10*9/L' }, 'pl-PL', 'pl')).toBe('4,1\u00a0× 10⁹/l');
    expect(formatQuantity({ value: 72, code: '/min' }, 'en-GB', 'en')).toBe('72\u00a0per minute');
  });

  it('keeps the decimals the laboratory reported and writes open ranges with a sign', () => {
    expect(formatRange({ low: 4, high: 6.5 }, '%', 'en-GB')).toBe('4.0–6.5\u00a0%');
    expect(formatRange({ low: null, high: 5.2 }, 'mmol/L', 'en-GB')).toBe('≤\u00a05.2\u00a0mmol/L');
  });
});
