import type { Kysely } from 'kysely';
import { storedOf } from '../fhir/store.ts';
import type { StoredResource } from '../ports.ts';
import type { EhealthTables } from '../tables.ts';

/**
 * What the summary and $everything read of the store: a patient's compartment and the resources
 * it refers to. No policy here: the callers filter what they read (the FHIR operations through
 * the policy, the register service through the patient's restrictions).
 */

export interface CompartmentQuery {
  /** Only resources changed at or after this instant (`_since`). */
  since?: Date;
  /** Only these resource types (`_type`). */
  types?: readonly string[];
}

/** The current, not deleted, resources of a Patient's compartment (the Patient first), in a stable order. */
export async function readCompartment(
  db: Kysely<EhealthTables>,
  patientId: string,
  query: CompartmentQuery = {},
): Promise<StoredResource[]> {
  let select = db
    .selectFrom('ehealth.resources')
    .selectAll()
    .where('patient_id', '=', patientId)
    .where('deleted', '=', false);
  if (query.since) select = select.where('last_updated', '>=', query.since);
  if (query.types) {
    if (query.types.length === 0) return [];
    select = select.where('resource_type', 'in', [...query.types]);
  }
  const rows = await select.orderBy('resource_type').orderBy('id').execute();
  const stored = rows.map(storedOf);
  const patient = stored.findIndex((row) => row.resourceType === 'Patient' && row.id === patientId);
  if (patient > 0) stored.unshift(...stored.splice(patient, 1));
  return stored;
}

/** The current, not deleted, resources these `Type/id` references name (those that exist). */
export async function readReferenced(
  db: Kysely<EhealthTables>,
  references: Iterable<string>,
): Promise<StoredResource[]> {
  const byType = new Map<string, Set<string>>();
  for (const reference of references) {
    const parsed = parseReference(reference);
    if (!parsed) continue;
    const ids = byType.get(parsed.type) ?? new Set<string>();
    ids.add(parsed.id);
    byType.set(parsed.type, ids);
  }
  if (byType.size === 0) return [];
  const rows = await db
    .selectFrom('ehealth.resources')
    .selectAll()
    .where('deleted', '=', false)
    .where((eb) =>
      eb.or(
        [...byType].map(([type, ids]) => eb.and([eb('resource_type', '=', type), eb('id', 'in', [...ids])])),
      ),
    )
    .orderBy('resource_type')
    .orderBy('id')
    .execute();
  return rows.map(storedOf);
}

/** The Patient id linked to a personal number, or null. */
export async function patientIdOf(db: Kysely<EhealthTables>, personalNumber: string): Promise<string | null> {
  const row = await db
    .selectFrom('ehealth.patients')
    .select('patient_id')
    .where('personal_number', '=', personalNumber)
    .executeTakeFirst();
  return row?.patient_id ?? null;
}

const REFERENCE = /^([A-Z][A-Za-z]{1,63})\/([A-Za-z0-9\-.]{1,64})$/;

/** `Type/id` of a relative literal reference (a version suffix dropped), or null for anything else. */
export function parseReference(reference: string): { type: string; id: string } | null {
  const plain = reference.replace(/\/_history\/[^/]+$/, '');
  const match = REFERENCE.exec(plain);
  return match ? { type: match[1]!, id: match[2]! } : null;
}
