import { useTranslation } from 'react-i18next';
import { Link } from '../../app/routing/Link.tsx';
import { PageHeading } from '../../shared/ui/PageHeading.tsx';
import { VEHICLE_CHECK_PATH } from '../vehicle-dossier/paths.ts';
import { PARKING_PERMIT_PATH } from './paths.ts';
import './ServicesScreen.css';

/** The e-services catalogue: the sample service whose form fills itself in, and the vehicle check. */
export function ServicesScreen() {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <PageHeading title={t('eservices.title')}>{t('eservices.title')}</PageHeading>
      <p className="lead">{t('eservices.intro')}</p>
      <ul className="service-list">
        <li className="card service-list__item">
          <h2 className="service-list__title">
            <Link href={PARKING_PERMIT_PATH}>{t('eservices.parkingPermit.title')}</Link>
          </h2>
          <p>{t('eservices.parkingPermit.description')}</p>
        </li>
        <li className="card service-list__item">
          <h2 className="service-list__title">
            <Link href={VEHICLE_CHECK_PATH}>{t('eservices.vehicleCheck.title')}</Link>
          </h2>
          <p>{t('eservices.vehicleCheck.description')}</p>
        </li>
      </ul>
    </div>
  );
}
