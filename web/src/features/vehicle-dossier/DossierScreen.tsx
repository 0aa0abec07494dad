import { useTranslation } from 'react-i18next';
import { Link } from '../../app/routing/Link.tsx';
import { ApiError } from '../../shared/api/api-error.ts';
import { describeError } from '../../shared/api/describe-error.ts';
import { useSavedApiResource } from '../../shared/api/use-api-resource.ts';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { LoadingIndicator } from '../../shared/ui/LoadingIndicator.tsx';
import { PageHeading } from '../../shared/ui/PageHeading.tsx';
import { SavedDataNote } from '../../shared/ui/SavedDataNote.tsx';
import { downloadDossierPdf } from './download-dossier-pdf.ts';
import { fetchDossier } from './fetch-dossier.ts';
import { VEHICLE_CHECK_PATH } from './paths.ts';
import { ReportDownloads } from './ReportDownloads.tsx';
import { ReportView } from './ReportView.tsx';

/** The owner's vehicle history report ("digital vehicle dossier"), with fines and tax. */
export function DossierScreen({ vin }: { vin: string }) {
  const { t } = useTranslation();
  const { state, savedAt, retry } = useSavedApiResource((signal) => fetchDossier(vin, signal));
  const technical = state.kind === 'loaded' ? state.value.technical : null;

  return (
    <div className="stack">
      <PageHeading title={t('dossier.title')}>{t('dossier.title')}</PageHeading>
      <p className="lead">
        {technical && `${technical.make} ${technical.model} · `}
        <span className="report-reference">{vin}</span>
      </p>
      <p>{t('dossier.intro')}</p>
      <SavedDataNote savedAt={savedAt} onRetry={retry} />
      {state.kind === 'loading' && <LoadingIndicator label={t('dossier.loading')} />}
      {state.kind === 'failed' && <DossierLoadError error={state.error} onRetry={retry} />}
      {state.kind === 'loaded' && (
        <ReportView
          report={state.value}
          actions={
            <ReportDownloads
              report={state.value}
              downloadPdf={(language) => downloadDossierPdf(vin, language)}
              note={t('dossier.pdfNote')}
            />
          }
        />
      )}
      <p>
        <Link href="/profile">{t('dossier.backToProfile')}</Link>
      </p>
    </div>
  );
}

function DossierLoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  const { title, detail } = describeError(error, t);
  const code = error instanceof ApiError ? error.problem?.code : undefined;
  // An unknown VIN and someone else's vehicle get the same answer (the server does not tell which).
  const notYours = code === 'vehicle-not-found';
  // Asking again does not make a car yours or a VIN valid; it may bring back a register.
  const retryable = !notYours && code !== 'invalid-vin';
  return (
    <Alert tone="error" title={t('dossier.loadFailed')}>
      <p>{notYours ? t('dossier.notYours') : title}</p>
      {detail && !notYours && <p>{detail}</p>}
      {notYours && (
        <p>
          {t('dossier.notOwnerHint')} <Link href={VEHICLE_CHECK_PATH}>{t('vehicleCheck.title')}</Link>
        </p>
      )}
      {retryable && <Button onClick={onRetry}>{t('dossier.retry')}</Button>}
    </Alert>
  );
}
