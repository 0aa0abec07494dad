import { useTranslation } from 'react-i18next';
import { ProperName } from '../../shared/i18n/ProperName.tsx';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Badge } from '../../shared/ui/Badge.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import { Field, FieldList } from '../../shared/ui/Field.tsx';
import type { SignedReport } from './report.ts';
import { SectionUnavailable } from './SectionUnavailable.tsx';

/** Motor third-party liability: insured until when and by whom, or not insured today. */
export function InsuranceCard({ insurance }: { insurance: SignedReport['insurance'] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (!insurance) {
    return (
      <Card title={t('vehicleReport.sections.insurance')}>
        <SectionUnavailable />
      </Card>
    );
  }
  return (
    <Card
      title={t('vehicleReport.sections.insurance')}
      aside={
        insurance.insured ? (
          <Badge tone="success">{t('vehicleReport.insurance.insured')}</Badge>
        ) : (
          <Badge tone="danger">{t('vehicleReport.insurance.notInsured')}</Badge>
        )
      }
    >
      <p className={`report-verdict report-verdict--${insurance.insured ? 'success' : 'danger'}`}>
        {insurance.insured && insurance.endsOn
          ? t('vehicleReport.insurance.insuredUntil', { date: format.date(insurance.endsOn) })
          : insurance.insured
            ? t('vehicleReport.insurance.insured')
            : t('vehicleReport.insurance.notInsuredText')}
        {!insurance.insured &&
          insurance.endsOn &&
          ` ${t('vehicleReport.insurance.lastEnded', { date: format.date(insurance.endsOn) })}`}
      </p>
      <FieldList>
        {insurance.insurer && (
          <Field label={t('vehicleReport.insurance.insurer')}>
            <ProperName name={insurance.insurer} />
          </Field>
        )}
        <Field label={t('vehicleReport.insurance.policies')}>{insurance.policies}</Field>
      </FieldList>
    </Card>
  );
}
