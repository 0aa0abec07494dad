import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Card } from '../../shared/ui/Card.tsx';
import { Field, FieldList } from '../../shared/ui/Field.tsx';
import type { SignedReport } from './report.ts';
import { bodyName, categoryName, colourName, fuelName } from './report-labels.ts';
import { SectionUnavailable } from './SectionUnavailable.tsx';

export function TechnicalDataCard({ technical }: { technical: SignedReport['technical'] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Card title={t('vehicleReport.sections.technical')}>
      {technical ? (
        <FieldList>
          <Field label={t('vehicleReport.technical.vin')}>
            <span className="report-reference">{technical.vin}</span>
          </Field>
          <Field label={t('vehicleReport.technical.make')}>{technical.make}</Field>
          <Field label={t('vehicleReport.technical.model')}>{technical.model}</Field>
          <Field label={t('vehicleReport.technical.category')}>{categoryName(technical.category, t)}</Field>
          <Field label={t('vehicleReport.technical.body')}>{bodyName(technical.body, t)}</Field>
          <Field label={t('vehicleReport.technical.fuel')}>{fuelName(technical.fuel, t)}</Field>
          <Field label={t('vehicleReport.technical.engine')}>
            {t('vehicleReport.technical.engineValue', { value: format.number(technical.engineCc) })}
          </Field>
          <Field label={t('vehicleReport.technical.power')}>
            {t('vehicleReport.technical.powerValue', { value: format.number(technical.powerKw) })}
          </Field>
          <Field label={t('vehicleReport.technical.mass')}>
            {t('vehicleReport.technical.massValue', { value: format.number(technical.massKg) })}
          </Field>
          <Field label={t('vehicleReport.technical.colour')}>{colourName(technical.colour, t)}</Field>
          <Field label={t('vehicleReport.technical.modelYear')}>{technical.modelYear}</Field>
        </FieldList>
      ) : (
        <SectionUnavailable />
      )}
    </Card>
  );
}
