/**
 * The wallet desk's form: whose wallet receives which document (and, for a vehicle registration,
 * which vehicle). The checks here spare a round trip; the server decides.
 */
import type { WalletOfferRequest } from '@civitas/contracts/api/wallet-issuer.ts';
import { normaliseVin, vinProblem } from '../vehicle-dossier/vehicle-check-form.ts';

/** The documents an official hands over at a desk (the catalogue's configuration ids). */
export const DESK_DOCUMENTS = ['vehicle-registration', 'ehic', 'pid-sd-jwt', 'pid-mdoc', 'mdl'] as const;
export type DeskDocument = (typeof DESK_DOCUMENTS)[number];

export interface DeskDraft {
  personalNumber: string;
  configurationId: DeskDocument | '';
  vin: string;
}

export const EMPTY_DESK: DeskDraft = { personalNumber: '', configurationId: '', vin: '' };

export type DeskField = 'personalNumber' | 'configurationId' | 'vin';
export type DeskProblem = 'required' | 'personal-number-digits' | 'vin-ioq' | 'vin-characters' | 'vin-length';

export interface DeskError {
  field: DeskField;
  problem: DeskProblem;
}

export type DeskCheck = { ok: true; request: WalletOfferRequest } | { ok: false; errors: DeskError[] };

/** The personal number as typed, without the spaces people group it with. */
export function normalisePersonalNumber(text: string): string {
  return text.replace(/\s/g, '');
}

export function needsVin(configurationId: string): boolean {
  return configurationId === 'vehicle-registration';
}

export function validateDesk(draft: DeskDraft): DeskCheck {
  const errors: DeskError[] = [];
  const personalNumber = normalisePersonalNumber(draft.personalNumber);
  if (personalNumber === '') errors.push({ field: 'personalNumber', problem: 'required' });
  // An EGN has 10 digits, a PESEL 11: the instance's own scheme is checked by the server.
  else if (!/^\d{10,11}$/.test(personalNumber))
    errors.push({ field: 'personalNumber', problem: 'personal-number-digits' });
  if (draft.configurationId === '') errors.push({ field: 'configurationId', problem: 'required' });
  const vin = normaliseVin(draft.vin);
  if (needsVin(draft.configurationId)) {
    const problem = vinProblem(vin);
    if (problem) errors.push({ field: 'vin', problem: problem as DeskProblem });
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    request: {
      personalNumber,
      configurationId: draft.configurationId,
      ...(needsVin(draft.configurationId) && { vin }),
    },
  };
}
