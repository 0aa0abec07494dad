import { describe, expect, it } from 'vitest';
import { formatDate } from '../../shared/i18n/format-date.ts';
import { displayValue } from './display-value.ts';

const english = { date: (value: string) => formatDate(value, 'en-GB'), yes: 'Yes', no: 'No' };
const bulgarian = { date: (value: string) => formatDate(value, 'bg-BG'), yes: 'Да', no: 'Не' };

describe('displayValue', () => {
  it('formats a date field as a date in the page language', () => {
    expect(displayValue('date', '2036-02-03', english)).toBe('3 February 2036');
    expect(displayValue('date', '2036-02-03', bulgarian)).toBe('3 февруари 2036 г.');
  });

  it('shows a yes/no field as Yes or No', () => {
    expect(displayValue('yesNo', 'true', english)).toBe('Yes');
    expect(displayValue('yesNo', 'false', bulgarian)).toBe('Не');
  });

  it('shows an unexpected yes/no value as it came rather than guessing', () => {
    expect(displayValue('yesNo', 'unknown', english)).toBe('unknown');
  });

  it('leaves text as it is', () => {
    expect(displayValue('text', 'Toyota Avensis', english)).toBe('Toyota Avensis');
  });
});
