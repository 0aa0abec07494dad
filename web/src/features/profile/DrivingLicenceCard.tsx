import type { DrivingLicence } from '@civitas/contracts/api/profile.ts';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Badge } from '../../shared/ui/Badge.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import { Field, FieldList } from '../../shared/ui/Field.tsx';
import { effectiveValidity, validityTone } from './validity.ts';
import './DrivingLicenceCard.css';

export function DrivingLicenceCard({ licence, today }: { licence: DrivingLicence | null; today: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (!licence) {
    return (
      <Card title={t('drivingLicence.title')}>
        <p className="secondary-text">{t('drivingLicence.none')}</p>
      </Card>
    );
  }
  const validity = effectiveValidity(licence.status, licence.validUntil, today);
  return (
    <Card
      title={t('drivingLicence.title')}
      aside={<Badge tone={validityTone(validity)}>{t(`validity.${validity}`)}</Badge>}
    >
      <FieldList>
        <Field label={t('drivingLicence.number')}>{licence.number}</Field>
        <Field label={t('drivingLicence.issuedOn')}>{format.date(licence.issuedOn)}</Field>
        <Field label={t('drivingLicence.validUntil')}>{format.date(licence.validUntil)}</Field>
        <Field label={t('drivingLicence.points')}>{licence.pointsRemaining}</Field>
      </FieldList>
      <table className="categories">
        <caption>{t('drivingLicence.categories')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('drivingLicence.category')}</th>
            <th scope="col">{t('drivingLicence.obtainedOn')}</th>
          </tr>
        </thead>
        <tbody>
          {licence.categories.map(({ category, obtainedOn }) => (
            <tr key={category}>
              <th scope="row">{category}</th>
              <td>{format.date(obtainedOn)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
