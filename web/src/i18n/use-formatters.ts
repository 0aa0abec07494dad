import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from './format-date.ts';
import { formatDateTime } from './format-date-time.ts';
import { formattingLocaleOf } from './languages.ts';

/** Formatting bound to the current language, so components never pick a locale themselves. */
export function useFormatters() {
  const { i18n } = useTranslation();
  const locale = formattingLocaleOf(i18n.resolvedLanguage ?? i18n.language);
  return useMemo(
    () => ({
      date: (isoDate: string) => formatDate(isoDate, locale),
      dateTime: (isoTimestamp: string) => formatDateTime(isoTimestamp, locale),
    }),
    [locale],
  );
}
