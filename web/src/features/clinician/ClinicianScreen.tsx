import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiResource } from '../../shared/api/use-api-resource.ts';
import { LoadFailed } from '../../shared/ui/LoadFailed.tsx';
import { LoadingIndicator } from '../../shared/ui/LoadingIndicator.tsx';
import { PageHeading } from '../../shared/ui/PageHeading.tsx';
import { ChartScreen } from './ChartScreen.tsx';
import { whoAmI } from './clinician-client.ts';
import { FindPatient } from './FindPatient.tsx';
import { PatientList, ReferredPatients } from './PatientList.tsx';
import './clinician.css';

/** The chart open, and until when if it was opened by break-glass. */
type View = { kind: 'patients' } | { kind: 'chart'; patientId: string; emergencyUntil: string | null };

/**
 * The doctor's workspace: their patients (a GP's list, a specialist's referrals), finding a patient
 * by personal number (with break-glass when the patient is not in their care), and a patient's
 * chart with the encounter and referral forms.
 */
export function ClinicianScreen() {
  const { t } = useTranslation();
  const me = useApiResource(whoAmI);
  const [view, setView] = useState<View>({ kind: 'patients' });
  // Emergency accesses granted on this screen (the ones held before came with /api/health/me).
  const [granted, setGranted] = useState<ReadonlyMap<string, string>>(new Map());

  if (me.state.kind === 'loading') return <LoadingIndicator label={t('clinician.loadingMe')} />;
  if (me.state.kind === 'failed')
    return (
      <div className="stack">
        <PageHeading title={t('clinician.title')}>{t('clinician.title')}</PageHeading>
        <LoadFailed
          title={t('clinician.meFailed')}
          error={me.state.error}
          retryLabel={t('clinician.retry')}
          onRetry={me.retry}
        />
      </div>
    );

  const clinician = me.state.value;
  if (view.kind === 'chart')
    return (
      <ChartScreen
        key={view.patientId}
        me={clinician}
        patientId={view.patientId}
        emergencyUntil={
          view.emergencyUntil ??
          granted.get(view.patientId) ??
          clinician.emergencies.get(view.patientId) ??
          null
        }
        onBack={() => setView({ kind: 'patients' })}
      />
    );

  const open = (patientId: string, emergencyUntil: string | null = null) => {
    if (emergencyUntil) setGranted((current) => new Map(current).set(patientId, emergencyUntil));
    setView({ kind: 'chart', patientId, emergencyUntil });
  };
  return (
    <div className="stack">
      <PageHeading title={t('clinician.title')}>{t('clinician.title')}</PageHeading>
      <p className="lead">{t('clinician.intro')}</p>
      <FindPatient onOpen={open} />
      {clinician.generalPractitioner && (
        <PatientList me={clinician} onOpen={(patientId) => open(patientId)} />
      )}
      <ReferredPatients me={clinician} onOpen={(patientId) => open(patientId)} />
    </div>
  );
}
