import type { MedicationDispense, MedicationRequest, Resource } from '@medplum/fhirtypes';
import type { Transaction } from 'kysely';
import type { EhealthTransaction } from '../ports.ts';
import { prescriptionNumberOf, prescriptionRowOf } from './rows.ts';
import type { PrescriptionTables } from './tables.ts';

/**
 * The dispensing rows of prescriptions seeded through the store's import (the synthetic data):
 * for each numbered MedicationRequest (an order) of the batch, its `ehealth.prescriptions` row,
 * with what the batch's MedicationDispenses already handed over, and their dispense rows. Call it
 * in the import's transaction, with the batch the import wrote; `organisationOf` names the
 * practice of a requester (`Practitioner/<id>`), which the directory of providers knows.
 * Seeded numbers must be well formed (`prescriptionNumberFrom` of the synthetic random).
 */
export async function importPrescriptionRows(
  trx: EhealthTransaction,
  resources: readonly Resource[],
  organisationOf: (practitionerReference: string) => string | undefined,
): Promise<number> {
  const dispensesOf = new Map<string, MedicationDispense[]>();
  for (const resource of resources) {
    if (resource.resourceType !== 'MedicationDispense' || resource.status !== 'completed') continue;
    for (const authorising of resource.authorizingPrescription ?? []) {
      const id = authorising.reference?.replace(/^MedicationRequest\//, '');
      if (id) dispensesOf.set(id, [...(dispensesOf.get(id) ?? []), resource]);
    }
  }
  const rows = [];
  const dispenseRows = [];
  for (const resource of resources) {
    if (resource.resourceType !== 'MedicationRequest' || resource.intent !== 'order' || !resource.id)
      continue;
    const request = resource as MedicationRequest & { id: string };
    const number = prescriptionNumberOf(request);
    if (!number) continue;
    const requester = request.requester?.reference ?? '';
    const handed = dispensesOf.get(request.id) ?? [];
    const dispensed = handed.reduce((sum, dispense) => sum + Math.round(dispense.quantity?.value ?? 1), 0);
    rows.push(
      prescriptionRowOf(
        request,
        {
          id: requester.replace(/^Practitioner\//, ''),
          name: request.requester?.display ?? '',
          organisation: organisationOf(requester) ?? '',
        },
        dispensed,
      ),
    );
    for (const dispense of handed) {
      if (!dispense.id) continue;
      const pharmacy =
        dispense.location?.display ??
        dispense.performer?.find((performer) => performer.actor.type === 'Organization')?.actor.display ??
        '';
      dispenseRows.push({
        dispense_id: dispense.id,
        number,
        pharmacy_client: 'seed',
        pharmacy,
        idempotency_key: null,
        quantity: Math.max(1, Math.round(dispense.quantity?.value ?? 1)),
        handed_over_at: new Date(dispense.whenHandedOver ?? request.authoredOn ?? Date.now()),
      });
    }
  }
  const db = trx as unknown as Transaction<PrescriptionTables>;
  // In slices: a statement's parameters are bounded (PostgreSQL: 65,535).
  for (let at = 0; at < rows.length; at += 2_000)
    await db
      .insertInto('ehealth.prescriptions')
      .values(rows.slice(at, at + 2_000))
      .execute();
  for (let at = 0; at < dispenseRows.length; at += 4_000)
    await db
      .insertInto('ehealth.prescription_dispenses')
      .values(dispenseRows.slice(at, at + 4_000))
      .execute();
  return rows.length;
}
