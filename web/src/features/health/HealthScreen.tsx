import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../shared/ui/PageHeading.tsx';

/** PLACEHOLDER: the health feature fills this screen. */
export function HealthScreen() {
  const { t } = useTranslation();
  return <PageHeading title={t('health.title')}>{t('health.title')}</PageHeading>;
}
