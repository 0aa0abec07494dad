/**
 * The lookup form of officials and police: a person by personal number or a vehicle by VIN,
 * with a purpose and legal basis chosen from the caller's rights and a typed case number. The
 * checks here spare a round trip (and a refused access on record); the server decides.
 */

import type { LookupService } from '@civitas/contracts/api/access.ts';
import { checkEgn } from '@civitas/contracts/ids/egn.ts';
import { normaliseVin, vinProblem } from '../vehicle-dossier/vehicle-check-form.ts';

export type LookupKind = 'person' | 'vehicle';

export const SERVICE_OF: Record<LookupKind, LookupService> = {
  person: 'person-card',
  vehicle: 'vehicle-dossier',
};

export interface LookupDraft {
  kind: LookupKind;
  personalNumber: string;
  vin: string;
  purpose: string;
  legalBasis: string;
  caseNumber: string;
}

export const EMPTY_LOOKUP: LookupDraft = {
  kind: 'person',
  personalNumber: '',
  vin: '',
  purpose: '',
  legalBasis: '',
  caseNumber: '',
};

export type LookupField = 'personalNumber' | 'vin' | 'purpose' | 'legalBasis' | 'caseNumber';

export type LookupProblem =
  | 'required'
  | 'personal-number-digits'
  | 'personal-number-invalid'
  | 'vin-length'
  | 'vin-ioq'
  | 'vin-characters'
  | 'case-number-too-long'
  | 'case-number-characters';

export interface LookupError {
  field: LookupField;
  problem: LookupProblem;
}

/** What a lookup states: why, on what ground, and in which case. */
export interface LookupGrounds {
  purpose: string;
  legalBasis: string;
  caseNumber: string;
}

export type LookupRequest =
  | ({ kind: 'person'; personalNumber: string } & LookupGrounds)
  | ({ kind: 'vehicle'; vin: string } & LookupGrounds);

export const CASE_NUMBER_MAX_LENGTH = 100;

/** The personal number as typed, without the spaces people group it with. */
export function normalisePersonalNumber(text: string): string {
  return text.replace(/\s/g, '');
}

function personalNumberProblem(text: string): LookupProblem | null {
  const egn = normalisePersonalNumber(text);
  if (egn === '') return 'required';
  if (!/^\d{10}$/.test(egn)) return 'personal-number-digits';
  return checkEgn(egn) ? 'personal-number-invalid' : null;
}

function caseNumberProblem(text: string): LookupProblem | null {
  const caseNumber = text.trim();
  if (caseNumber === '') return 'required';
  if (/[\p{Cc}\u2028\u2029]/u.test(caseNumber)) return 'case-number-characters';
  return [...caseNumber].length > CASE_NUMBER_MAX_LENGTH ? 'case-number-too-long' : null;
}

export function validateLookup(
  draft: LookupDraft,
): { ok: true; request: LookupRequest } | { ok: false; errors: LookupError[] } {
  const checks: Array<[LookupField, LookupProblem | null]> = [
    draft.kind === 'person'
      ? ['personalNumber', personalNumberProblem(draft.personalNumber)]
      : ['vin', vinProblem(normaliseVin(draft.vin)) as LookupProblem | null],
    ['purpose', draft.purpose === '' ? 'required' : null],
    ['legalBasis', draft.legalBasis === '' ? 'required' : null],
    ['caseNumber', caseNumberProblem(draft.caseNumber)],
  ];
  const errors = checks.flatMap(([field, problem]) => (problem ? [{ field, problem }] : []));
  if (errors.length > 0) return { ok: false, errors };
  const grounds = {
    purpose: draft.purpose,
    legalBasis: draft.legalBasis,
    caseNumber: draft.caseNumber.trim(),
  };
  return {
    ok: true,
    request:
      draft.kind === 'person'
        ? { kind: 'person', personalNumber: normalisePersonalNumber(draft.personalNumber), ...grounds }
        : { kind: 'vehicle', vin: normaliseVin(draft.vin), ...grounds },
  };
}

/**
 * The headers that state a lookup's grounds. A header carries only Latin-1, so the case number
 * (often in Cyrillic) is sent percent-encoded as UTF-8, which the API decodes.
 */
export function groundsHeaders(grounds: LookupGrounds): Record<string, string> {
  return {
    'X-Purpose': grounds.purpose,
    'X-Legal-Basis': grounds.legalBasis,
    'X-Case': encodeURIComponent(grounds.caseNumber),
  };
}
