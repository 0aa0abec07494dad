import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiResource } from '../../shared/api/use-api-resource.ts';
import { formattingLocaleOf } from '../../shared/i18n/languages.ts';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { LoadFailed } from '../../shared/ui/LoadFailed.tsx';
import { LoadingIndicator } from '../../shared/ui/LoadingIndicator.tsx';
import { PageHeading } from '../../shared/ui/PageHeading.tsx';
import { AllergiesAlert, ChartSections } from './ChartSections.tsx';
import { type Clinician, isNotFound, loadChart } from './clinician-client.ts';
import { EncounterForm, type RecordedEncounter } from './EncounterForm.tsx';
import { PatientFacts, PatientName } from './PatientFacts.tsx';
import { PrescriptionIssued } from './PrescriptionIssued.tsx';
import { nameText, rangeFor } from './patient-format.ts';
import { ReferralForm } from './ReferralForm.tsx';

type Task = 'none' | 'encounter' | 'referral';

/** A patient's chart, with the forms to record an encounter and to order a referral. */
export function ChartScreen({
  me,
  patientId,
  emergencyUntil,
  onBack,
}: {
  me: Clinician;
  patientId: string;
  emergencyUntil: string | null;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const load = useCallback((signal: AbortSignal) => loadChart(patientId, signal), [patientId]);
  const chart = useApiResource(load);
  const [task, setTask] = useState<Task>('none');
  const [recorded, setRecorded] = useState<RecordedEncounter | null>(null);
  const [referred, setReferred] = useState(false);

  const back = (
    <div className="button-group">
      <Button variant="secondary" onClick={onBack}>
        {t('clinician.chart.back')}
      </Button>
    </div>
  );

  if (chart.state.kind === 'loading')
    return (
      <div className="stack">
        {back}
        <LoadingIndicator label={t('clinician.chart.loading')} />
      </div>
    );
  if (chart.state.kind === 'failed')
    return (
      <div className="stack">
        <PageHeading title={t('clinician.chart.title')}>{t('clinician.chart.title')}</PageHeading>
        {back}
        {isNotFound(chart.state.error) ? (
          <Alert tone="warning" title={t('clinician.chart.noAccessTitle')}>
            <p>{t('clinician.chart.noAccess')}</p>
          </Alert>
        ) : (
          <LoadFailed
            title={t('clinician.chart.failed')}
            error={chart.state.error}
            retryLabel={t('clinician.retry')}
            onRetry={chart.retry}
          />
        )}
      </div>
    );

  const value = chart.state.value;
  const name = nameText(value.patient.name) ?? t('clinician.unnamed');
  return (
    <div className="stack">
      {back}
      <PageHeading title={t('clinician.chart.tabTitle', { name })}>
        <PatientName patient={value.patient} />
      </PageHeading>
      <p className="lead">
        <PatientFacts patient={value.patient} />
      </p>
      {emergencyUntil && <EmergencyBanner until={emergencyUntil} />}
      <AllergiesAlert section={value.allergies} />

      {recorded && (
        <Alert tone="success" title={t('clinician.encounter.recorded')}>
          <p>{t('clinician.encounter.recordedBody')}</p>
        </Alert>
      )}
      {recorded?.prescription && (
        <PrescriptionIssued prescription={recorded.prescription} patientId={patientId} />
      )}
      {referred && <Alert tone="success" title={t('clinician.referral.ordered')} />}

      {task === 'none' && (
        <div className="button-group">
          <Button onClick={() => setTask('encounter')}>{t('clinician.chart.recordEncounter')}</Button>
          <Button variant="secondary" onClick={() => setTask('referral')}>
            {t('clinician.chart.orderReferral')}
          </Button>
        </div>
      )}
      {task === 'encounter' && (
        <EncounterForm
          me={me}
          patientId={patientId}
          rangeFor={rangeFor(value.patient)}
          onCancel={() => setTask('none')}
          onRecorded={(result) => {
            setRecorded(result);
            setReferred(false);
            setTask('none');
            chart.retry();
          }}
        />
      )}
      {task === 'referral' && (
        <ReferralForm
          me={me}
          patientId={patientId}
          onCancel={() => setTask('none')}
          onOrdered={() => {
            setReferred(true);
            setRecorded(null);
            setTask('none');
          }}
        />
      )}
      <ChartSections chart={value} />
    </div>
  );
}

/** Break-glass: the record is open in an emergency, until a time; the patient is told. */
function EmergencyBanner({ until }: { until: string }) {
  const { t, i18n } = useTranslation();
  const time = new Intl.DateTimeFormat(formattingLocaleOf(i18n.resolvedLanguage ?? i18n.language), {
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(until));
  return (
    <Alert tone="warning" title={t('clinician.chart.emergencyTitle', { time })}>
      <p>{t('clinician.chart.emergencyBody')}</p>
    </Alert>
  );
}
