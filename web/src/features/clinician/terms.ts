/**
 * The clinical codes the doctor's screens show and choose from, in words from the platform's
 * terminology (packages/contracts/src/health/terminology.ts): nothing is ever shown as a raw code.
 */
import {
  CONDITIONS,
  CodeSystem,
  codingOf,
  LABS,
  MEDICINES,
  type MeasureTerm,
  type MedicineTerm,
  referenceRangeFor,
  type Sex,
  SPECIALTIES,
  type TermLocale,
  termOf,
  VITALS,
} from '@civitas/contracts/health/terminology.ts';
import type { CodeableConcept, Coding } from '@medplum/fhirtypes';

export const SYSTEM = CodeSystem;

/** The vital signs the encounter form records (LOINC code, UCUM unit). */
export const VITAL_SIGNS = {
  systolic: VITALS.systolic,
  diastolic: VITALS.diastolic,
  heartRate: VITALS.heartRate,
  weight: VITALS.weight,
} as const satisfies Record<string, MeasureTerm>;

export type VitalSign = keyof typeof VITAL_SIGNS;

/** The language the terminology labels: bg, en or pl (anything else reads English). */
export function termLanguage(language: string): TermLocale {
  const base = language.slice(0, 2);
  return base === 'bg' || base === 'pl' ? base : 'en';
}

/** A code in words in the language, or null when the terminology does not know it. */
export function codeLabel(
  system: string | undefined,
  code: string | undefined,
  language: string,
): string | null {
  return termOf(system, code)?.labels[termLanguage(language)] ?? null;
}

/**
 * A coded concept in words: the first coding the terminology knows, or else the text the author
 * wrote. Null when neither (the screen then says "not named", never a code).
 */
export function conceptLabel(concept: CodeableConcept | undefined, language: string): string | null {
  for (const candidate of concept?.coding ?? []) {
    const label = codeLabel(candidate.system, candidate.code, language);
    if (label) return label;
  }
  return concept?.text?.trim() || null;
}

/** A coding as written into a resource: system, code and the official (English) display. */
export function coding(system: string, code: string): Coding {
  const term = termOf(system, code);
  return term ? codingOf(term) : { system, code };
}

/** A lab test the doctor may record: its unit and the reference range for this patient. */
export interface LabChoice {
  code: string;
  /** UCUM unit code, and how it is shown. */
  unit: string;
  unitDisplay: string;
  low: number | null;
  high: number | null;
}

/** Who the reference range is for: a range can depend on sex and age. */
export interface RangeFor {
  sex: Sex | null;
  age: number | null;
}

const LAB_TERMS: readonly MeasureTerm[] = Object.values(LABS);

export function labChoices(patient: RangeFor): LabChoice[] {
  return LAB_TERMS.map((term) => toChoice(term, patient));
}

export function labChoice(code: string, patient: RangeFor): LabChoice | null {
  const term = LAB_TERMS.find((candidate) => candidate.code === code);
  return term ? toChoice(term, patient) : null;
}

function toChoice(term: MeasureTerm, { sex, age }: RangeFor): LabChoice {
  // Without the patient's sex or age, the first row that does not depend on them (if any).
  const range =
    sex && age !== null
      ? referenceRangeFor(term, sex, age)
      : term.ranges.find(
          (row) => row.sex === undefined && row.minAge === undefined && row.maxAge === undefined,
        );
  return {
    code: term.code,
    unit: term.unit,
    unitDisplay: term.unitDisplay,
    low: range?.low ?? null,
    high: range?.high ?? null,
  };
}

/** The ICD-10 codes a diagnosis is chosen from (chronic and acute conditions). */
export function diagnosisChoices(): readonly string[] {
  return Object.values(CONDITIONS)
    .filter((term) => term.kind !== 'reason')
    .map((term) => term.code);
}

const MEDICINE_TERMS: readonly MedicineTerm[] = Object.values(MEDICINES);

/** The ATC codes a prescription is chosen from. */
export function medicineChoices(): readonly string[] {
  return MEDICINE_TERMS.map((term) => term.code);
}

/** A medicine's usual dose (what the form starts from): intakes a day and the pack size. */
export function usualDose(code: string): { timesPerDay: number; packSize: number } | null {
  const dose = MEDICINE_TERMS.find((term) => term.code === code)?.dose;
  if (!dose) return null;
  return { timesPerDay: dose.period === 'd' ? dose.frequency : 1, packSize: dose.packSize };
}

/** The specialties a referral is addressed to (every specialty but general practice). */
export function specialtyChoices(): readonly string[] {
  return Object.values(SPECIALTIES)
    .filter((term) => term !== SPECIALTIES.generalPractice)
    .map((term) => term.code);
}

/** Choices for a select: code → words, sorted by the words in the language. */
export function labelledChoices(
  system: string,
  codes: readonly string[],
  language: string,
): Array<{ value: string; label: string }> {
  return codes
    .map((code) => ({ value: code, label: codeLabel(system, code, language) ?? '' }))
    .filter((choice) => choice.label !== '')
    .sort((a, b) => a.label.localeCompare(b.label, language));
}
