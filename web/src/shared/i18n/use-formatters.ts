import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from './format-date.ts';
import { formatDateTime, formatShortDateTime } from './format-date-time.ts';
import { formatMoney, formatNumber } from './format-number.ts';
import { formattingLocaleOf } from './languages.ts';

/** Formatting bound to the current language, so components never pick a locale themselves. */
export function useFormatters() {
  const { i18n } = useTranslation();
  const locale = formattingLocaleOf(i18n.resolvedLanguage ?? i18n.language);
  return useMemo(
    () => ({
      date: (isoDate: string) => formatDate(isoDate, locale),
      /** The shorter form for table cells (14 Mar 2023). */
      shortDate: (isoDate: string) => formatDate(isoDate, locale, 'medium'),
      dateTime: (isoTimestamp: string) => formatDateTime(isoTimestamp, locale),
      shortDateTime: (isoTimestamp: string) => formatShortDateTime(isoTimestamp, locale),
      number: (value: number) => formatNumber(value, locale),
      money: (cents: number) => formatMoney(cents, locale),
    }),
    [locale],
  );
}
