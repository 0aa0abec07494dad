import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../shared/i18n/format-date-time.ts';
import { formattingLocaleOf } from '../../shared/i18n/languages.ts';

/**
 * When a session of accesses happened, in the reader's time zone: one instant as date and time,
 * a span as a range the language writes its own way ("6 Dec 2026, 14:02 – 14:09"). Anything that
 * does not parse is returned as it came.
 */
export function formatTimeRange(
  firstIso: string,
  lastIso: string,
  locale: string,
  timeZone?: string,
): string {
  const first = new Date(firstIso);
  const last = new Date(lastIso);
  if (Number.isNaN(first.getTime()) || Number.isNaN(last.getTime())) return `${firstIso} – ${lastIso}`;
  if (first.getTime() === last.getTime()) return formatDateTime(firstIso, locale, timeZone);
  // Within one minute, to the second: else both ends would read the same.
  const sameMinute = Math.floor(first.getTime() / 60_000) === Math.floor(last.getTime() / 60_000);
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: sameMinute ? 'medium' : 'short',
    timeZone,
  }).formatRange(first, last);
}

/** The time of day alone, to the second (an access within a session whose day is already said). */
export function formatTimeOfDay(iso: string, locale: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { timeStyle: 'medium', timeZone }).format(date);
}

/** The two, bound to the interface language. */
export function useSessionTimes() {
  const { i18n } = useTranslation();
  const locale = formattingLocaleOf(i18n.resolvedLanguage ?? i18n.language);
  return useMemo(
    () => ({
      range: (firstIso: string, lastIso: string) => formatTimeRange(firstIso, lastIso, locale),
      timeOfDay: (iso: string) => formatTimeOfDay(iso, locale),
    }),
    [locale],
  );
}
