import { describe, expect, it } from 'vitest';
import { makeScrambler } from './scramble.ts';

describe('scrambler', () => {
  it('maps distinct indexes to distinct numbers of fixed width', () => {
    const scrambler = makeScrambler(100_000, 7_919, 4_242);
    const seen = new Set(Array.from({ length: 100_000 }, (_, i) => scrambler.digits(i)));
    expect(seen.size).toBe(100_000);
    expect([...seen].every((value) => value.length === 5)).toBe(true);
  });

  it('refuses a multiplier that would make it lose numbers', () => {
    expect(() => makeScrambler(1_000, 25, 0)).toThrow(RangeError);
  });
});
