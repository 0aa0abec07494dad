import { type Kysely, type RawBuilder, type Selectable, sql } from 'kysely';
import { type Connection, CUSTOM_PLAN, tablesOf } from '../../../db/index.ts';
import { storedOf } from '../fhir/store.ts';
import type { StoredResource } from '../ports.ts';
import type { EhealthTables, ResourceRow } from '../tables.ts';
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

/** A doctor's care relations with patients: what makes a patient theirs to see. */
export interface CareRelations {
  /** The patients whose `generalPractitioner` names one of the doctor's references. */
  gp: string[];
  /** The patients with an active referral (`ServiceRequest.performer`) to the doctor. */
  referral: string[];
  /** The encounters in progress with the doctor as participant. */
  encounters: Array<{ patientId: string; encounterId: string }>;
  /**
   * The restrictions of the patients `within` (read in the same statement when the relations are
   * narrowed to a few patients); absent for the whole list.
   */
  restrictions?: Restriction[];
  /**
   * When the relations were asked about the patient of one resource (`within` a resource), that
   * resource's current row (null: there is none), read in the same statement.
   */
  resource?: StoredResource | null;
}

/** One resource, whose patient a read's relations are narrowed to (the resource read at once). */
export interface SubjectResource {
  resourceType: string;
  id: string;
}

/** What the policy reads of the record to know a doctor's patients. */
export interface CareFacts {
  /** The references naming a practitioner: `Practitioner/<id>` and their `PractitionerRole/<id>`s. */
  referencesOf(practitionerId: string): Promise<string[]>;
  /**
   * The doctor's relations (named by these references) with every patient, or with the patients
   * `within` only (a search for one patient), then with those patients' restrictions too, or with
   * the patient of the resource `within` names (a read by id: that resource comes with them): one
   * query either way.
   */
  relations(
    references: readonly string[],
    within?: readonly string[] | SubjectResource,
  ): Promise<CareRelations>;
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

/**
 * The three relations in one statement (a UNION of the GIN-indexed containment queries), so a
 * read costs one round trip whatever the doctor's list: `within` narrows it to a few patients, or
 * to the patient of one resource, and adds their restrictions (and that resource) as JSON rows to
 * the same statement.
 */
async function relations(
  db: Db,
  references: readonly string[],
  within?: readonly string[] | SubjectResource,
): Promise<CareRelations> {
  if (Array.isArray(within) && within.length === 0)
    return { gp: [], referral: [], encounters: [], restrictions: [] };
  if (!within && references.length === 0) return { gp: [], referral: [], encounters: [] };
  const subject = within && !Array.isArray(within) ? (within as SubjectResource) : null;
  const patients = Array.isArray(within) ? (within as readonly string[]) : null;
  // Who the statement is about: every patient, some, or the one of the resource read.
  const resourceRow = subject
    ? sql`ehealth.resources WHERE resource_type = ${subject.resourceType} AND id = ${subject.id}`
    : null;
  const among = (column: string) =>
    resourceRow
      ? sql<boolean>`${sql.ref(column)} = (SELECT patient_id FROM ${resourceRow})`
      : patients
        ? sql<boolean>`${sql.ref(column)} = ANY(${[...patients]}::text[])`
        : sql<boolean>`true`;
  const branches = references.length > 0 ? [...relationBranches(references, among)] : [];
  if (within)
    branches.push(sql`SELECT 'restriction' AS kind, patient_id, row_to_json(hidden)::text AS id
      FROM ehealth.access_restrictions hidden WHERE ${among('patient_id')}`);
  if (resourceRow)
    branches.push(sql`SELECT 'resource' AS kind, patient_id, row_to_json(subject)::text AS id
      FROM (SELECT * FROM ${resourceRow}) subject`);
  const rows = await sql<{
    kind: RowKind;
    patient_id: string;
    id: string;
  }>`${sql.raw(CUSTOM_PLAN)} ${sql.join(branches, sql` UNION ALL `)}`.execute(db);
  return relationsOf(rows.rows, within !== undefined, subject !== null);
}

type RowKind = 'gp' | 'referral' | 'encounter' | 'restriction' | 'resource';

/** The GP, referral and encounter queries, each limited by `among`. */
function relationBranches(references: readonly string[], among: (column: string) => RawBuilder<boolean>) {
  return [
    sql`SELECT 'gp' AS kind, id AS patient_id, id FROM ehealth.resources
      WHERE resource_type = 'Patient' AND ${among('id')} AND NOT deleted
        AND ${anyOf(
          'generalPractitioner',
          references.map((reference) => ({ reference })),
        )}`,
    sql`SELECT 'referral', patient_id, id FROM ehealth.resources
      WHERE resource_type = 'ServiceRequest' AND ${among('patient_id')} AND NOT deleted
        AND patient_id IS NOT NULL AND content::jsonb ->> 'status' = 'active'
        AND ${anyOf(
          'performer',
          references.map((reference) => ({ reference })),
        )}`,
    sql`SELECT 'encounter', patient_id, id FROM ehealth.resources
      WHERE resource_type = 'Encounter' AND ${among('patient_id')} AND NOT deleted
        AND patient_id IS NOT NULL AND content::jsonb ->> 'status' = 'in-progress'
        AND ${anyOf(
          'participant',
          references.map((reference) => ({ individual: { reference } })),
        )}`,
  ];
}

/** The statement's rows as relations (with the restrictions and the resource when asked for). */
function relationsOf(
  rows: ReadonlyArray<{ kind: RowKind; patient_id: string; id: string }>,
  narrowed: boolean,
  withResource: boolean,
): CareRelations {
  const found: CareRelations = { gp: [], referral: [], encounters: [] };
  const hidden: RestrictionRow[] = [];
  let resource: StoredResource | null = null;
  for (const row of rows) {
    if (row.kind === 'gp') found.gp.push(row.patient_id);
    else if (row.kind === 'referral') found.referral.push(row.patient_id);
    else if (row.kind === 'encounter')
      found.encounters.push({ patientId: row.patient_id, encounterId: row.id });
    else if (row.kind === 'restriction') hidden.push(JSON.parse(row.id) as RestrictionRow);
    else {
      const stored = JSON.parse(row.id) as Selectable<ResourceRow> & { last_updated: string };
      resource = storedOf({ ...stored, last_updated: new Date(stored.last_updated) });
    }
  }
  if (narrowed) {
    // In the order they were made, as `restrictionsOf` answers them.
    hidden.sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at));
    found.restrictions = hidden.map(restrictionOf);
  }
  if (withResource) found.resource = resource;
  return found;
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
    relations: (references, within) => relations(db, references, within),
    restrictions: (patientIds) => restrictionsOf(db, patientIds),
  };
}

/** A restriction's row, as `row_to_json` gives it (timestamps as text). */
type RestrictionRow = Parameters<typeof restrictionOf>[0] & { created_at: string };

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
