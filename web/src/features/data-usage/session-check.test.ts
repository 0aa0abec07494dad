import { describe, expect, it } from 'vitest';
import type { UsageCheck } from '../../shared/api/verify-usage.ts';
import { failedCount, sessionCheck } from './session-check.ts';
import { formatTimeRange } from './session-time.ts';

const verified: UsageCheck = { state: 'verified', checkpointSize: 10 };
const pending: UsageCheck = { state: 'pending' };
const failed: UsageCheck = { state: 'failed', reason: 'not-in-log' };

describe("a session's verification mark", () => {
  it('is verified only when every record is', () => {
    expect(
      sessionCheck(
        ['a', 'b'],
        new Map<string, UsageCheck>([
          ['a', verified],
          ['b', verified],
        ]),
      ),
    ).toEqual(verified);
    expect(sessionCheck(['a', 'b'], new Map<string, UsageCheck>([['a', verified]]))).toBeUndefined();
    expect(
      sessionCheck(
        ['a', 'b'],
        new Map<string, UsageCheck>([
          ['a', verified],
          ['b', pending],
        ]),
      ),
    ).toEqual(pending);
  });

  it('fails when a single record fails, even while others are being checked', () => {
    const checks = new Map<string, UsageCheck>([['b', failed]]);
    expect(sessionCheck(['a', 'b', 'c'], checks)).toEqual(failed);
    expect(failedCount(['a', 'b', 'c'], checks)).toBe(1);
  });
});

describe('when a session happened', () => {
  it('writes a span within a day once, with both times', () => {
    const text = formatTimeRange('2026-12-01T14:02:10Z', '2026-12-01T14:09:55Z', 'en-GB', 'UTC');
    expect(text).toMatch(/1 Dec 2026/);
    expect(text).toMatch(/14:02.*14:09/);
    expect(text.match(/2026/g)).toHaveLength(1);
  });

  it('writes a span within one minute to the second, so that its ends differ', () => {
    const text = formatTimeRange('2026-12-01T14:02:10Z', '2026-12-01T14:02:55Z', 'en-GB', 'UTC');
    expect(text).toMatch(/14:02:10.*14:02:55/);
  });

  it('writes a single access as its date and time', () => {
    expect(formatTimeRange('2026-12-01T14:02:10Z', '2026-12-01T14:02:10Z', 'en-GB', 'UTC')).toBe(
      '1 Dec 2026, 14:02:10',
    );
  });
});
