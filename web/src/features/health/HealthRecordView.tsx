import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSavedApiResource } from '../../shared/api/use-api-resource.ts';
import { LoadFailed } from '../../shared/ui/LoadFailed.tsx';
import { LoadingIndicator } from '../../shared/ui/LoadingIndicator.tsx';
import { SavedDataNote } from '../../shared/ui/SavedDataNote.tsx';
import { DocumentsSection } from './DocumentsSection.tsx';
import { fetchHealthRecord } from './fhir-record.ts';
import type { HealthPatient } from './health-api.ts';
import { fetchRestrictions } from './health-requests.ts';
import { PrescriptionsSection } from './PrescriptionsSection.tsx';
import { PrivacySection } from './PrivacySection.tsx';
import { RecordListsSection } from './RecordListsSection.tsx';
import { ResultsSection } from './ResultsSection.tsx';
import { RestrictionsContext, type RestrictionsState } from './restrictions-context.ts';
import { TimelineSection } from './TimelineSection.tsx';

export const SECTIONS = ['timeline', 'results', 'medicines', 'record', 'documents', 'privacy'] as const;
export type Section = (typeof SECTIONS)[number];

function sectionFromHash(): Section {
  const hash = location.hash.slice(1);
  return (SECTIONS as readonly string[]).includes(hash) ? (hash as Section) : 'timeline';
}

/** The older of two saved times (null: fresh). */
const oldest = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));

/** One patient's record, a section at a time (the chosen one kept in the address, for back and reload). */
export function HealthRecordView({
  patient,
  listSavedAt,
  onRetryList,
}: {
  patient: HealthPatient;
  /** When the list of records shown was saved (offline), so that one note says it for both. */
  listSavedAt: number | null;
  onRetryList: () => void;
}) {
  const { t } = useTranslation();
  const [section, setSection] = useState<Section>(sectionFromHash);
  const record = useSavedApiResource((signal) => fetchHealthRecord(patient.patientId, signal));
  const restrictions = useSavedApiResource(fetchRestrictions);
  const restrictionsState: RestrictionsState = {
    patientId: patient.patientId,
    list:
      restrictions.state.kind === 'loaded'
        ? restrictions.state.value.filter((item) => !item.patientId || item.patientId === patient.patientId)
        : null,
    reload: restrictions.retry,
  };

  function choose(next: Section) {
    setSection(next);
    history.replaceState(history.state, '', `#${next}`);
  }

  return (
    <RestrictionsContext value={restrictionsState}>
      <nav className="health-sections" aria-label={t('health.sections.label')}>
        <ul>
          {SECTIONS.map((name) => (
            <li key={name}>
              <button
                type="button"
                className="health-sections__button"
                aria-current={section === name ? 'true' : undefined}
                onClick={() => choose(name)}
              >
                {t(`health.sections.${name}`)}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <SavedDataNote
        savedAt={oldest(record.savedAt, listSavedAt)}
        onRetry={() => {
          onRetryList();
          record.retry();
          restrictions.retry();
        }}
      />
      {record.state.kind === 'loading' && <LoadingIndicator label={t('health.loading')} />}
      {record.state.kind === 'failed' && (
        <LoadFailed
          title={t('health.loadFailed')}
          error={record.state.error}
          retryLabel={t('health.retry')}
          onRetry={record.retry}
        />
      )}
      {record.state.kind === 'loaded' && (
        <div className="stack">
          {record.state.value.unavailable.length > 0 && (
            <p className="secondary-text">{t('health.partlyUnavailable')}</p>
          )}
          {section === 'timeline' && <TimelineSection record={record.state.value} />}
          {section === 'results' && <ResultsSection observations={record.state.value.observations} />}
          {section === 'medicines' && (
            <PrescriptionsSection patientId={patient.patientId} self={patient.self} />
          )}
          {section === 'record' && <RecordListsSection record={record.state.value} />}
          {section === 'documents' && <DocumentsSection record={record.state.value} patient={patient} />}
          {section === 'privacy' && <PrivacySection record={record.state.value} patient={patient} />}
        </div>
      )}
    </RestrictionsContext>
  );
}
