/**
 * The encounter form: why the patient came, vital signs, a lab result, a diagnosis and a
 * prescription, checked here and then sent as ONE FHIR transaction (encounter-bundle.ts). Every
 * code is chosen from the terminology; only the reason, the note and the numbers are typed.
 */
import { hasControlCharacters } from './break-glass-form.ts';
import { diagnosisChoices, labChoice, medicineChoices } from './terms.ts';

/** Whether a lab test is one the terminology knows does not depend on whom it is for. */
const ANYONE = { sex: null, age: null };

export interface EncounterDraft {
  reason: string;
  systolic: string;
  diastolic: string;
  heartRate: string;
  weight: string;
  labCode: string;
  labValue: string;
  diagnosis: string;
  note: string;
  medicine: string;
  doseAmount: string;
  timesPerDay: string;
  quantity: string;
}

export const EMPTY_ENCOUNTER: EncounterDraft = {
  reason: '',
  systolic: '',
  diastolic: '',
  heartRate: '',
  weight: '',
  labCode: '',
  labValue: '',
  diagnosis: '',
  note: '',
  medicine: '',
  doseAmount: '',
  timesPerDay: '',
  quantity: '',
};

export type EncounterField = keyof EncounterDraft;

export type EncounterProblem =
  | 'required'
  | 'too-long'
  | 'characters'
  | 'number'
  | 'out-of-range'
  | 'whole-number'
  | 'unknown-code'
  | 'value-without-test'
  | 'both-pressures';

export interface EncounterError {
  field: EncounterField;
  problem: EncounterProblem;
  /** The bounds of an out-of-range number, for the message. */
  min?: number;
  max?: number;
}

export const REASON_MAX = 500;
export const NOTE_MAX = 2000;

/** The numbers a doctor may type, with bounds that catch a slip of the finger (not clinical limits). */
export const BOUNDS = {
  systolic: { min: 40, max: 300, whole: true },
  diastolic: { min: 20, max: 200, whole: true },
  heartRate: { min: 20, max: 300, whole: true },
  weight: { min: 0.5, max: 400, whole: false },
  labValue: { min: 0, max: 100_000, whole: false },
  doseAmount: { min: 0.25, max: 100, whole: false },
  timesPerDay: { min: 1, max: 8, whole: true },
  quantity: { min: 1, max: 1000, whole: true },
} as const satisfies Partial<Record<EncounterField, { min: number; max: number; whole: boolean }>>;

type NumberField = keyof typeof BOUNDS;

export interface VitalSigns {
  systolic?: number;
  diastolic?: number;
  heartRate?: number;
  weight?: number;
}

/** A checked encounter: what the transaction will write. */
export interface CheckedEncounter {
  ok: true;
  reason: string;
  vitals: VitalSigns;
  lab?: { code: string; value: number };
  diagnosis?: { code: string; note: string };
  prescription?: { medicine: string; doseAmount: number; timesPerDay: number; quantity: number };
}

/** A decimal as people type it: a comma or a point. */
export function parseDecimal(text: string): number | null {
  const value = text.trim().replace(',', '.');
  if (!/^\d{1,7}(\.\d{1,3})?$/.test(value)) return null;
  return Number(value);
}

export function checkEncounter(
  draft: EncounterDraft,
): CheckedEncounter | { ok: false; errors: EncounterError[] } {
  const errors: EncounterError[] = [];
  const text = (field: 'reason' | 'note', max: number, required: boolean): string => {
    const value = draft[field].trim();
    if (value === '') {
      if (required) errors.push({ field, problem: 'required' });
    } else if (hasControlCharacters(value)) errors.push({ field, problem: 'characters' });
    else if ([...value].length > max) errors.push({ field, problem: 'too-long', max });
    return value;
  };
  const number = (field: NumberField, required: boolean): number | undefined => {
    const typed = draft[field].trim();
    if (typed === '') {
      if (required) errors.push({ field, problem: 'required' });
      return undefined;
    }
    const value = parseDecimal(typed);
    const { min, max, whole } = BOUNDS[field];
    if (value === null) errors.push({ field, problem: 'number' });
    else if (whole && !Number.isInteger(value)) errors.push({ field, problem: 'whole-number' });
    else if (value < min || value > max) errors.push({ field, problem: 'out-of-range', min, max });
    else return value;
    return undefined;
  };

  const reason = text('reason', REASON_MAX, true);
  const systolic = number('systolic', false);
  const diastolic = number('diastolic', false);
  if ((draft.systolic.trim() === '') !== (draft.diastolic.trim() === ''))
    errors.push({
      field: draft.systolic.trim() === '' ? 'systolic' : 'diastolic',
      problem: 'both-pressures',
    });
  const heartRate = number('heartRate', false);
  const weight = number('weight', false);

  let lab: CheckedEncounter['lab'];
  if (draft.labCode) {
    if (!labChoice(draft.labCode, ANYONE)) errors.push({ field: 'labCode', problem: 'unknown-code' });
    const value = number('labValue', true);
    if (value !== undefined && labChoice(draft.labCode, ANYONE)) lab = { code: draft.labCode, value };
  } else if (draft.labValue.trim() !== '') errors.push({ field: 'labCode', problem: 'value-without-test' });

  let diagnosis: CheckedEncounter['diagnosis'];
  const note = text('note', NOTE_MAX, false);
  if (draft.diagnosis) {
    if (!diagnosisChoices().includes(draft.diagnosis))
      errors.push({ field: 'diagnosis', problem: 'unknown-code' });
    else diagnosis = { code: draft.diagnosis, note };
  }

  let prescription: CheckedEncounter['prescription'];
  if (draft.medicine) {
    if (!medicineChoices().includes(draft.medicine))
      errors.push({ field: 'medicine', problem: 'unknown-code' });
    const doseAmount = number('doseAmount', true);
    const timesPerDay = number('timesPerDay', true);
    const quantity = number('quantity', true);
    if (
      doseAmount !== undefined &&
      timesPerDay !== undefined &&
      quantity !== undefined &&
      medicineChoices().includes(draft.medicine)
    )
      prescription = { medicine: draft.medicine, doseAmount, timesPerDay, quantity };
  }

  if (errors.length > 0) return { ok: false, errors };
  const vitals: VitalSigns = {
    ...(systolic !== undefined && { systolic }),
    ...(diastolic !== undefined && { diastolic }),
    ...(heartRate !== undefined && { heartRate }),
    ...(weight !== undefined && { weight }),
  };
  return {
    ok: true,
    reason,
    vitals,
    ...(lab && { lab }),
    ...(diagnosis && { diagnosis }),
    ...(prescription && { prescription }),
  };
}
