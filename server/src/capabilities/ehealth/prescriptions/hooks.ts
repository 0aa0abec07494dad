import type { MedicationRequest, Resource } from '@medplum/fhirtypes';
import type { Transaction } from 'kysely';
import { staffNames } from '../../../identity/index.ts';
import { AppError } from '../../../kernel/index.ts';
import type { EhealthTransaction, HealthAccessContext, StoredResource } from '../ports.ts';
import { ATC_SYSTEM, medicineLabel } from './medicines.ts';
import { prescriptionNumberOf, prescriptionRowOf } from './rows.ts';
import { numbered } from './service.ts';
import type { PrescriptionTables } from './tables.ts';

/** What the fhir service hands a write hook (the shape of its `WriteHook`), inside the write's transaction. */
export interface WriteHookInput {
  ctx: HealthAccessContext;
  /** The resource to store, with its id. */
  resource: Resource;
  /** The current version (null: a create). */
  previous: StoredResource | null;
  trx: EhealthTransaction;
}

/**
 * The hook the fhir service runs before it stores a MedicationRequest (`POST`/`PUT
 * /fhir/R4/MedicationRequest`, in bundles too), so that one written through FHIR is a prescription
 * exactly as one issued through `POST /api/health/prescriptions`:
 * - a create (an order) is numbered, its medicine must be in the terminology, and its dispensing
 *   row is written in the same transaction;
 * - an update may not change a prescription's number, nor its status to anything but the
 *   counter's (dispensing completes it, its doctor cancels it: those routes move the counter first).
 * Registered at merge: `service.addWriteHook('MedicationRequest', prescriptionWriteHook())` (parts-wiring.ts).
 */
export function prescriptionWriteHook() {
  return async ({ ctx, resource, previous, trx }: WriteHookInput): Promise<Resource> => {
    if (resource.resourceType !== 'MedicationRequest') return resource;
    const request = resource as MedicationRequest & { id: string };
    const db = trx as unknown as Transaction<PrescriptionTables>;
    if (previous === null) {
      if (request.intent !== 'order') return request;
      const code = request.medicationCodeableConcept?.coding?.find(
        (coding) => coding.system === ATC_SYSTEM,
      )?.code;
      if (!code || !medicineLabel(code)) throw new AppError('prescription-medicine-unknown');
      const actor = ctx.actor;
      // Only a doctor issues (the policy refused everyone else before a hook runs).
      if (actor.kind !== 'practitioner') throw new AppError('role-forbidden');
      const withNumber = (await numbered(trx, request)) as MedicationRequest & { id: string };
      const name =
        request.requester?.display ??
        // In the write's own transaction: PGlite has one connection, and it is this transaction's.
        (await staffNames(trx, [actor.personalNumber])).get(actor.personalNumber)?.name;
      const row = prescriptionRowOf(withNumber, {
        id: actor.practitionerId,
        name: name ?? '',
        organisation: actor.organisation,
      });
      await db.insertInto('ehealth.prescriptions').values(row).execute();
      return withNumber;
    }
    const row = await db
      .selectFrom('ehealth.prescriptions')
      .select(['number', 'status'])
      .where('medication_request_id', '=', request.id)
      .executeTakeFirst();
    if (!row) return request;
    if (prescriptionNumberOf(request) !== row.number || request.status !== row.status)
      throw new AppError('prescription-status-managed');
    return request;
  };
}
