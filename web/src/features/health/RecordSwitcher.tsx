import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { HealthPatient } from './health-api.ts';

/** Whose record is shown: the person's own, or one of their minor children's. */
export function RecordSwitcher({
  patients,
  current,
  onChoose,
}: {
  patients: readonly HealthPatient[];
  current: string;
  onChoose: (patientId: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="form-group health-switcher">
      <label className="form-label" htmlFor={id}>
        {t('health.switcher.label')}
      </label>
      <select
        id={id}
        className="form-input form-select"
        value={current}
        onChange={(event) => onChoose(event.target.value)}
      >
        {patients.map((patient) => (
          <option key={patient.patientId} value={patient.patientId}>
            {patient.self
              ? t('health.switcher.self', { name: patient.name })
              : t('health.switcher.child', { name: patient.name })}
          </option>
        ))}
      </select>
    </div>
  );
}
