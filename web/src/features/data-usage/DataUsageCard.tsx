import { useTranslation } from 'react-i18next';
import { Link } from '../../app/routing/Link.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import { DATA_USAGE_PATH } from './paths.ts';

/** On the profile: the data shown there was read from the registers, and that is on record. */
export function DataUsageCard() {
  const { t } = useTranslation();
  return (
    <Card title={t('dataUsage.title')}>
      <p>{t('dataUsage.fromProfile')}</p>
      <p>
        <Link href={DATA_USAGE_PATH}>{t('dataUsage.title')}</Link>
      </p>
    </Card>
  );
}
