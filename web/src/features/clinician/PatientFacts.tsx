import type { Patient } from '@medplum/fhirtypes';
import { useTranslation } from 'react-i18next';
import { localIsoDate } from '../../shared/i18n/format-date.ts';
import { ProperName } from '../../shared/i18n/ProperName.tsx';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { ageOn, genderKey, nameText } from './patient-format.ts';

/** A patient's name as the record writes it (transliterated for Latin-script readers). */
export function PatientName({ patient }: { patient: Patient }) {
  const { t } = useTranslation();
  const name = nameText(patient.name);
  return name ? <ProperName name={name} /> : <span>{t('clinician.unnamed')}</span>;
}

/** Birth date, age and sex in one line: enough to tell two patients apart, never their personal number. */
export function PatientFacts({ patient }: { patient: Patient }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const age = ageOn(patient.birthDate, localIsoDate(new Date()));
  const parts = [
    patient.birthDate && /^\d{4}-\d{2}-\d{2}$/.test(patient.birthDate)
      ? t('clinician.born', { date: format.date(patient.birthDate) })
      : null,
    age !== null ? t('clinician.age', { count: age }) : null,
    t(`clinician.gender.${genderKey(patient)}`),
  ].filter(Boolean);
  return <span className="patient-facts">{parts.join(' · ')}</span>;
}
