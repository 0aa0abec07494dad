/**
 * The string formats the report schema uses, for TypeBox's `Value.Check` (which rejects any format it
 * has not been taught). Registration is global and idempotent: a format someone else registered first
 * is left as it is.
 */

import { dayFromIso } from '@civitas/contracts/days.ts';
import { FormatRegistry } from '@sinclair/typebox';

const DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})[Tt ]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  try {
    dayFromIso(value);
    return true;
  } catch {
    return false;
  }
}

/** True for an RFC 3339 date-time with a real calendar date and an offset. */
export function isIsoDateTime(value: string): boolean {
  const match = DATE_TIME.exec(value);
  return match !== null && isIsoDate(match[1]!);
}

/** Teaches TypeBox the `date` and `date-time` formats. */
export function registerReportFormats(): void {
  if (!FormatRegistry.Has('date')) FormatRegistry.Set('date', isIsoDate);
  if (!FormatRegistry.Has('date-time')) FormatRegistry.Set('date-time', isIsoDateTime);
}
