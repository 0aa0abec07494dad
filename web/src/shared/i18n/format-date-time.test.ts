import { describe, expect, it } from 'vitest';
import { formatDateTime, formatShortDateTime } from './format-date-time.ts';

describe('formatDateTime', () => {
  it('formats an instant with date and time in the given time zone', () => {
    expect(formatDateTime('2026-11-22T10:00:00Z', 'en-GB', 'Europe/Sofia')).toBe('22 Nov 2026, 12:00:00');
  });

  it('formats in Bulgarian', () => {
    expect(formatDateTime('2026-11-22T10:00:00Z', 'bg-BG', 'UTC')).toMatch(/22\.11\.2026.*10:00:00/);
  });

  it('returns text that is not a timestamp unchanged', () => {
    expect(formatDateTime('soon', 'en-GB')).toBe('soon');
  });
});

describe('formatShortDateTime', () => {
  it('writes a numeric date and the time to the minute', () => {
    expect(formatShortDateTime('2026-11-22T10:00:00Z', 'en-GB', 'Europe/Sofia')).toBe('22/11/2026, 12:00');
  });

  it('returns text that is not a timestamp unchanged', () => {
    expect(formatShortDateTime('soon', 'en-GB')).toBe('soon');
  });
});
