import type { PublicReportRequest } from './report.ts';

/**
 * The "Check a vehicle" form: a VIN or a plate, and one fact only a holder of the vehicle's papers
 * knows. The checks here are hints that spare a round trip; the server decides.
 */
export type VehicleKeyKind = 'vin' | 'plate';
export type FactKind = 'firstRegistrationDate' | 'registrationCertificateNumber';
export type VehicleCheckField = 'vin' | 'plate' | FactKind;

export interface VehicleCheckDraft {
  keyKind: VehicleKeyKind;
  vin: string;
  plate: string;
  factKind: FactKind;
  firstRegistrationDate: string;
  registrationCertificateNumber: string;
}

export const EMPTY_VEHICLE_CHECK: VehicleCheckDraft = {
  keyKind: 'vin',
  vin: '',
  plate: '',
  factKind: 'firstRegistrationDate',
  firstRegistrationDate: '',
  registrationCertificateNumber: '',
};

export type VehicleCheckProblem =
  | 'required'
  | 'vin-length'
  | 'vin-ioq'
  | 'vin-characters'
  | 'plate-format'
  | 'date-invalid'
  | 'date-future'
  | 'certificate-format';

export interface VehicleCheckError {
  field: VehicleCheckField;
  problem: VehicleCheckProblem;
}

export type VehicleCheckValidation =
  | { ok: true; request: PublicReportRequest }
  | { ok: false; errors: VehicleCheckError[] };

export const VIN_LENGTH = 17;

/** Upper-cases and drops the spaces and dashes people type to group a VIN. */
export function normaliseVin(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, '');
}

/** What is wrong with a (normalised) VIN's form, or null. I, O and Q are never used: they look like 1 and 0. */
export function vinProblem(vin: string): VehicleCheckProblem | null {
  if (vin === '') return 'required';
  if (/[IOQ]/.test(vin)) return 'vin-ioq';
  if (!/^[A-Z0-9]+$/.test(vin)) return 'vin-characters';
  if (vin.length !== VIN_LENGTH) return 'vin-length';
  return null;
}

// The twelve plate letters in Cyrillic and their Latin look-alikes (the server turns those into Cyrillic).
const PLATE_LETTER = '[АВЕКМНОРСТУХABEKMHOPCTYX]';
const PLATE_FORMAT = new RegExp(`^${PLATE_LETTER}{1,2}\\d{4}${PLATE_LETTER}{2}$`);

/** A Bulgarian plate's form: one or two letters, four digits, two letters (e.g. СА 1234 ВХ). */
export function plateProblem(plate: string): VehicleCheckProblem | null {
  const compact = plate.toUpperCase().replace(/[\s-]/g, '');
  if (compact === '') return 'required';
  return PLATE_FORMAT.test(compact) ? null : 'plate-format';
}

/** A real calendar date (YYYY-MM-DD, as a date input gives it) that is not after `today`. */
export function dateProblem(date: string, today: string): VehicleCheckProblem | null {
  if (date === '') return 'required';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return 'date-invalid';
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const parsed = new Date(Date.UTC(year, month - 1, day));
  const real =
    parsed.getUTCFullYear() === year && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === day;
  if (!real || year < 1900) return 'date-invalid';
  return date > today ? 'date-future' : null;
}

export function certificateProblem(number: string): VehicleCheckProblem | null {
  const compact = number.replace(/\s/g, '');
  if (compact === '') return 'required';
  return /^[0-9A-ZА-Я]{1,20}$/i.test(compact) ? null : 'certificate-format';
}

/** The request to send, or every problem of the fields in use (those of the other choice are ignored). */
export function validateVehicleCheck(draft: VehicleCheckDraft, today: string): VehicleCheckValidation {
  const errors: VehicleCheckError[] = [];
  const vin = normaliseVin(draft.vin);
  const plate = draft.plate.trim();
  const date = draft.firstRegistrationDate.trim();
  const certificate = draft.registrationCertificateNumber.replace(/\s/g, '');

  const keyProblem = draft.keyKind === 'vin' ? vinProblem(vin) : plateProblem(plate);
  if (keyProblem) errors.push({ field: draft.keyKind, problem: keyProblem });
  const factProblem =
    draft.factKind === 'firstRegistrationDate' ? dateProblem(date, today) : certificateProblem(certificate);
  if (factProblem) errors.push({ field: draft.factKind, problem: factProblem });
  if (errors.length > 0) return { ok: false, errors };

  const key = draft.keyKind === 'vin' ? { vin } : { plate };
  const fact =
    draft.factKind === 'firstRegistrationDate'
      ? { firstRegistrationDate: date }
      : { registrationCertificateNumber: certificate };
  return { ok: true, request: { ...key, ...fact } };
}
