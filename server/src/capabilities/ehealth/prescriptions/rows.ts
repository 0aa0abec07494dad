import { PRESCRIPTION_NUMBER_SYSTEM } from '@civitas/contracts/health/prescription-number.ts';
import type { MedicationRequest } from '@medplum/fhirtypes';
import type { Insertable } from 'kysely';
import { ATC_SYSTEM } from './medicines.ts';
import type { PrescriptionRow } from './tables.ts';

/** A prescription may be dispensed for 30 days after it is issued (Bulgaria's rule for most medicines). */
export const PRESCRIPTION_VALIDITY_DAYS = 30;

/** Who issued a prescription, as the pharmacist and the patient are shown. */
export interface Prescriber {
  /** The Practitioner's id (who may cancel it). */
  id: string;
  name: string;
  organisation: string;
}

/** The prescription number a MedicationRequest carries, if any. */
export function prescriptionNumberOf(request: MedicationRequest): string | undefined {
  return request.identifier?.find((identifier) => identifier.system === PRESCRIPTION_NUMBER_SYSTEM)?.value;
}

/**
 * The `ehealth.prescriptions` row of a stored, numbered MedicationRequest: what a dispense locks and
 * counts. Used by the issue route, the FHIR create hook and the synthetic data's seeding, so that a
 * prescription is dispensable whichever way it entered the record. `dispensed` is what seeded
 * dispenses already handed over (0 for a new one).
 */
export function prescriptionRowOf(
  request: MedicationRequest & { id: string },
  prescriber: Prescriber,
  dispensed = 0,
): Insertable<PrescriptionRow> {
  const number = prescriptionNumberOf(request);
  if (!number) throw new Error('a prescription row for a MedicationRequest without a prescription number');
  const authored = new Date(request.authoredOn ?? Date.now());
  const end = request.dispenseRequest?.validityPeriod?.end;
  const perFill = Math.max(1, Math.round(request.dispenseRequest?.quantity?.value ?? 1));
  const total = perFill * (1 + (request.dispenseRequest?.numberOfRepeatsAllowed ?? 0));
  const finished = request.status === 'completed' || dispensed >= total;
  return {
    number,
    medication_request_id: request.id,
    patient_id: request.subject.reference?.replace(/^Patient\//, '') ?? '',
    prescriber_id: prescriber.id,
    prescriber_name: prescriber.name,
    prescriber_organisation: prescriber.organisation,
    medication_code:
      request.medicationCodeableConcept?.coding?.find((coding) => coding.system === ATC_SYSTEM)?.code ?? '',
    dosage: (request.dosageInstruction ?? []).map((dosage) => dosage.text ?? '').join('; '),
    quantity: perFill,
    total,
    dispensed: Math.min(dispensed, total),
    status:
      request.status === 'cancelled' || request.status === 'stopped'
        ? 'cancelled'
        : finished
          ? 'completed'
          : 'active',
    authored_at: authored,
    expires_at: end ? new Date(end) : new Date(authored.getTime() + PRESCRIPTION_VALIDITY_DAYS * 86_400_000),
  };
}
