import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../shared/ui/PageHeading.tsx';

/** PLACEHOLDER: the clinician feature fills this screen. */
export function ClinicianScreen() {
  const { t } = useTranslation();
  return <PageHeading title={t('clinician.title')}>{t('clinician.title')}</PageHeading>;
}
