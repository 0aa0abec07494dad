import { type RawBuilder, sql } from 'kysely';
import type { HealthAccessContext, HealthActor, HealthPolicy, Resource, StoredResource } from '../ports.ts';
import type { CareFacts, CareRelations, Restriction } from './care.ts';
import { checkScopes } from './scopes.ts';

/**
 * The one access policy of the health record: who sees which patient's data, and what a patient
 * hid from whom. The rules are pure functions of the caller, their standing with the patient and
 * the patient's restrictions (tested as a table without a server); `visibleWhere` is the same
 * rules as SQL, for search, `_include`, `$everything` and `$summary`.
 *
 * - the platform itself: everything (seeding, the benchmark's baseline; never from HTTP);
 * - a patient: their own compartment and their minor children's; shared resources (Practitioner,
 *   Organization, …); nothing of anyone else (the router answers 404);
 * - a doctor: the patients whose `generalPractitioner` names them (read and write); a patient
 *   with an active referral to them or an encounter in progress with them (read; write within the
 *   encounter); a patient under their open break-glass (read and write, recorded as an emergency
 *   access and told to the patient); never what the patient hid from them (EHDS Art. 8), except
 *   under break-glass; never the patient's Consent and AuditEvent resources (`PATIENT_ONLY`);
 * - a pharmacist: no FHIR reads (the prescriptions service checks number + patient identifier);
 * - another system: nothing through FHIR (the exchange's register service is its way).
 */

/**
 * What only the patient sees of their compartment: their restrictions (Consent: what is hidden
 * stays hidden) and who used their record (AuditEvent).
 */
export const PATIENT_ONLY: ReadonlySet<string> = new Set(['Consent', 'AuditEvent']);

/** What a doctor is to each patient, read once per request. */
export interface Standing {
  practitionerId: string;
  references: readonly string[];
  gp: ReadonlySet<string>;
  referral: ReadonlySet<string>;
  /** Encounters in progress with the doctor, by patient. */
  encounters: ReadonlyMap<string, ReadonlySet<string>>;
  /** Patients under the doctor's open break-glass. */
  breakGlass: ReadonlySet<string>;
  /** When the standing was read for a few patients only: those patients and their restrictions. */
  narrowed?: { patients: ReadonlySet<string>; restrictions: readonly Restriction[] };
}

export type Relation = 'gp' | 'encounter' | 'referral' | 'break-glass';

/** The doctor's relation to a patient, the strongest first; null: none (not their patient). */
export function relationOf(standing: Standing, patientId: string): Relation | null {
  if (standing.gp.has(patientId)) return 'gp';
  if (standing.encounters.has(patientId)) return 'encounter';
  if (standing.referral.has(patientId)) return 'referral';
  if (standing.breakGlass.has(patientId)) return 'break-glass';
  return null;
}

/** The codes a restriction's category is matched against: the resource's category, type and code. */
export function categoryCodes(resource: Record<string, unknown>): Set<string> {
  const codes = new Set<string>();
  for (const element of ['category', 'type', 'code'] as const) {
    for (const concept of [resource[element]].flat()) {
      const codings = (concept as { coding?: unknown } | undefined)?.coding;
      if (!Array.isArray(codings)) continue;
      for (const coding of codings) {
        const code = (coding as { code?: unknown }).code;
        if (typeof code === 'string') codes.add(code);
      }
    }
  }
  return codes;
}

/** Whether a restriction covers a resource (its reference, or its type and category). */
export function covers(
  restriction: Restriction,
  resource: { resourceType: string; id: string },
  codes: () => Set<string>,
): boolean {
  const { target } = restriction;
  if (target.kind === 'resource') return target.reference === `${resource.resourceType}/${resource.id}`;
  if (target.resourceType !== resource.resourceType) return false;
  return target.category === null || codes().has(target.category);
}

/** Whether a restriction applies to this doctor (break-glass is decided by the caller). */
export function appliesTo(
  restriction: Restriction,
  practitionerId: string,
  relation: Relation | null,
): boolean {
  if (restriction.from.kind === 'practitioner') return restriction.from.practitionerId === practitionerId;
  return relation !== 'gp';
}

/** The facts of one resource the rules look at. */
export interface Subject {
  resourceType: string;
  id: string;
  patientId: string | null;
  /** The resource's JSON (for category codes), read only when a restriction needs it. */
  content: () => Record<string, unknown>;
}

/** Whether the actor may read the resource: the rules of this file, as one pure function. */
export function mayRead(
  actor: HealthActor,
  standing: Standing | null,
  restrictions: readonly Restriction[],
  subject: Subject,
): boolean {
  switch (actor.kind) {
    case 'internal':
      return true;
    case 'system':
    case 'pharmacist':
      return false;
    case 'patient':
      return subject.patientId === null || actor.patientIds.includes(subject.patientId);
    case 'practitioner': {
      if (subject.patientId === null) return true;
      if (!standing) return false;
      const relation = relationOf(standing, subject.patientId);
      if (relation === null) return false;
      if (PATIENT_ONLY.has(subject.resourceType)) return false;
      if (standing.breakGlass.has(subject.patientId)) return true;
      let codes: Set<string> | undefined;
      const codesOf = () => {
        codes ??= categoryCodes(subject.content());
        return codes;
      };
      return !restrictions.some(
        (restriction) =>
          restriction.patientId === subject.patientId &&
          appliesTo(restriction, standing.practitionerId, relation) &&
          covers(restriction, subject, codesOf),
      );
    }
  }
}

/** Resource types outside any compartment a doctor may write (the others come from the registers). */
const SHARED_WRITABLE = new Set(['Medication', 'Binary']);

/** Whether the actor may write this resource into this patient's compartment. */
export function mayWrite(
  actor: HealthActor,
  standing: Standing | null,
  resource: Resource,
  patientId: string | null,
): boolean {
  switch (actor.kind) {
    case 'internal':
      return true;
    case 'system':
    case 'patient':
      return false;
    case 'pharmacist':
      return resource.resourceType === 'MedicationDispense' && patientId !== null;
    case 'practitioner': {
      if (patientId === null) return SHARED_WRITABLE.has(resource.resourceType);
      if (PATIENT_ONLY.has(resource.resourceType) || !standing) return false;
      // A new Patient is the registers' (seeding), not a doctor's.
      if (
        resource.resourceType === 'Patient' &&
        !standing.gp.has(patientId) &&
        !standing.breakGlass.has(patientId)
      )
        return false;
      const relation = relationOf(standing, patientId);
      if (relation === 'gp' || standing.breakGlass.has(patientId)) return true;
      if (relation === null) return false;
      // A specialist writes within an encounter with them: the Encounter itself (opened for the
      // referral, or one they take part in), or what names one of their open encounters.
      if (resource.resourceType === 'Encounter') {
        const participants = (resource.participant ?? []).map((p) => p.individual?.reference);
        return participants.some(
          (reference) => reference !== undefined && standing.references.includes(reference),
        );
      }
      const encounter = (resource as { encounter?: { reference?: string } }).encounter?.reference;
      if (!encounter) return false;
      // An encounter created in the same transaction (its own entry is checked as an Encounter).
      if (encounter.startsWith('urn:uuid:')) return true;
      const open = standing.encounters.get(patientId);
      return (
        open !== undefined &&
        encounter.startsWith('Encounter/') &&
        open.has(encounter.slice('Encounter/'.length))
      );
    }
  }
}

/** The patient ids a doctor may see something of. */
export function patientsOf(standing: Standing): string[] {
  return [
    ...new Set([...standing.gp, ...standing.encounters.keys(), ...standing.referral, ...standing.breakGlass]),
  ];
}

/** A text[] parameter. */
const textArray = (values: readonly string[]) => sql`${JSON.stringify(values)}::jsonb`;

/** `column` is one of `values` (as a JSON array parameter: one parameter however many). */
function inList(column: RawBuilder<unknown>, values: readonly string[]): RawBuilder<boolean> {
  if (values.length === 0) return sql<boolean>`false`;
  return sql<boolean>`${column} IN (SELECT jsonb_array_elements_text(${textArray(values)}))`;
}

/** The JSONPath that finds a category code in a resource's category, type or code. */
const CATEGORY_PATH =
  'lax $ ? (@.category.coding.code == $c || @.type.coding.code == $c || @.code.coding.code == $c)';

/** The SQL form of `mayRead` for a doctor (rows of `ehealth.resources` aliased `alias`). */
export function practitionerWhere(standing: Standing, alias: string): RawBuilder<boolean> {
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  const patients = patientsOf(standing);
  if (patients.length === 0) return sql<boolean>`${column('patient_id')} IS NULL`;
  const unrestrictedGp = [...standing.gp];
  const hidden = sql<boolean>`EXISTS (SELECT 1 FROM ehealth.access_restrictions hidden_by_patient
    WHERE hidden_by_patient.patient_id = ${column('patient_id')}
      AND (hidden_by_patient.from_kind = 'practitioner' AND hidden_by_patient.from_practitioner = ${standing.practitionerId}
        OR hidden_by_patient.from_kind = 'all-but-gp' AND NOT ${inList(sql`hidden_by_patient.patient_id`, unrestrictedGp)})
      AND (hidden_by_patient.target_kind = 'resource' AND hidden_by_patient.target_reference = ${column('resource_type')} || '/' || ${column('id')}
        OR hidden_by_patient.target_kind = 'category' AND hidden_by_patient.target_type = ${column('resource_type')}
          AND (hidden_by_patient.target_category IS NULL
            OR jsonb_path_exists(${column('content')}::jsonb, ${CATEGORY_PATH}::jsonpath,
              jsonb_build_object('c', hidden_by_patient.target_category)))))`;
  const breakGlass = [...standing.breakGlass];
  return sql<boolean>`(${column('patient_id')} IS NULL OR (${inList(column('patient_id'), patients)}
    AND ${column('resource_type')} NOT IN ('Consent', 'AuditEvent')
    AND (${inList(column('patient_id'), breakGlass)} OR NOT ${hidden})))`;
}

/** How long a doctor's references (their Practitioner and PractitionerRoles) are remembered. */
const REFERENCES_TTL_MS = 60_000;
const REFERENCES_CACHE_SIZE = 10_000;

/** The policy over the record's facts (the store's tables; in tests, a table of facts). */
export function createHealthPolicy(facts: CareFacts, now: () => Date = () => new Date()): HealthPolicy {
  // A doctor's roles change seldom (an administration's HR); their relations with patients are
  // read fresh by every request, so a new referral or restriction applies at once.
  const references = new Map<string, { references: Promise<string[]>; until: number }>();
  const referencesOf = (practitionerId: string): Promise<string[]> => {
    const cached = references.get(practitionerId);
    if (cached && cached.until > Date.now()) return cached.references;
    if (references.size >= REFERENCES_CACHE_SIZE) references.delete(references.keys().next().value!);
    const found = facts.referencesOf(practitionerId);
    found.catch(() => references.delete(practitionerId));
    references.set(practitionerId, { references: found, until: Date.now() + REFERENCES_TTL_MS });
    return found;
  };
  const standings = new WeakMap<HealthAccessContext, Promise<Standing>>();
  const load = async (ctx: HealthAccessContext, within?: readonly string[]) => {
    const actor = ctx.actor as Extract<HealthActor, { kind: 'practitioner' }>;
    return loadStanding(facts, await referencesOf(actor.practitionerId), ctx, now(), within);
  };
  const standingOf = (ctx: HealthAccessContext): Promise<Standing> | null => {
    if (ctx.actor.kind !== 'practitioner') return null;
    let standing = standings.get(ctx);
    if (!standing) {
      standing = load(ctx);
      // A failed read is not remembered.
      standing.catch(() => standings.delete(ctx));
      standings.set(ctx, standing);
    }
    return standing;
  };
  /**
   * A doctor's standing with a few patients only (a read, a search for one patient): the whole
   * list is read only for what may touch any patient.
   */
  const narrowed = new NarrowedStandings();
  const standingWithin = (ctx: HealthAccessContext, patientIds: readonly string[] | undefined) => {
    if (ctx.actor.kind !== 'practitioner') return null;
    const whole = standings.get(ctx);
    if (whole || patientIds === undefined || patientIds.length > FEW_PATIENTS) return standingOf(ctx);
    return narrowed.get(ctx, patientIds, () => load(ctx, patientIds));
  };
  const read = async (ctx: HealthAccessContext, resources: readonly StoredResource[]) => {
    const patientIds = [
      ...new Set(resources.map((resource) => resource.patientId).filter((id): id is string => id !== null)),
    ];
    const standing = await standingWithin(ctx, patientIds);
    const restrictions = await restrictionsFor(facts, standing, patientIds);
    return resources.filter((resource) =>
      mayRead(ctx.actor, standing, restrictions, {
        resourceType: resource.resourceType,
        id: resource.id,
        patientId: resource.patientId,
        content: () => JSON.parse(resource.content) as Record<string, unknown>,
      }),
    );
  };
  return {
    checkScopes,
    async readById(ctx, resourceType, id) {
      if (ctx.actor.kind !== 'practitioner') return undefined;
      // The resource, the doctor's relations with its patient and that patient's restrictions in
      // one statement; the standing is remembered for the `canRead` that follows.
      const known = await referencesOf(ctx.actor.practitionerId);
      const found = await facts.relations(known, { resourceType, id });
      const resource = found.resource ?? null;
      if (resource?.patientId && !standings.get(ctx)) {
        const patients = [resource.patientId];
        void narrowed.get(ctx, patients, async () => standingFrom(found, known, ctx, now(), patients));
      }
      return resource;
    },
    canRead: async (ctx, resource) => (await read(ctx, [resource])).length === 1,
    filterReadable: read,
    async visibleWhere(ctx, _resourceType, alias, patients) {
      const { actor } = ctx;
      const column = (name: string) => sql.ref(`${alias}.${name}`);
      switch (actor.kind) {
        case 'internal':
          return sql<boolean>`true`;
        case 'system':
        case 'pharmacist':
          return false;
        case 'patient':
          return sql<boolean>`(${column('patient_id')} IS NULL OR ${inList(column('patient_id'), actor.patientIds)})`;
        case 'practitioner':
          return practitionerWhere((await standingWithin(ctx, patients))!, alias);
      }
    },
    async canWrite(ctx, resource, patientId) {
      return mayWrite(
        ctx.actor,
        await standingWithin(ctx, patientId ? [patientId] : []),
        resource,
        patientId,
      );
    },
  };
}

/**
 * The restrictions a doctor's read must honour: a standing narrowed to these patients came with
 * them (one statement); the whole list did not. Others (patients, the platform) need none.
 */
async function restrictionsFor(
  facts: CareFacts,
  standing: Standing | null,
  patientIds: readonly string[],
): Promise<readonly Restriction[]> {
  if (!standing || patientIds.length === 0) return [];
  const narrowed = standing.narrowed;
  if (narrowed && patientIds.every((id) => narrowed.patients.has(id))) return narrowed.restrictions;
  return facts.restrictions(patientIds);
}

/** Up to this many patients, a read asks about them only, not for the doctor's whole list. */
const FEW_PATIENTS = 20;

async function loadStanding(
  facts: CareFacts,
  references: readonly string[],
  ctx: HealthAccessContext,
  now: Date,
  within?: readonly string[],
): Promise<Standing> {
  return standingFrom(await facts.relations(references, within), references, ctx, now, within);
}

/** The standing the relations make (narrowed to `within` when they were read for those patients). */
function standingFrom(
  found: CareRelations,
  references: readonly string[],
  ctx: HealthAccessContext,
  now: Date,
  within?: readonly string[],
): Standing {
  const actor = ctx.actor as Extract<HealthActor, { kind: 'practitioner' }>;
  const encounters = new Map<string, Set<string>>();
  for (const { patientId, encounterId } of found.encounters) {
    encounters.set(patientId, (encounters.get(patientId) ?? new Set()).add(encounterId));
  }
  return {
    practitionerId: actor.practitionerId,
    references,
    gp: new Set(found.gp),
    referral: new Set(found.referral),
    encounters,
    breakGlass: new Set(
      ctx.breakGlass
        .filter((grant) => grant.expiresAt.getTime() > now.getTime())
        .map((grant) => grant.patientId),
    ),
    ...(within &&
      found.restrictions && { narrowed: { patients: new Set(within), restrictions: found.restrictions } }),
  };
}

/** Standings narrowed to a few patients, remembered per request (a transaction asks again and again). */
class NarrowedStandings {
  private readonly known = new WeakMap<HealthAccessContext, Map<string, Promise<Standing>>>();

  get(
    ctx: HealthAccessContext,
    patientIds: readonly string[],
    load: () => Promise<Standing>,
  ): Promise<Standing> {
    let known = this.known.get(ctx);
    if (!known) {
      known = new Map();
      this.known.set(ctx, known);
    }
    const key = [...patientIds].sort().join(' ');
    let standing = known.get(key);
    if (!standing) {
      if (known.size >= FEW_PATIENTS) known.clear();
      const remembered = known;
      standing = load();
      // A failed read is not remembered.
      standing.catch(() => remembered.delete(key));
      known.set(key, standing);
    }
    return standing;
  }
}
