import { describe, expect, it } from 'vitest';
import { FREE_PIN_ATTEMPTS, waitAfterFailures } from './vault.ts';

describe('wrong PINs', () => {
  it('are free five times, then each further one waits 30 s, doubling, capped', () => {
    expect(FREE_PIN_ATTEMPTS).toBe(5);
    expect([1, 2, 3, 4].map(waitAfterFailures)).toEqual([0, 0, 0, 0]);
    expect(waitAfterFailures(5)).toBe(30_000);
    expect(waitAfterFailures(6)).toBe(60_000);
    expect(waitAfterFailures(7)).toBe(120_000);
    expect(waitAfterFailures(100)).toBe(30_000 * 1024);
  });
});
