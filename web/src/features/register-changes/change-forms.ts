/**
 * The register changes' forms: a licence to suspend or restore (police), a death to record and a
 * vehicle's new owner (officials). The checks here spare a round trip; the server decides.
 */
import { normaliseVin, vinProblem } from '../vehicle-dossier/vehicle-check-form.ts';

export type ChangeProblem =
  | 'required'
  | 'licence-number'
  | 'personal-number-digits'
  | 'date-invalid'
  | 'date-future'
  | 'vin-length'
  | 'vin-ioq'
  | 'vin-characters';

export interface ChangeError<F extends string> {
  field: F;
  problem: ChangeProblem;
}

type Checked<F extends string, R> = { ok: true; request: R } | { ok: false; errors: ChangeError<F>[] };

function errorsOf<F extends string>(checks: Array<[F, ChangeProblem | null]>): ChangeError<F>[] {
  return checks.flatMap(([field, problem]) => (problem ? [{ field, problem }] : []));
}

const digitsOnly = (text: string) => text.replace(/[\s-]/g, '');

export function licenceNumberProblem(text: string): ChangeProblem | null {
  const number = digitsOnly(text).toUpperCase();
  if (number === '') return 'required';
  return /^[0-9A-Z]{5,16}$/.test(number) ? null : 'licence-number';
}

export function personalNumberProblem(text: string): ChangeProblem | null {
  const number = digitsOnly(text);
  if (number === '') return 'required';
  return /^\d{10,11}$/.test(number) ? null : 'personal-number-digits';
}

/** A calendar date (`YYYY-MM-DD`, as a date input gives it) that is not after today. */
export function pastDateProblem(text: string, today: string): ChangeProblem | null {
  if (text === '') return 'required';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return 'date-invalid';
  const date = new Date(`${text}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) return 'date-invalid';
  return text > today ? 'date-future' : null;
}

export interface LicenceDraft {
  action: 'suspend' | 'restore';
  number: string;
}
export type LicenceField = 'number';
export function validateLicence(draft: LicenceDraft): Checked<LicenceField, LicenceDraft> {
  const errors = errorsOf<LicenceField>([['number', licenceNumberProblem(draft.number)]]);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, request: { action: draft.action, number: digitsOnly(draft.number).toUpperCase() } };
}

export interface DeathDraft {
  personalNumber: string;
  deathDate: string;
}
export type DeathField = 'personalNumber' | 'deathDate';
export function validateDeath(draft: DeathDraft, today: string): Checked<DeathField, DeathDraft> {
  const errors = errorsOf<DeathField>([
    ['personalNumber', personalNumberProblem(draft.personalNumber)],
    ['deathDate', pastDateProblem(draft.deathDate, today)],
  ]);
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    request: { personalNumber: digitsOnly(draft.personalNumber), deathDate: draft.deathDate },
  };
}

export interface OwnerDraft {
  vin: string;
  ownerId: string;
  eventDate: string;
}
export type OwnerField = 'vin' | 'ownerId' | 'eventDate';
export function validateOwner(draft: OwnerDraft, today: string): Checked<OwnerField, OwnerDraft> {
  const errors = errorsOf<OwnerField>([
    ['vin', vinProblem(normaliseVin(draft.vin)) as ChangeProblem | null],
    ['ownerId', personalNumberProblem(draft.ownerId)],
    ['eventDate', pastDateProblem(draft.eventDate, today)],
  ]);
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    request: { vin: normaliseVin(draft.vin), ownerId: digitsOnly(draft.ownerId), eventDate: draft.eventDate },
  };
}

/** Today in the browser's own calendar, as a date input writes it. */
export function localToday(now = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
