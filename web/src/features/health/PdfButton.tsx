import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../shared/api/describe-error.ts';
import type { DownloadedFile } from '../../shared/api/downloaded-file.ts';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Button, type ButtonVariant } from '../../shared/ui/Button.tsx';
import { saveFile } from '../vehicle-dossier/save-file.ts';

type PdfState =
  | { kind: 'idle' }
  | { kind: 'preparing' }
  | { kind: 'saved' }
  | { kind: 'failed'; error: unknown };

/**
 * Fetches a PDF with the session's token (a link could not carry it) and hands it to the browser
 * to open or save; says while it is being prepared, when it is saved, and why it failed.
 */
export function PdfButton({
  label,
  accessibleLabel,
  download,
  filename,
  variant = 'primary',
}: {
  label: string;
  accessibleLabel?: string;
  download: () => Promise<DownloadedFile>;
  filename: string;
  variant?: ButtonVariant;
}) {
  const { t } = useTranslation();
  const [state, setState] = useState<PdfState>({ kind: 'idle' });

  async function fetchPdf() {
    if (state.kind === 'preparing') return;
    setState({ kind: 'preparing' });
    try {
      const file = await download();
      saveFile(file.blob, file.filename ?? filename);
      setState({ kind: 'saved' });
    } catch (error) {
      setState({ kind: 'failed', error });
    }
  }

  return (
    <div className="health-pdf">
      <Button
        variant={variant}
        aria-label={accessibleLabel}
        disabled={state.kind === 'preparing'}
        onClick={fetchPdf}
      >
        {label}
      </Button>
      <p role="status" className="health-pdf__status">
        {state.kind === 'preparing' && t('health.pdf.preparing')}
        {state.kind === 'saved' && t('health.pdf.saved')}
      </p>
      {state.kind === 'failed' && <PdfFailed error={state.error} />}
    </div>
  );
}

function PdfFailed({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const { title, detail } = describeError(error, t);
  return (
    <Alert tone="error" title={t('health.pdf.failed')}>
      <p>{title}</p>
      {detail && <p>{detail}</p>}
    </Alert>
  );
}
