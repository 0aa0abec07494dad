/**
 * The pharmacist's search: the prescription's number (typed, or read from its QR) and the
 * patient's personal number. The checks here catch a typo before a round trip (the number's check
 * character); the server decides, and answers a wrong pair without saying which half was wrong.
 */
import type { FindPrescription } from '@civitas/contracts/api/prescriptions.ts';
import {
  normalisePrescriptionNumber,
  PRESCRIPTION_NUMBER_LENGTH,
  parsePrescriptionQr,
} from '@civitas/contracts/health/prescription-number.ts';

export interface FindDraft {
  number: string;
  personalNumber: string;
}

export const EMPTY_FIND: FindDraft = { number: '', personalNumber: '' };

export type FindField = 'number' | 'personalNumber';
export type FindProblem = 'required' | 'number-length' | 'number-invalid' | 'personal-number-digits';

export interface FindError {
  field: FindField;
  problem: FindProblem;
}

export type FindCheck = { ok: true; request: FindPrescription } | { ok: false; errors: FindError[] };

export function validateFind(draft: FindDraft): FindCheck {
  const errors: FindError[] = [];
  const typed = draft.number.replace(/[\s-]/g, '');
  if (typed === '') errors.push({ field: 'number', problem: 'required' });
  else if (typed.length !== PRESCRIPTION_NUMBER_LENGTH)
    errors.push({ field: 'number', problem: 'number-length' });
  else if (!normalisePrescriptionNumber(typed)) errors.push({ field: 'number', problem: 'number-invalid' });
  const personalNumber = draft.personalNumber.replace(/\s/g, '');
  if (personalNumber === '') errors.push({ field: 'personalNumber', problem: 'required' });
  // An EGN has 10 digits, a PESEL 11: the instance's own scheme is the server's to check.
  else if (!/^\d{10,11}$/.test(personalNumber))
    errors.push({ field: 'personalNumber', problem: 'personal-number-digits' });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, request: { number: normalisePrescriptionNumber(typed)!, patient: personalNumber } };
}

/**
 * The number a scanned QR carries: the prescription's QR (`CIVRX1:…`), or a bare number (a
 * printed one read by the camera). Null for anything else, e.g. a wallet's QR.
 */
export function numberFromQr(text: string): string | null {
  return parsePrescriptionQr(text)?.number ?? normalisePrescriptionNumber(text);
}
