import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/api-error.ts';
import { useApiResource } from '../../shared/api/use-api-resource.ts';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import { Field, FieldList } from '../../shared/ui/Field.tsx';
import { LoadFailed } from '../../shared/ui/LoadFailed.tsx';
import { LoadingIndicator } from '../../shared/ui/LoadingIndicator.tsx';
import { fetchIssuedReport } from './fetch-issued-report.ts';
import type { IssuedReport } from './report.ts';
import { viewerName } from './report-labels.ts';
import { VerdictTitle } from './VerdictTitle.tsx';

/** What the platform's record says about the reference in the address (the PDF's QR code). */
export function IssuedReportCard({ reference }: { reference: string }) {
  const { t } = useTranslation();
  const { state, retry } = useApiResource((signal) => fetchIssuedReport(reference, signal));
  return (
    <Card title={t('verifyReport.referenceTitle', { reference })}>
      {state.kind === 'loading' && <LoadingIndicator label={t('verifyReport.loading')} />}
      {state.kind === 'failed' && <LookupFailed reference={reference} error={state.error} onRetry={retry} />}
      {state.kind === 'loaded' && <IssuedReportDetails report={state.value} />}
    </Card>
  );
}

function IssuedReportDetails({ report }: { report: IssuedReport }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <>
      <Alert tone="success">
        <VerdictTitle valid={true}>{t('verifyReport.issued')}</VerdictTitle>
      </Alert>
      <FieldList>
        <Field label={t('verifyReport.fields.reference')}>
          <span className="report-reference">{report.reference}</span>
        </Field>
        <Field label={t('verifyReport.fields.vin')}>
          <span className="report-reference">{report.vin}</span>
        </Field>
        <Field label={t('verifyReport.fields.issuedAt')}>{format.dateTime(report.issuedAt)}</Field>
        <Field label={t('verifyReport.fields.viewer')}>{viewerName(report.viewer, t)}</Field>
        <Field label={t('verifyReport.fields.partial')}>
          {report.partial ? t('verifyReport.partialYes') : t('verifyReport.partialNo')}
        </Field>
        <Field label={t('verifyReport.fields.pdfIssued')}>
          {report.pdfIssued ? t('verifyReport.yes') : t('verifyReport.no')}
        </Field>
      </FieldList>
      <p className="report-note">{t('verifyReport.compareHint')}</p>
    </>
  );
}

function LookupFailed({
  reference,
  error,
  onRetry,
}: {
  reference: string;
  error: unknown;
  onRetry: () => void;
}) {
  const { t } = useTranslation();
  const code = error instanceof ApiError ? error.problem?.code : undefined;
  if (code === 'report-not-found') {
    return (
      <Alert tone="error">
        <VerdictTitle valid={false}>{t('verifyReport.notIssued')}</VerdictTitle>
      </Alert>
    );
  }
  if (code === 'validation-failed') {
    return <Alert tone="error" title={t('verifyReport.notAReference', { reference })} />;
  }
  return (
    <LoadFailed
      title={t('verifyReport.lookupFailed')}
      error={error}
      retryLabel={t('verifyReport.retry')}
      onRetry={onRetry}
    />
  );
}
