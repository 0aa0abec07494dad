const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Formats a calendar date ('YYYY-MM-DD') for a locale. The date is placed at UTC noon and
 * formatted in UTC, so no time zone can shift it to the previous or next day.
 * Anything that is not an ISO date is returned as it came, rather than as "Invalid Date".
 */
export function formatDate(isoDate: string, locale: string, dateStyle: 'long' | 'medium' = 'long'): string {
  const match = ISO_DATE.exec(isoDate);
  if (!match) return isoDate;
  const [, year, month, day] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), 12));
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(locale, { dateStyle, timeZone: 'UTC' }).format(date);
}

/** Today's calendar date where the person is, as 'YYYY-MM-DD'. */
export function localIsoDate(now: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
