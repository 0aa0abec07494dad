import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { LoadingIndicator } from '../../shared/ui/LoadingIndicator.tsx';
import { PageHeading } from '../../shared/ui/PageHeading.tsx';
import { ReportDownloads } from './ReportDownloads.tsx';
import { ReportView } from './ReportView.tsx';
import type { PublicReportRequest, SignedReport } from './report.ts';
import { requestPublicReport, requestPublicReportPdf } from './request-public-report.ts';
import { VehicleCheckForm } from './VehicleCheckForm.tsx';
import { describeVehicleCheckError } from './vehicle-check-error.ts';

type CheckState =
  | { kind: 'editing' }
  | { kind: 'checking' }
  | { kind: 'failed'; error: unknown }
  | { kind: 'done'; request: PublicReportRequest; report: SignedReport };

/** "Check a vehicle's history": anyone's report on a vehicle, given a second fact. No sign-in. */
export function VehicleCheckScreen() {
  const { t } = useTranslation();
  const [state, setState] = useState<CheckState>({ kind: 'editing' });
  const [formKey, setFormKey] = useState(0);
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  async function check(request: PublicReportRequest) {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    setState({ kind: 'checking' });
    try {
      const report = await requestPublicReport(request, current.signal);
      setState({ kind: 'done', request, report });
    } catch (error) {
      if (!current.signal.aborted) setState({ kind: 'failed', error });
    }
  }

  function checkAnother() {
    setFormKey((key) => key + 1);
    setState({ kind: 'editing' });
  }

  return (
    <div className="stack">
      <PageHeading title={t('vehicleCheck.title')}>{t('vehicleCheck.title')}</PageHeading>
      <p className="lead">{t('vehicleCheck.intro')}</p>
      <p>{t('vehicleCheck.privacy')}</p>
      {state.kind !== 'done' && (
        <VehicleCheckForm key={formKey} busy={state.kind === 'checking'} onSubmit={check} />
      )}
      {state.kind === 'checking' && <LoadingIndicator label={t('vehicleCheck.submitting')} />}
      {state.kind === 'failed' && <CheckFailed error={state.error} />}
      {state.kind === 'done' && (
        <CheckResult request={state.request} report={state.report} onCheckAnother={checkAnother} />
      )}
    </div>
  );
}

function CheckFailed({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const { title, detail } = describeVehicleCheckError(error, t);
  return (
    <Alert ref={ref} tone="error" title={t('vehicleCheck.errors.failed')}>
      <p>{title}</p>
      {detail && <p>{detail}</p>}
    </Alert>
  );
}

interface CheckResultProps {
  request: PublicReportRequest;
  report: SignedReport;
  onCheckAnother: () => void;
}

function CheckResult({ request, report, onCheckAnother }: CheckResultProps) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  // The form is gone: move to the report's heading, so reading continues there.
  useEffect(() => heading.current?.focus(), []);
  const vehicle = report.technical ? `${report.technical.make} ${report.technical.model}` : report.vin;
  return (
    <section className="stack" aria-labelledby="vehicle-check-result">
      <h2 id="vehicle-check-result" ref={heading} tabIndex={-1}>
        {t('vehicleCheck.resultTitle', { vehicle })}
      </h2>
      <div className="button-group">
        <Button variant="secondary" onClick={onCheckAnother}>
          {t('vehicleCheck.checkAnother')}
        </Button>
      </div>
      <ReportView
        report={report}
        actions={
          <ReportDownloads
            report={report}
            downloadPdf={(language) => requestPublicReportPdf(request, language)}
            offerJson
            note={t('vehicleCheck.pdfNote')}
          />
        }
      />
    </section>
  );
}
