/**
 * The prescriptions as the patient app lists them: those the prescriptions service names (with
 * the pharmacy's QR payload and dispenses), and any other MedicationRequest of the record (a
 * child's, or one the service did not list), newest first. Pure.
 */
import type { MedicationRequest } from '@medplum/fhirtypes';
import type { PatientPrescription } from './health-api.ts';
import { ATC, codingIn } from './terms.ts';

export const PRESCRIPTION_NUMBER_SYSTEM = 'https://civitas.example/fhir/sid/prescription-number';

export type PrescriptionStage =
  | 'expired'
  | 'active'
  | 'partly-dispensed'
  | 'dispensed'
  | 'cancelled'
  | 'stopped'
  | 'on-hold'
  | 'other';

export interface ShownPrescription {
  key: string;
  number: string | null;
  /** What the QR for the pharmacy encodes; null when the service gave none (the number is typed in). */
  qr: string | null;
  medication: { system: string; code: string } | null;
  /** The prescriptions service's label in the three languages. */
  medicationLabel: PatientPrescription['medicationLabel'];
  /** The record's words for the medicine when neither the terminology nor the service has a label. */
  medicationText: string | null;
  stage: PrescriptionStage;
  authoredOn: string | null;
  dosage: string | null;
  prescriber: string | null;
  prescriberOrganisation: string | null;
  quantity: number | null;
  remaining: number | null;
  dispenses: PatientPrescription['dispenses'];
}

export function stageOf(
  status: string,
  quantity: number | null,
  remaining: number | null,
  dispensed: number,
): PrescriptionStage {
  switch (status) {
    case 'completed':
    case 'dispensed':
      return 'dispensed';
    case 'active':
      if (quantity !== null && remaining !== null && remaining < quantity) return 'partly-dispensed';
      return dispensed > 0 && remaining !== 0 ? 'partly-dispensed' : 'active';
    case 'partially-dispensed':
      return 'partly-dispensed';
    case 'cancelled':
    case 'entered-in-error':
      return 'cancelled';
    case 'stopped':
      return 'stopped';
    case 'expired':
      return 'expired';
    case 'on-hold':
      return 'on-hold';
    default:
      return 'other';
  }
}

/** A prescription number in groups of four, as printed on the prescription and shown at the pharmacy: `ABCD-EFGH-JKMN`. */
export function groupedNumber(number: string): string {
  return number.replace(/(.{4})(?=.)/g, '$1-');
}

function numberOf(request: MedicationRequest): string | null {
  return (
    request.identifier?.find((identifier) => identifier.system === PRESCRIPTION_NUMBER_SYSTEM)?.value ?? null
  );
}

export function shownPrescriptions(
  fromService: readonly PatientPrescription[] | null,
  requests: readonly MedicationRequest[],
  self: boolean,
): ShownPrescription[] {
  const requestIds = new Set(requests.map((request) => request.id));
  const numbers = new Set<string>();
  const shown: ShownPrescription[] = [];
  for (const item of fromService ?? []) {
    // The service lists the signed-in person's prescriptions: on a child's record, only those of the child's record.
    if (item.medicationRequestId ? !requestIds.has(item.medicationRequestId) : !self) continue;
    const request = requests.find((candidate) => candidate.id === item.medicationRequestId);
    numbers.add(item.number);
    shown.push({
      key: `number/${item.number}`,
      number: item.number,
      qr: item.qr,
      medication: item.medication,
      medicationLabel: item.medicationLabel,
      medicationText: request?.medicationCodeableConcept?.text ?? null,
      stage: stageOf(item.status, item.quantity, item.remaining, item.dispenses.length),
      authoredOn: item.authoredOn ?? request?.authoredOn ?? null,
      dosage: item.dosage ?? request?.dosageInstruction?.[0]?.text ?? null,
      prescriber: item.prescriber ?? request?.requester?.display ?? null,
      prescriberOrganisation: item.prescriberOrganisation,
      quantity: item.quantity,
      remaining: item.remaining,
      dispenses: item.dispenses,
    });
  }
  for (const request of requests) {
    const number = numberOf(request);
    if ((number && numbers.has(number)) || request.intent === 'plan' || request.intent === 'proposal')
      continue;
    const atc = codingIn(request.medicationCodeableConcept, ATC);
    const quantity = request.dispenseRequest?.quantity?.value ?? null;
    shown.push({
      key: `MedicationRequest/${request.id}`,
      number,
      qr: null,
      medication: atc?.code ? { system: ATC, code: atc.code } : null,
      medicationLabel: null,
      medicationText:
        request.medicationCodeableConcept?.text ??
        request.medicationCodeableConcept?.coding?.[0]?.display ??
        null,
      stage: stageOf(request.status, quantity, null, 0),
      authoredOn: request.authoredOn ?? null,
      dosage: request.dosageInstruction?.[0]?.text ?? null,
      prescriber: request.requester?.display ?? null,
      prescriberOrganisation: null,
      quantity,
      remaining: null,
      dispenses: [],
    });
  }
  return shown.sort((a, b) => (b.authoredOn ?? '').localeCompare(a.authoredOn ?? ''));
}
