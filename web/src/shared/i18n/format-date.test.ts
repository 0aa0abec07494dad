import { describe, expect, it } from 'vitest';
import { formatDate, localIsoDate } from './format-date.ts';

describe('formatDate', () => {
  it('formats a calendar date in Bulgarian', () => {
    expect(formatDate('1985-03-14', 'bg-BG')).toBe('14 март 1985 г.');
  });

  it('formats a calendar date in British English', () => {
    expect(formatDate('1985-03-14', 'en-GB')).toBe('14 March 1985');
  });

  it('never shifts the day, whatever the time zone', () => {
    expect(formatDate('2000-01-01', 'en-GB')).toBe('1 January 2000');
    expect(formatDate('1999-12-31', 'en-GB')).toBe('31 December 1999');
  });

  it('writes the shorter medium style for tables', () => {
    expect(formatDate('1985-03-14', 'en-GB', 'medium')).toBe('14 Mar 1985');
  });

  it('returns text that is not an ISO date unchanged', () => {
    expect(formatDate('unknown', 'en-GB')).toBe('unknown');
  });
});

describe('localIsoDate', () => {
  it('uses the local calendar date, zero-padded', () => {
    expect(localIsoDate(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});
