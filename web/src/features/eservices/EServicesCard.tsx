import { useTranslation } from 'react-i18next';
import { Link } from '../../app/routing/Link.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import { PARKING_PERMIT_PATH } from './paths.ts';

/** On the profile: the data shown there can fill in an e-service form. */
export function EServicesCard() {
  const { t } = useTranslation();
  return (
    <Card title={t('eservices.title')}>
      <p>{t('eservices.fromProfile')}</p>
      <p>
        <Link href={PARKING_PERMIT_PATH}>{t('eservices.parkingPermit.title')}</Link>
      </p>
    </Card>
  );
}
