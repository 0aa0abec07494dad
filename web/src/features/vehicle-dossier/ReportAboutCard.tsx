import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../app/routing/Link.tsx';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Card } from '../../shared/ui/Card.tsx';
import { Field, FieldList } from '../../shared/ui/Field.tsx';
import { verifyPath } from './paths.ts';
import type { SignedReport } from './report.ts';
import { viewerName } from './report-labels.ts';

/** The report's identity: its reference, when and by whom it was issued, for whom, and its downloads. */
export function ReportAboutCard({ report, actions }: { report: SignedReport; actions?: ReactNode }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Card title={t('vehicleReport.header.title')}>
      <FieldList>
        <Field label={t('vehicleReport.header.reference')}>
          <span className="report-reference">{report.reference}</span>
        </Field>
        <Field label={t('vehicleReport.header.issuedAt')}>{format.dateTime(report.issuedAt)}</Field>
        <Field label={t('vehicleReport.header.viewer')}>{viewerName(report.viewer, t)}</Field>
        <Field label={t('vehicleReport.header.issuer')}>{report.issuer}</Field>
      </FieldList>
      <p className="report-note">
        {t('vehicleReport.header.signed')}{' '}
        <Link href={verifyPath(report.reference)}>
          {t('vehicleReport.header.checkLink', { reference: report.reference })}
        </Link>
      </p>
      {actions}
    </Card>
  );
}
