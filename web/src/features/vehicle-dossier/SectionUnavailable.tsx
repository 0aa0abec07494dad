import { useTranslation } from 'react-i18next';

/** In place of a section whose register did not answer (the report is then partial). */
export function SectionUnavailable() {
  const { t } = useTranslation();
  return <p className="secondary-text">{t('vehicleReport.notAvailable')}</p>;
}
