import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../shared/ui/PageHeading.tsx';

/** PLACEHOLDER: the pharmacy feature fills this screen. */
export function PharmacyScreen() {
  const { t } = useTranslation();
  return <PageHeading title={t('pharmacy.title')}>{t('pharmacy.title')}</PageHeading>;
}
