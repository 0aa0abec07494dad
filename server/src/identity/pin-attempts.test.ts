import { describe, expect, it } from 'vitest';
import { PIN_POLICY, pauseAfter } from './pin-attempts.ts';

describe('the PIN attempt policy', () => {
  it('allows two free retries, then pauses longer after each failure, then locks for an hour', () => {
    expect([1, 2, 3, 4, 5, 6, 20].map(pauseAfter)).toEqual([0, 0, 30, 120, 3600, 3600, 3600]);
    expect(PIN_POLICY.lockoutSeconds).toBe(3600);
  });
});
