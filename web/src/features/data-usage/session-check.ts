import type { UsageCheck } from '../../shared/api/verify-usage.ts';

/**
 * What the checks of a session's records say together: failed when any failed (the first such
 * check, for its reason), still checking while any is, pending when any awaits the next
 * checkpoint, and verified only when every record is.
 */
export function sessionCheck(
  ids: readonly string[],
  checks: ReadonlyMap<string, UsageCheck>,
): UsageCheck | undefined {
  const found = ids.map((id) => checks.get(id));
  const failed = found.find((check) => check?.state === 'failed');
  if (failed) return failed;
  if (found.some((check) => check === undefined)) return undefined;
  return found.find((check) => check?.state === 'pending') ?? found[0];
}

/** How many of a session's records failed their check. */
export function failedCount(ids: readonly string[], checks: ReadonlyMap<string, UsageCheck>): number {
  return ids.filter((id) => checks.get(id)?.state === 'failed').length;
}
