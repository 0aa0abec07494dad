import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../app/routing/Link.tsx';
import { useSavedApiResource } from '../../shared/api/use-api-resource.ts';
import { LoadFailed } from '../../shared/ui/LoadFailed.tsx';
import { LoadingIndicator } from '../../shared/ui/LoadingIndicator.tsx';
import { PageHeading } from '../../shared/ui/PageHeading.tsx';
import { SavedDataNote } from '../../shared/ui/SavedDataNote.tsx';
import { BreakGlassNotices } from './BreakGlassNotices.tsx';
import { HealthRecordView } from './HealthRecordView.tsx';
import type { HealthPatient } from './health-api.ts';
import { fetchPatients } from './health-requests.ts';
import { RecordSwitcher } from './RecordSwitcher.tsx';
import '../../shared/ui/FormFields.css';
import './Health.css';

/**
 * The citizen's "My health" tab: their health record (and their minor children's), read through
 * the FHIR API with their own token, readable offline after the first load.
 */
export function HealthScreen() {
  const { t } = useTranslation();
  const { state, savedAt, retry } = useSavedApiResource(fetchPatients);
  const [chosen, setChosen] = useState<string | null>(null);

  return (
    <div className="stack health">
      <PageHeading title={t('health.title')}>{t('health.title')}</PageHeading>
      <p className="lead">{t('health.intro')}</p>
      {state.kind !== 'loaded' && <SavedDataNote savedAt={savedAt} onRetry={retry} />}
      {state.kind === 'loading' && <LoadingIndicator label={t('health.loading')} />}
      {state.kind === 'failed' && (
        <LoadFailed
          title={t('health.loadFailed')}
          error={state.error}
          retryLabel={t('health.retry')}
          onRetry={retry}
        />
      )}
      {state.kind === 'loaded' && (
        <Records
          patients={state.value}
          chosen={chosen}
          onChoose={setChosen}
          savedAt={savedAt}
          onRetry={retry}
        />
      )}
      <p>
        <Link href="/profile">{t('health.backToProfile')}</Link>
      </p>
    </div>
  );
}

function Records({
  patients,
  chosen,
  onChoose,
  savedAt,
  onRetry,
}: {
  patients: HealthPatient[];
  chosen: string | null;
  onChoose: (patientId: string) => void;
  /** When the list of records was saved, if it is a saved one (offline). */
  savedAt: number | null;
  onRetry: () => void;
}) {
  const { t } = useTranslation();
  const current =
    patients.find((patient) => patient.patientId === chosen) ??
    patients.find((patient) => patient.self) ??
    patients[0];
  if (!current)
    return (
      <>
        <SavedDataNote savedAt={savedAt} onRetry={onRetry} />
        <p>{t('health.noRecord')}</p>
      </>
    );
  return (
    <>
      <BreakGlassNotices patients={patients} />
      {patients.length > 1 && (
        <RecordSwitcher patients={patients} current={current.patientId} onChoose={onChoose} />
      )}
      <HealthRecordView
        key={current.patientId}
        patient={current}
        listSavedAt={savedAt}
        onRetryList={onRetry}
      />
    </>
  );
}
