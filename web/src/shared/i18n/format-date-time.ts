/**
 * Formats an instant (an ISO 8601 timestamp) as date and time in the reader's own time zone.
 * Anything that does not parse is returned as it came, rather than as "Invalid Date".
 */
export function formatDateTime(isoTimestamp: string, locale: string, timeZone?: string): string {
  const date = new Date(isoTimestamp);
  if (Number.isNaN(date.getTime())) return isoTimestamp;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone }).format(date);
}

/** The same, shorter, for table cells: numeric date and time to the minute (22/11/2026, 12:00). */
export function formatShortDateTime(isoTimestamp: string, locale: string, timeZone?: string): string {
  const date = new Date(isoTimestamp);
  if (Number.isNaN(date.getTime())) return isoTimestamp;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short', timeZone }).format(date);
}
