import type { OwnedVehicle } from '@civitas/contracts/api/profile.ts';
import { useTranslation } from 'react-i18next';
import { Link } from '../../app/routing/Link.tsx';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Card } from '../../shared/ui/Card.tsx';
import { Field, FieldList } from '../../shared/ui/Field.tsx';
import { dossierPath } from '../vehicle-dossier/paths.ts';
import { colourName, fuelName } from '../vehicle-dossier/report-labels.ts';
import './VehiclesCard.css';

export function VehiclesCard({ vehicles }: { vehicles: OwnedVehicle[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Card title={t('vehicles.title')}>
      {vehicles.length === 0 ? (
        <p className="secondary-text">{t('vehicles.none')}</p>
      ) : (
        <div className="stack">
          {vehicles.map((vehicle) => (
            <Card key={vehicle.vin} headingLevel={3} title={`${vehicle.make} ${vehicle.model}`}>
              <FieldList>
                <Field label={t('vehicles.plate')}>
                  {vehicle.plate ? (
                    <span className="plate">
                      <span className="plate__country" aria-hidden="true">
                        BG
                      </span>
                      {/* Plates are written in Cyrillic letters: read as Bulgarian. */}
                      <span lang="bg">{vehicle.plate}</span>
                    </span>
                  ) : (
                    t('vehicles.noPlate')
                  )}
                </Field>
                <Field label={t('vehicles.vin')}>
                  <span className="vin">{vehicle.vin}</span>
                </Field>
                <Field label={t('vehicles.firstRegistration')}>
                  {format.date(vehicle.firstRegistrationDate)}
                </Field>
                <Field label={t('vehicles.modelYear')}>{vehicle.modelYear}</Field>
                <Field label={t('vehicles.fuel')}>{fuelName(vehicle.fuel, t)}</Field>
                <Field label={t('vehicles.colour')}>{colourName(vehicle.colour, t)}</Field>
              </FieldList>
              <p className="vehicle-links">
                <Link href={dossierPath(vehicle.vin)}>
                  {t('vehicles.historyReport')}
                  <span className="visually-hidden">
                    {' '}
                    {t('vehicles.historyReportFor', {
                      vehicle: `${vehicle.make} ${vehicle.model}, ${vehicle.vin}`,
                    })}
                  </span>
                </Link>
              </p>
            </Card>
          ))}
        </div>
      )}
    </Card>
  );
}
