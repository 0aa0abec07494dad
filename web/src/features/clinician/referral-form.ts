/**
 * A referral: to a specialty (and, if chosen, one specialist), with a reason. Written as a FHIR
 * `ServiceRequest` (category referral, status active): the access policy lets the specialist in.
 */
import type { ServiceRequest } from '@medplum/fhirtypes';
import { hasControlCharacters } from './break-glass-form.ts';
import { coding, diagnosisChoices, SYSTEM, specialtyChoices } from './terms.ts';

/** SNOMED CT "Patient referral": the category a referral is searched by. */
export const REFERRAL_CATEGORY = { system: SYSTEM.snomed, code: '3457005', display: 'Patient referral' };

export interface ReferralDraft {
  specialty: string;
  specialist: string;
  diagnosis: string;
  reason: string;
}

export const EMPTY_REFERRAL: ReferralDraft = { specialty: '', specialist: '', diagnosis: '', reason: '' };

export type ReferralField = keyof ReferralDraft;
export type ReferralProblem = 'required' | 'unknown-code' | 'too-long' | 'characters';

export interface ReferralError {
  field: ReferralField;
  problem: ReferralProblem;
}

export const REFERRAL_REASON_MAX = 500;

export interface CheckedReferral {
  ok: true;
  specialty: string;
  /** `Practitioner/<id>`, or null: any specialist of the specialty. */
  specialist: string | null;
  diagnosis: string | null;
  reason: string;
}

export function checkReferral(
  draft: ReferralDraft,
  specialists: readonly string[],
): CheckedReferral | { ok: false; errors: ReferralError[] } {
  const errors: ReferralError[] = [];
  if (!draft.specialty) errors.push({ field: 'specialty', problem: 'required' });
  else if (!specialtyChoices().includes(draft.specialty))
    errors.push({ field: 'specialty', problem: 'unknown-code' });
  if (draft.specialist && !specialists.includes(draft.specialist))
    errors.push({ field: 'specialist', problem: 'unknown-code' });
  if (draft.diagnosis && !diagnosisChoices().includes(draft.diagnosis))
    errors.push({ field: 'diagnosis', problem: 'unknown-code' });
  const reason = draft.reason.trim();
  if (reason === '') errors.push({ field: 'reason', problem: 'required' });
  else if (hasControlCharacters(reason)) errors.push({ field: 'reason', problem: 'characters' });
  else if ([...reason].length > REFERRAL_REASON_MAX) errors.push({ field: 'reason', problem: 'too-long' });
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    specialty: draft.specialty,
    specialist: draft.specialist || null,
    diagnosis: draft.diagnosis || null,
    reason,
  };
}

export function referralRequest(
  checked: CheckedReferral,
  who: { patientId: string; practitioner: string; at: string },
): ServiceRequest {
  return {
    resourceType: 'ServiceRequest',
    status: 'active',
    intent: 'order',
    category: [{ coding: [REFERRAL_CATEGORY] }],
    subject: { reference: `Patient/${who.patientId}` },
    requester: { reference: who.practitioner },
    authoredOn: who.at,
    performerType: { coding: [coding(SYSTEM.snomed, checked.specialty)] },
    ...(checked.specialist && { performer: [{ reference: checked.specialist }] }),
    reasonCode: [
      {
        ...(checked.diagnosis && { coding: [coding(SYSTEM.icd10, checked.diagnosis)] }),
        text: checked.reason,
      },
    ],
  };
}
