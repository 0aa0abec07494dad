import { type Kysely, sql } from 'kysely';
import { type Connection, tablesOf } from '../../../db/index.ts';
import type { EhealthTables } from '../tables.ts';
import type { AccessTables } from './tables.ts';

/** A patient's EHDS Art. 8 restriction: what is hidden, and from whom. */
export interface Restriction {
  id: string;
  patientId: string;
  consentId: string;
  target:
    | { kind: 'resource'; reference: string }
    | { kind: 'category'; resourceType: string; category: string | null };
  from: { kind: 'all-but-gp' } | { kind: 'practitioner'; practitionerId: string; name: string | null };
}

/** What the policy reads of the record to know a doctor's patients (one query each, per request). */
export interface CareFacts {
  /** The references naming a practitioner: `Practitioner/<id>` and their `PractitionerRole/<id>`s. */
  referencesOf(practitionerId: string): Promise<string[]>;
  /** The patients whose `generalPractitioner` names one of these references (among `within`, when given). */
  gpPatients(references: readonly string[], within?: readonly string[]): Promise<string[]>;
  /** The patients with an active referral (`ServiceRequest.performer`) to one of these references. */
  referralPatients(references: readonly string[], within?: readonly string[]): Promise<string[]>;
  /** The encounters in progress with one of these references as participant. */
  openEncounters(
    references: readonly string[],
    within?: readonly string[],
  ): Promise<Array<{ patientId: string; encounterId: string }>>;
  /** The restrictions of these patients. */
  restrictions(patientIds: readonly string[]): Promise<Restriction[]>;
}

type Tables = EhealthTables & AccessTables;

type Db = Kysely<Tables>;

/** `content -> element` contains one of these shapes (GIN-indexed, see migrations.ts). */
const anyOf = (element: string, shapes: object[]) =>
  sql<boolean>`(${sql.join(
    shapes.map((shape) => sql`(content::jsonb -> ${sql.lit(element)}) @> ${JSON.stringify([shape])}::jsonb`),
    sql` OR `,
  )})`;

async function referencesOf(db: Db, practitionerId: string): Promise<string[]> {
  const own = `Practitioner/${practitionerId}`;
  const roles = await db
    .selectFrom('ehealth.resources')
    .select('id')
    .where('resource_type', '=', 'PractitionerRole')
    .where('deleted', '=', false)
    .where(sql<boolean>`(content::jsonb -> 'practitioner') @> ${JSON.stringify({ reference: own })}::jsonb`)
    .execute();
  return [own, ...roles.map((role) => `PractitionerRole/${role.id}`)];
}

async function gpPatients(db: Db, references: readonly string[], within?: readonly string[]) {
  if (references.length === 0 || within?.length === 0) return [];
  let query = db.selectFrom('ehealth.resources').select('id').where('resource_type', '=', 'Patient');
  if (within) query = query.where('id', 'in', [...within]);
  const rows = await query
    .where('deleted', '=', false)
    .where(
      anyOf(
        'generalPractitioner',
        references.map((reference) => ({ reference })),
      ),
    )
    .execute();
  return rows.map((row) => row.id);
}

async function referralPatients(db: Db, references: readonly string[], within?: readonly string[]) {
  if (references.length === 0 || within?.length === 0) return [];
  let query = db
    .selectFrom('ehealth.resources')
    .select('patient_id')
    .distinct()
    .where('resource_type', '=', 'ServiceRequest');
  if (within) query = query.where('patient_id', 'in', [...within]);
  const rows = await query
    .where('deleted', '=', false)
    .where('patient_id', 'is not', null)
    .where(sql<boolean>`content::jsonb ->> 'status' = 'active'`)
    .where(
      anyOf(
        'performer',
        references.map((reference) => ({ reference })),
      ),
    )
    .execute();
  return rows.map((row) => row.patient_id!);
}

async function openEncounters(db: Db, references: readonly string[], within?: readonly string[]) {
  if (references.length === 0 || within?.length === 0) return [];
  let query = db
    .selectFrom('ehealth.resources')
    .select(['id', 'patient_id'])
    .where('resource_type', '=', 'Encounter');
  if (within) query = query.where('patient_id', 'in', [...within]);
  const rows = await query
    .where('deleted', '=', false)
    .where('patient_id', 'is not', null)
    .where(sql<boolean>`content::jsonb ->> 'status' = 'in-progress'`)
    .where(
      anyOf(
        'participant',
        references.map((reference) => ({ individual: { reference } })),
      ),
    )
    .execute();
  return rows.map((row) => ({ patientId: row.patient_id!, encounterId: row.id }));
}

async function restrictionsOf(db: Db, patientIds: readonly string[]): Promise<Restriction[]> {
  if (patientIds.length === 0) return [];
  const rows = await db
    .selectFrom('ehealth.access_restrictions')
    .selectAll()
    .where('patient_id', 'in', [...new Set(patientIds)])
    .orderBy('created_at')
    .execute();
  return rows.map(restrictionOf);
}

/** The facts from the store's tables (JSON containment on the indexed elements, see migrations.ts). */
export function storeCareFacts(connection: Connection): CareFacts {
  const db: Db = tablesOf<Tables>(connection);
  return {
    referencesOf: (practitionerId) => referencesOf(db, practitionerId),
    gpPatients: (references, within) => gpPatients(db, references, within),
    referralPatients: (references, within) => referralPatients(db, references, within),
    openEncounters: (references, within) => openEncounters(db, references, within),
    restrictions: (patientIds) => restrictionsOf(db, patientIds),
  };
}

export function restrictionOf(row: {
  id: string;
  patient_id: string;
  consent_id: string;
  target_kind: string;
  target_reference: string | null;
  target_type: string;
  target_category: string | null;
  from_kind: string;
  from_practitioner: string | null;
  from_name: string | null;
}): Restriction {
  return {
    id: row.id,
    patientId: row.patient_id,
    consentId: row.consent_id,
    target:
      row.target_kind === 'resource'
        ? { kind: 'resource', reference: row.target_reference! }
        : { kind: 'category', resourceType: row.target_type, category: row.target_category },
    from:
      row.from_kind === 'practitioner'
        ? { kind: 'practitioner', practitionerId: row.from_practitioner!, name: row.from_name }
        : { kind: 'all-but-gp' },
  };
}
