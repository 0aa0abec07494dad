import type { MedicationRequest } from '@medplum/fhirtypes';
import type { Transaction } from 'kysely';
import { AppError } from '../../../kernel/index.ts';
import type { EhealthTransaction, HealthAccessContext } from '../ports.ts';
import { ATC_SYSTEM, medicineLabel } from './medicines.ts';
import { prescriptionRowOf } from './rows.ts';
import { numbered } from './service.ts';
import type { PrescriptionTables } from './tables.ts';

/**
 * What the FHIR service calls when a doctor creates a MedicationRequest through
 * `POST /fhir/R4/MedicationRequest` (or a transaction entry), so that it becomes a prescription
 * exactly as one issued through `POST /api/health/prescriptions`: numbered before it is validated
 * and stored, and given its dispensing row after, in the same transaction.
 */
export interface MedicationRequestHook {
  /** The resource to store: with its prescription number. Refuses a medicine outside the terminology. */
  beforeCreate(
    trx: EhealthTransaction,
    resource: MedicationRequest,
    ctx: HealthAccessContext,
  ): Promise<MedicationRequest>;
  /** After the store wrote it (with its id), in the same transaction. */
  afterCreate(
    trx: EhealthTransaction,
    stored: MedicationRequest & { id: string },
    ctx: HealthAccessContext,
    prescriberName: string,
  ): Promise<void>;
}

export const medicationRequestHook: MedicationRequestHook = {
  async beforeCreate(trx, resource) {
    if (resource.intent !== 'order') return resource;
    const code = resource.medicationCodeableConcept?.coding?.find(
      (coding) => coding.system === ATC_SYSTEM,
    )?.code;
    if (!code || !medicineLabel(code)) throw new AppError('prescription-medicine-unknown');
    return numbered(trx, resource);
  },
  async afterCreate(trx, stored, ctx, prescriberName) {
    if (stored.intent !== 'order') return;
    const actor = ctx.actor;
    // Only a doctor issues: the policy refused everyone else before the store was reached.
    if (actor.kind !== 'practitioner') throw new AppError('role-forbidden');
    const row = prescriptionRowOf(stored, {
      id: actor.practitionerId,
      name: prescriberName,
      organisation: actor.organisation,
    });
    await (trx as unknown as Transaction<PrescriptionTables>)
      .insertInto('ehealth.prescriptions')
      .values(row)
      .execute();
  },
};
