import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../shared/api/describe-error.ts';
import type { DownloadedFile } from '../../shared/api/downloaded-file.ts';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import type { SignedReport } from './report.ts';
import { reportJsonBlob, saveFile } from './save-file.ts';

type DownloadState =
  | { kind: 'idle' }
  | { kind: 'preparing' }
  | { kind: 'saved'; format: 'pdf' | 'json' }
  | { kind: 'failed'; error: unknown };

interface ReportDownloadsProps {
  report: SignedReport;
  /** Fetches the PDF (with the token, or as a new public request), in the given language. */
  downloadPdf: (language: string) => Promise<DownloadedFile>;
  /** Also offer the signed JSON shown on screen. */
  offerJson?: boolean;
  /** Said under the buttons, e.g. that a PDF is issued as a new report. */
  note?: string;
}

/** "Download PDF" (and "Download JSON"): saved through a blob URL, with progress and failure in words. */
export function ReportDownloads({ report, downloadPdf, offerJson = false, note }: ReportDownloadsProps) {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<DownloadState>({ kind: 'idle' });

  async function savePdf() {
    if (state.kind === 'preparing') return;
    setState({ kind: 'preparing' });
    try {
      const file = await downloadPdf(i18n.resolvedLanguage ?? i18n.language);
      saveFile(file.blob, file.filename ?? `vehicle-report-${report.reference}.pdf`);
      setState({ kind: 'saved', format: 'pdf' });
    } catch (error) {
      setState({ kind: 'failed', error });
    }
  }

  function saveJson() {
    saveFile(reportJsonBlob(report), `vehicle-report-${report.reference}.json`);
    setState({ kind: 'saved', format: 'json' });
  }

  return (
    <div className="report-downloads stack">
      <div className="button-group">
        <Button onClick={savePdf} disabled={state.kind === 'preparing'}>
          {t('vehicleReport.downloads.pdf')}
        </Button>
        {offerJson && (
          <Button variant="secondary" onClick={saveJson}>
            {t('vehicleReport.downloads.json')}
          </Button>
        )}
      </div>
      {note && <p className="report-note">{note}</p>}
      {/* Present from the start, so that screen readers announce each change of its text. */}
      <p role="status" className="report-downloads__status">
        {state.kind === 'preparing' && t('vehicleReport.downloads.preparingPdf')}
        {state.kind === 'saved' &&
          (state.format === 'pdf'
            ? t('vehicleReport.downloads.pdfSaved')
            : t('vehicleReport.downloads.jsonSaved'))}
      </p>
      {state.kind === 'failed' && <DownloadFailed error={state.error} />}
    </div>
  );
}

function DownloadFailed({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const { title, detail } = describeError(error, t);
  return (
    <Alert tone="error" title={t('vehicleReport.downloads.failed')}>
      <p>{title}</p>
      {detail && <p>{detail}</p>}
    </Alert>
  );
}
