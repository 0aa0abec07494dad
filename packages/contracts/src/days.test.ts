import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addYears, dayFromIso, isoFromDay, yearsBetween } from './days.ts';

describe('day numbers', () => {
  it('agree with Date for any day 1800–2200', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_000, max: 84_000 }), (day) => {
        const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
        expect(isoFromDay(day)).toBe(iso);
        expect(dayFromIso(iso)).toBe(day);
      }),
    );
  });

  it('adds years keeping 29 February in range and counts ages', () => {
    expect(isoFromDay(addYears(dayFromIso('2024-02-29'), 1))).toBe('2025-02-28');
    expect(yearsBetween(dayFromIso('2000-11-23'), dayFromIso('2026-11-22'))).toBe(25);
    expect(yearsBetween(dayFromIso('2000-11-22'), dayFromIso('2026-11-22'))).toBe(26);
    expect(() => dayFromIso('2023-02-29')).toThrow(RangeError);
  });
});
