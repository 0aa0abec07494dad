/**
 * FHIR dates as ranges: a date, dateTime or instant stands for the whole interval its precision
 * covers (`2024` is the year, `2024-03-05T10:15` the minute). The index stores each value as such a
 * range and a query compares ranges (FHIR R4 3.1.1.5.3, "date"). Times without a zone are read as
 * UTC, in the index and in queries alike, so that they compare consistently.
 */

/** A half-open interval [low, high) in milliseconds since the epoch. */
export interface DateRange {
  low: number;
  high: number;
}

const DATE_PATTERN =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

function utc(year: number, month: number, day: number, hours = 0, minutes = 0, seconds = 0, ms = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, day);
  date.setUTCHours(hours, minutes, seconds, ms);
  return date.getTime();
}

/** The range a FHIR date, dateTime or instant covers, or null when it is not one. */
export function dateRange(text: string): DateRange | null {
  const match = DATE_PATTERN.exec(text);
  if (!match) return null;
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const year = Number(y);
  if (year < 1) return null;
  if (mo === undefined) return { low: utc(year, 0, 1), high: utc(year + 1, 0, 1) };
  const month = Number(mo) - 1;
  if (month < 0 || month > 11) return null;
  if (d === undefined) return { low: utc(year, month, 1), high: utc(year, month + 1, 1) };
  const day = Number(d);
  const dayStart = utc(year, month, day);
  if (day < 1 || new Date(dayStart).getUTCMonth() !== month) return null;
  if (h === undefined) return { low: dayStart, high: utc(year, month, day + 1) };
  const hours = Number(h);
  const minutes = Number(mi);
  const seconds = s === undefined ? 0 : Number(s);
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  let offset = 0;
  if (zone && zone !== 'Z') {
    const zoneHours = Number(zone.slice(1, 3));
    const zoneMinutes = Number(zone.slice(4, 6));
    if (zoneHours > 14 || zoneMinutes > 59) return null;
    offset = (zone.startsWith('-') ? -1 : 1) * (zoneHours * 60 + zoneMinutes) * 60_000;
  }
  const ms = fraction === undefined ? 0 : Math.floor(Number(`0${fraction}`) * 1000);
  const low = utc(year, month, day, hours, minutes, seconds, ms) - offset;
  const width = fraction !== undefined ? 1 : s !== undefined ? 1000 : 60_000;
  return { low, high: low + width };
}

/** The range of a Period: an open end is unbounded. */
export function periodRange(start: string | undefined, end: string | undefined): DateRange | null {
  const from = start === undefined ? null : dateRange(start);
  const to = end === undefined ? null : dateRange(end);
  if ((start !== undefined && !from) || (end !== undefined && !to) || (!from && !to)) return null;
  return { low: from ? from.low : Number.NEGATIVE_INFINITY, high: to ? to.high : Number.POSITIVE_INFINITY };
}

/** A range end as PostgreSQL reads a timestamptz (unbounded ends as `-infinity`/`infinity`). */
export function timestampText(ms: number): string {
  if (ms === Number.NEGATIVE_INFINITY) return '-infinity';
  if (ms === Number.POSITIVE_INFINITY || new Date(ms).getUTCFullYear() > 9999) return 'infinity';
  return new Date(ms).toISOString();
}
