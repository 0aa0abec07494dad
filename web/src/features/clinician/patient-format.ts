import type { HumanName, Patient } from '@medplum/fhirtypes';
import { localIsoDate } from '../../shared/i18n/format-date.ts';
import type { RangeFor } from './terms.ts';

/** A person's name as the record writes it (the official one first): given names, then family. */
export function nameText(names: readonly HumanName[] | undefined): string | null {
  const name = names?.find((candidate) => candidate.use === 'official') ?? names?.[0];
  if (!name) return null;
  if (name.text?.trim()) return name.text.trim();
  const parts = [...(name.given ?? []), name.family ?? ''].map((part) => part.trim()).filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : null;
}

/** Whole years from a birth date (YYYY[-MM[-DD]]) to a day (YYYY-MM-DD); null when unknown. */
export function ageOn(birthDate: string | undefined, today: string): number | null {
  const birth = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(birthDate ?? '');
  const now = /^(\d{4})-(\d{2})-(\d{2})/.exec(today);
  if (!birth || !now) return null;
  const [by, bm = '01', bd = '01'] = birth.slice(1);
  let age = Number(now[1]) - Number(by);
  if (`${now[2]}-${now[3]}` < `${bm}-${bd}`) age -= 1;
  return age >= 0 ? age : null;
}

/** The patient's sex as the screens word it (a key of `clinician.gender`). */
export function genderKey(patient: Patient): 'male' | 'female' | 'other' | 'unknown' {
  return patient.gender ?? 'unknown';
}

/** What a lab test's reference range depends on: the patient's sex and age today. */
export function rangeFor(patient: Patient): RangeFor {
  const sex = patient.gender === 'male' || patient.gender === 'female' ? patient.gender : null;
  return { sex, age: ageOn(patient.birthDate, localIsoDate(new Date())) };
}
