import { useTranslation } from 'react-i18next';

/** Whether the current language is written in Latin script (English, Polish) rather than Cyrillic. */
export function useLatinScript(): boolean {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return new Intl.Locale(language).maximize().script === 'Latn';
}
