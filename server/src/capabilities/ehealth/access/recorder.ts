import crypto from 'node:crypto';
import type { AuditEvent } from '@medplum/fhirtypes';
import { type Kysely, sql } from 'kysely';
import { accessOutboxInsert, type RecordedAccess, recordAccesses } from '../../../audit/index.ts';
import { type Connection, GroupCommit, tablesOf } from '../../../db/index.ts';
import type { Instance } from '../../../registers/index.ts';
import type {
  EhealthTransaction,
  HealthAccess,
  HealthAccessContext,
  HealthAccessRecorder,
  HealthPurpose,
  Interaction,
  SearchIndexWriter,
  StoredResource,
} from '../ports.ts';
import type { EhealthTables } from '../tables.ts';
import { PURPOSES } from './context.ts';

/** The data category of every access to the health record, in the data tracker. */
export const HEALTH_CATEGORY = 'health';

export interface RecorderDeps {
  db: Connection;
  instance: Pick<Instance, 'healthcare' | 'clients'>;
  /** The search index: AuditEvents are searchable (`AuditEvent?patient=`) like any resource. */
  index: SearchIndexWriter;
  now?: () => Date;
}

/** The purpose of one patient's part of an access: an emergency under the doctor's open break-glass. */
export function purposeFor(ctx: HealthAccessContext, patientId: string, now: Date): HealthPurpose {
  if (ctx.actor.kind !== 'practitioner') return ctx.purpose;
  const underBreakGlass = ctx.breakGlass.some(
    (grant) => grant.patientId === patientId && grant.expiresAt.getTime() > now.getTime(),
  );
  return underBreakGlass ? PURPOSES.emergency : ctx.purpose;
}

/** FHIR's codes for an interaction (`AuditEvent.action`, restful-interaction subtype). */
const ACTIONS: Record<Interaction, AuditEvent['action']> = {
  create: 'C',
  read: 'R',
  vread: 'R',
  history: 'R',
  search: 'E',
  operation: 'E',
  update: 'U',
  delete: 'D',
};

/** The purposes as HL7 v3 ActReason codes. */
const PURPOSE_OF_USE: Record<string, { code: string; display: string }> = {
  'medical-treatment': { code: 'TREAT', display: 'treatment' },
  'emergency-access': { code: 'ETREAT', display: 'Emergency Treatment' },
  'data-subject-access': { code: 'PATRQT', display: 'patient requested' },
  'prescription-dispensing': { code: 'TREAT', display: 'treatment' },
};

/** The AuditEvent of one patient's part of an access (no personal number in it, ever). */
export function auditEventOf(
  access: HealthAccess,
  patientId: string,
  purpose: HealthPurpose,
  recorded: Date,
  source: string,
): AuditEvent {
  const { actor } = access.ctx;
  const who =
    actor.kind === 'practitioner'
      ? { reference: `Practitioner/${actor.practitionerId}`, ...(actor.name && { display: actor.name }) }
      : actor.kind === 'patient' && actor.patientId
        ? { reference: `Patient/${actor.patientId}` }
        : { display: actor.kind === 'pharmacist' ? (actor.name ?? actor.organisation) : actor.kind };
  const organisation =
    actor.kind === 'practitioner' || actor.kind === 'pharmacist'
      ? [
          {
            who: {
              identifier: { system: 'urn:civitas:subsystem', value: actor.client },
              display: actor.organisation,
            },
            requestor: false,
          },
        ]
      : [];
  const purposeOfUse = PURPOSE_OF_USE[purpose.purpose];
  // The resources served, when they are all this patient's (a search over several patients names only the patient).
  const references = access.patientIds.length === 1 ? access.references : [];
  return {
    resourceType: 'AuditEvent',
    id: crypto.randomUUID(),
    type: {
      system: 'http://terminology.hl7.org/CodeSystem/audit-event-type',
      code: 'rest',
      display: 'RESTful Operation',
    },
    subtype: [{ system: 'http://hl7.org/fhir/restful-interaction', code: access.interaction }],
    action: ACTIONS[access.interaction],
    recorded: recorded.toISOString(),
    outcome: access.status < 400 ? '0' : access.status < 500 ? '4' : '8',
    ...(purposeOfUse && {
      purposeOfEvent: [
        {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', ...purposeOfUse }],
          text: purpose.purpose,
        },
      ],
    }),
    agent: [
      {
        type: {
          coding: [
            { system: 'http://terminology.hl7.org/CodeSystem/extra-security-role-type', code: 'humanuser' },
          ],
        },
        who,
        requestor: true,
        ...(purposeOfUse && {
          purposeOfUse: [
            { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', ...purposeOfUse }] },
          ],
        }),
      },
      ...organisation,
    ],
    source: {
      observer: { identifier: { system: 'urn:civitas:subsystem', value: source }, display: 'Health record' },
    },
    entity: [
      {
        what: { reference: `Patient/${patientId}` },
        type: {
          system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type',
          code: '1',
          display: 'Person',
        },
        role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '1', display: 'Patient' },
      },
      ...references
        .filter((reference) => reference !== `Patient/${patientId}`)
        .map((reference) => ({
          what: { reference },
          type: {
            system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type',
            code: '2',
            display: 'System Object',
          },
          description: access.what,
        })),
    ],
  };
}

/** Patient links remembered by the recorder (patient id → personal number). */
const LINKS_REMEMBERED = 200_000;

/** The most accesses one group commit writes (one statement, whatever the number). */
const MAX_GROUP = 64;

/**
 * Records every use of a patient's data: an AuditEvent in the patient's compartment (readable by
 * the patient at `AuditEvent?patient=`), and an access for the transparency log and the data
 * tracker ("Who used my data", with the doctor's name and organisation), in the request's
 * transaction when it has one. The platform itself (seeding) and other systems (logged by the
 * exchange) are not recorded here.
 *
 * Reads (no transaction of their own) are recorded by group commit: the accesses that arrive
 * while one group is written wait and are written together by the next, in ONE statement
 * (`GroupCommit`; the inserts are parts of a `WITH`), and each request answers only once its record is stored
 * (nothing served is unrecorded). A group that fails is written again in halves, so one access's
 * failure fails its own request only.
 */
export function createAccessRecorder(deps: RecorderDeps): HealthAccessRecorder {
  const now = deps.now ?? (() => new Date());
  const receiver = `${deps.instance.healthcare.record}/fhir`;
  const node = deps.instance.healthcare.record;
  const links = new PatientLinks();
  const write = async (connection: Connection, group: readonly HealthAccess[]) => {
    const db: Kysely<EhealthTables> = tablesOf<EhealthTables>(connection);
    const numbers = await links.of(db, [...new Set(group.flatMap((access) => access.patientIds))]);
    const at = now();
    const events: StoredResource[] = [];
    const accesses: RecordedAccess[] = [];
    for (const access of group) {
      const { actor } = access.ctx;
      const initiatorOrg =
        actor.kind === 'practitioner' || actor.kind === 'pharmacist'
          ? actor.client
          : deps.instance.clients.portal;
      const initiatorPerson = 'personalNumber' in actor ? actor.personalNumber : null;
      for (const patientId of new Set(access.patientIds)) {
        const purpose = purposeFor(access.ctx, patientId, at);
        const event = auditEventOf(access, patientId, purpose, at, node);
        const content = { ...event, meta: { versionId: '1', lastUpdated: at.toISOString() } };
        events.push({
          resourceType: 'AuditEvent',
          id: event.id!,
          versionId: 1,
          lastUpdated: at,
          patientId,
          deleted: false,
          content: JSON.stringify(content),
        });
        const dataSubject = numbers.get(patientId);
        if (!dataSubject) continue;
        accesses.push({
          at,
          node,
          dataSubject,
          initiatorOrg,
          initiatorPerson,
          receiver,
          action: access.interaction,
          purpose: purpose.purpose,
          legalBasis: purpose.legalBasis,
          dataCategories: [HEALTH_CATEGORY],
          status: access.status,
        });
      }
    }
    await store(deps.index, connection, events, accesses);
  };
  // Any failure is isolated: an access's AuditEvent is built by the server, so what fails one
  // group (an index row too large, a lost patient link) is most likely that access's own.
  // A group is one statement (atomic by itself); an index that cannot hand out its inserts makes
  // it several, in a transaction.
  const group = new GroupCommit<HealthAccess>(
    (accesses) =>
      deps.index.insertionsOf
        ? write(deps.db, accesses)
        : tablesOf<EhealthTables>(deps.db)
            .transaction()
            .execute((t) => write(t, accesses)),
    // Two groups in flight: the next is written while the last commits (sixteen readers otherwise
    // wait for the group being written, then for their own).
    { maxRows: MAX_GROUP, isolates: () => true, writers: 2 },
  );
  return {
    async record(access, trx) {
      const { actor } = access.ctx;
      if (actor.kind === 'internal' || actor.kind === 'system') return;
      if (access.patientIds.length === 0) return;
      if (trx) return write(trx, [access]);
      return group.append(access);
    },
  };
}

/** A Patient's link to its person never changes once made: remembered, not read per group. */
class PatientLinks {
  private readonly known = new Map<string, string>();

  /** Patient id → personal number, for these patients (those without a person left out). */
  async of(db: Kysely<EhealthTables>, patientIds: readonly string[]): Promise<ReadonlyMap<string, string>> {
    const missing = patientIds.filter((id) => !this.known.has(id));
    if (missing.length > 0) {
      const found = await db
        .selectFrom('ehealth.patients')
        .select(['patient_id', 'personal_number'])
        .where('patient_id', 'in', missing)
        .execute();
      if (this.known.size + found.length > LINKS_REMEMBERED) this.known.clear();
      for (const link of found) this.known.set(link.patient_id, link.personal_number);
    }
    return this.known;
  }
}

/**
 * The AuditEvents (resource, history and index rows) and the accesses for the transparency log
 * in ONE statement (inserts as parts of a `WITH`): one round trip, however many accesses.
 */
async function store(
  index: SearchIndexWriter,
  connection: Connection,
  events: readonly StoredResource[],
  accesses: readonly RecordedAccess[],
): Promise<void> {
  if (events.length === 0) return recordAccesses(connection, accesses);
  const db: Kysely<EhealthTables> = tablesOf<EhealthTables>(connection);
  const rows = events.map((event) => ({
    resource_type: event.resourceType,
    id: event.id,
    version: 1,
    last_updated: event.lastUpdated,
    patient_id: event.patientId,
    content: event.content,
  }));
  const insertions = index.insertionsOf?.(events);
  if (!insertions) {
    // An index that cannot hand out its inserts: the statements one by one.
    await db.insertInto('ehealth.resources').values(rows).execute();
    await db
      .insertInto('ehealth.resource_history')
      .values(rows.map(({ patient_id: _, ...row }) => row))
      .execute();
    await index.write(db as EhealthTransaction, events);
    return recordAccesses(connection, accesses);
  }
  // The history rows are the resource rows the first insert returns: the contents travel once.
  const columns = ['resource_type', 'id', 'version', 'last_updated', 'content'] as const;
  const parts = [
    db.insertInto('ehealth.resources').values(rows).returning(columns),
    sql`INSERT INTO ehealth.resource_history (${sql.join(columns.map((column) => sql.id(column)))})
      SELECT ${sql.join(columns.map((column) => sql.id(column)))} FROM ${sql.id('written_0')}`,
    ...insertions,
    ...(accesses.length > 0 ? [accessOutboxInsert(connection, accesses)] : []),
  ];
  await sql`WITH ${sql.join(
    parts.map((part, i) => sql`${sql.id(`written_${i}`)} AS (${part})`),
    sql`, `,
  )} SELECT 1`.execute(db);
}
