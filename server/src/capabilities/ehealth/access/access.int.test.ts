import type { Resource } from '@medplum/fhirtypes';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/databases.ts';
import { startTestPlatform, type TestPlatform } from '../../../../test/platform.ts';
import { tablesOf } from '../../../db/index.ts';
import { ExchangeClient } from '../../../exchange/index.ts';
import { eidIssuer, issueScriptingToken } from '../../../identity/tokens.ts';
import { TypedSearchIndex } from '../fhir/search/index-writer.ts';
import { ResourceStore } from '../fhir/store.ts';
import type { HealthAccessContext, StoredResource } from '../ports.ts';
import type { EhealthTables } from '../tables.ts';
import { BreakGlassGrants } from './break-glass.ts';
import { storeCareFacts } from './care.ts';
import { createContextResolver } from './context.ts';
import { createHealthPolicy } from './policy.ts';
import { createAccessRecorder } from './recorder.ts';

type Json = Record<string, unknown>;

/** A small record: the demo citizen (GP: the demo GP), a child of theirs, another patient, the two doctors. */
function record(ids: {
  citizen: string;
  child: string | null;
  other: string;
  gp: string;
  specialist: string;
}) {
  const patient = (id: string, egn: string, gp?: string): Resource =>
    ({
      resourceType: 'Patient',
      id,
      identifier: [{ system: 'urn:test:egn', value: egn }],
      name: [{ given: ['Test'], family: id }],
      birthDate: '1980-01-01',
      ...(gp && { generalPractitioner: [{ reference: `Practitioner/${gp}` }] }),
    }) as Resource;
  const condition = (id: string, patientId: string, code: string, category = 'problem-list-item'): Resource =>
    ({
      resourceType: 'Condition',
      id,
      subject: { reference: `Patient/${patientId}` },
      category: [{ coding: [{ code: category }] }],
      code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code }] },
    }) as Resource;
  return [
    {
      resourceType: 'Practitioner',
      id: 'dr-gp',
      identifier: [{ system: 'urn:test:egn', value: ids.gp }],
      name: [{ text: 'Dr GP' }],
    },
    {
      resourceType: 'Practitioner',
      id: 'dr-cardio',
      identifier: [{ system: 'urn:test:egn', value: ids.specialist }],
      name: [{ text: 'Dr Cardio' }],
    },
    {
      resourceType: 'PractitionerRole',
      id: 'role-gp',
      practitioner: { reference: 'Practitioner/dr-gp' },
      code: [{ coding: [{ code: '446050000' }] }],
    },
    patient('p-citizen', ids.citizen, 'dr-gp'),
    ...(ids.child ? [patient('p-child', ids.child, 'dr-gp'), condition('c-child', 'p-child', 'J20')] : []),
    patient('p-other', ids.other),
    condition('c-hypertension', 'p-citizen', 'I10'),
    condition('c-depression', 'p-citizen', 'F32'),
    condition('c-other', 'p-other', 'E11'),
  ] as Resource[];
}

describe.each(testDatabases())('who sees what of the health record on $name', (engine) => {
  let platform: TestPlatform;
  let store: ResourceStore;
  const tokens: Record<string, string> = {};
  let ids: { citizen: string; child: string | null; other: string; gp: string; specialist: string };

  beforeAll(async () => {
    platform = await startTestPlatform(engine, { persons: 60, vehicles: 10, healthRecords: false });
    const demo = platform.seeded.demoPersons;
    const db = tablesOf<
      EhealthTables & {
        'population.persons': {
          egn: string;
          mother_egn: string | null;
          father_egn: string | null;
          birth_date: string;
        };
      }
    >(platform.database.db);
    // A parent of a minor child in the population (the demo citizen when they are one).
    const parents = await db
      .selectFrom('population.persons')
      .select(['egn', 'mother_egn', 'father_egn'])
      .where('birth_date', '>', sql<string>`(current_date - interval '17 years')::date`)
      .where('mother_egn', 'is not', null)
      .execute();
    const minor = parents.find((row) => row.mother_egn && !demo.slice(1).includes(row.mother_egn));
    const citizen = minor?.mother_egn ?? demo[0]!;
    ids = { citizen, child: minor?.egn ?? null, other: demo[4]!, gp: demo[2]!, specialist: demo[7]! };
    store = new ResourceStore(platform.database.db, new TypedSearchIndex());
    await store.importResources(record(ids));
    await db
      .insertInto('ehealth.patients')
      .values([
        { personal_number: ids.citizen, patient_id: 'p-citizen' },
        ...(ids.child ? [{ personal_number: ids.child, patient_id: 'p-child' }] : []),
        { personal_number: ids.other, patient_id: 'p-other' },
      ])
      .execute();
    const issuer = eidIssuer(platform.config.publicUrl);
    tokens.citizen = await issueScriptingToken(platform.keys, issuer, ids.citizen, ['citizen']);
    tokens.gp = await issueScriptingToken(platform.keys, issuer, ids.gp, ['citizen', 'doctor']);
    tokens.specialist = await issueScriptingToken(platform.keys, issuer, ids.specialist, [
      'citizen',
      'doctor',
    ]);
  });
  afterAll(() => platform?.close());

  const inject = (method: 'GET' | 'POST' | 'DELETE', url: string, as?: string, payload?: unknown) =>
    platform.app.inject({
      method,
      url,
      headers: as ? { authorization: `Bearer ${tokens[as]}` } : {},
      ...(payload !== undefined && { payload: payload as Json }),
    });

  /** The context of a request carrying this token (the resolver as the FHIR router uses it). */
  async function contextOf(as: string): Promise<HealthAccessContext> {
    const resolver = createContextResolver({
      db: platform.database.db,
      instance: platform.app.instance,
      exchange: new ExchangeClient(platform.app.exchange, platform.app.instance.clients.portal),
      includeDemo: true,
    });
    const request = {
      headers: { authorization: `Bearer ${tokens[as]}` },
      method: 'GET',
      url: '/fhir/R4/Condition',
      id: 'req-1',
      server: platform.app,
    } as never;
    return resolver(request);
  }

  /** The Condition ids the caller sees, through the SQL form of the policy. */
  async function visibleConditions(ctx: HealthAccessContext): Promise<string[]> {
    const policy = createHealthPolicy(storeCareFacts(platform.database.db));
    const where = await policy.visibleWhere(ctx, 'Condition', 'r');
    if (where === false) return [];
    const rows = await tablesOf<EhealthTables>(platform.database.db)
      .selectFrom('ehealth.resources as r')
      .select(['r.id', 'r.patient_id'])
      .where('r.resource_type', '=', 'Condition')
      .where(where)
      .orderBy('r.id')
      .execute();
    // The SQL form for a query limited to one patient (a search's `patient=`) reads the standing
    // with that patient only, and agrees with the whole one.
    for (const patient of ['p-citizen', 'p-child', 'p-other']) {
      const narrowed = await policy.visibleWhere(ctx, 'Condition', 'r', [patient]);
      const found =
        narrowed === false
          ? []
          : await tablesOf<EhealthTables>(platform.database.db)
              .selectFrom('ehealth.resources as r')
              .select('r.id')
              .where('r.resource_type', '=', 'Condition')
              .where('r.patient_id', '=', patient)
              .where(narrowed)
              .orderBy('r.id')
              .execute();
      expect(found.map((row) => row.id)).toEqual(
        rows.filter((row) => row.patient_id === patient).map((row) => row.id),
      );
    }
    // The pure form agrees with the SQL form.
    const all = await tablesOf<EhealthTables>(platform.database.db)
      .selectFrom('ehealth.resources')
      .selectAll()
      .where('resource_type', '=', 'Condition')
      .orderBy('id')
      .execute();
    const stored: StoredResource[] = all.map((row) => ({
      resourceType: row.resource_type,
      id: row.id,
      versionId: row.version,
      lastUpdated: row.last_updated,
      patientId: row.patient_id,
      deleted: row.deleted,
      content: row.content,
    }));
    const readable = await createHealthPolicy(storeCareFacts(platform.database.db)).filterReadable(
      ctx,
      stored,
    );
    expect(readable.map((resource) => resource.id)).toEqual(rows.map((row) => row.id));
    return rows.map((row) => row.id);
  }

  it('publishes the SMART configuration as JSON, without a token', async () => {
    const response = await inject('GET', '/fhir/R4/.well-known/smart-configuration');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const body = response.json() as Json;
    expect(body.code_challenge_methods_supported).toEqual(['S256']);
    expect(body.token_endpoint).toBe(`${platform.config.publicUrl}/oidc/token`);
    expect(body.capabilities).toEqual(
      expect.arrayContaining(['launch-standalone', 'permission-v2', 'context-standalone-patient']),
    );
  });

  it("resolves a citizen to their own record and their minor child's, with their SMART scopes", async () => {
    const ctx = await contextOf('citizen');
    expect(ctx.actor).toMatchObject({ kind: 'patient', patientId: 'p-citizen' });
    if (ctx.actor.kind !== 'patient') return;
    expect(ctx.actor.patientIds).toEqual(['p-citizen', ...(ids.child ? ['p-child'] : [])]);
    expect(ctx.purpose.purpose).toBe('data-subject-access');
    expect(ctx.scopes.map((scope) => scope.context)).toContain('patient');
    expect(await visibleConditions(ctx)).toEqual([
      ...(ids.child ? ['c-child'] : []),
      'c-depression',
      'c-hypertension',
    ]);
  });

  it('resolves the demo GP to their practitioner at the GP practice, who sees their patients only', async () => {
    const ctx = await contextOf('gp');
    expect(ctx.actor).toMatchObject({
      kind: 'practitioner',
      practitionerId: 'dr-gp',
      organisation: 'ГППМП „Здраве Лозенец“',
      generalPractitioner: true,
    });
    expect(await visibleConditions(ctx)).toEqual([
      ...(ids.child ? ['c-child'] : []),
      'c-depression',
      'c-hypertension',
    ]);
  });

  it('lets a specialist see nothing without a referral, then the referred patient only', async () => {
    let ctx = await contextOf('specialist');
    expect(ctx.actor).toMatchObject({
      kind: 'practitioner',
      practitionerId: 'dr-cardio',
      generalPractitioner: false,
    });
    expect(await visibleConditions(ctx)).toEqual([]);
    await store.importResources([
      {
        resourceType: 'ServiceRequest',
        id: 'referral-1',
        status: 'active',
        intent: 'order',
        subject: { reference: 'Patient/p-citizen' },
        performer: [{ reference: 'Practitioner/dr-cardio' }],
      } as Resource,
    ]);
    ctx = await contextOf('specialist');
    expect(await visibleConditions(ctx)).toEqual(['c-depression', 'c-hypertension']);
  });

  it('records concurrent reads by group commit: each one an AuditEvent naming the doctor, none lost', async () => {
    const db = tablesOf<EhealthTables>(platform.database.db);
    const events = async () =>
      (
        await db
          .selectFrom('ehealth.resources')
          .select('content')
          .where('resource_type', '=', 'AuditEvent')
          .where('patient_id', '=', 'p-citizen')
          .execute()
      )
        .map((row) => JSON.parse(row.content) as Json)
        .filter((event) => JSON.stringify(event.entity).includes('Condition/c-hypertension'));
    const before = (await events()).length;
    const reads = await Promise.all(
      Array.from({ length: 24 }, () => inject('GET', '/fhir/R4/Condition/c-hypertension', 'gp')),
    );
    expect(reads.map((read) => read.statusCode)).toEqual(Array(24).fill(200));
    const after = await events();
    expect(after.length - before).toBe(24);
    // Each written with its version in the history and its rows in the search index (one statement per group).
    const recorded = after.map((event) => event.id as string);
    const history = await db
      .selectFrom('ehealth.resource_history')
      .select(['id', 'content'])
      .where('resource_type', '=', 'AuditEvent')
      .where('id', 'in', recorded)
      .execute();
    expect(history.map((row) => JSON.parse(row.content).id).sort()).toEqual([...recorded].sort());
    const searchable = await inject('GET', '/fhir/R4/AuditEvent?patient=p-citizen&_count=200', 'citizen');
    const found = (searchable.json() as { entry?: Array<{ resource: { id: string } }> }).entry ?? [];
    expect(recorded.every((id) => found.some((entry) => entry.resource.id === id))).toBe(true);
    // The doctor's registered name, then their organisation (what the patient is shown).
    const person = await tablesOf<{
      'population.persons': { egn: string; given_name: string; family_name: string };
    }>(platform.database.db)
      .selectFrom('population.persons')
      .select(['given_name', 'family_name'])
      .where('egn', '=', ids.gp)
      .executeTakeFirstOrThrow();
    const agents = (after.at(-1)!.agent as Array<{ who: { display?: string; reference?: string } }>).map(
      (agent) => agent.who,
    );
    expect(agents[0]).toEqual({
      reference: 'Practitioner/dr-gp',
      display: `${person.given_name} ${person.family_name}`,
    });
    expect(agents[1]?.display).toBe('ГППМП „Здраве Лозенец“');
  });

  it('fails only the access whose record cannot be written, not the others of its group', async () => {
    const index = new TypedSearchIndex();
    const recorder = createAccessRecorder({
      db: platform.database.db,
      instance: platform.app.instance,
      index: {
        write: async (trx, resources) => {
          if (resources.some((resource) => resource.patientId === 'p-other'))
            throw new Error('the index refuses this one');
          await index.write(trx, resources);
        },
      },
    });
    const ctx = await contextOf('gp');
    const access = (patientId: string, reference: string) => ({
      ctx,
      interaction: 'read' as const,
      what: 'Condition',
      patientIds: [patientId],
      references: [reference],
      status: 200,
    });
    const outcomes = await Promise.allSettled([
      recorder.record(access('p-citizen', 'Condition/c-depression')),
      recorder.record(access('p-other', 'Condition/c-other')),
      recorder.record(access('p-citizen', 'Condition/c-hypertension')),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const recent = await tablesOf<EhealthTables>(platform.database.db)
      .selectFrom('ehealth.resources')
      .select(['patient_id', 'content'])
      .where('resource_type', '=', 'AuditEvent')
      .orderBy('last_updated', 'desc')
      .limit(10)
      .execute();
    const entities = recent.map((row) => `${row.patient_id} ${row.content}`);
    expect(entities.some((e) => e.startsWith('p-citizen') && e.includes('Condition/c-depression'))).toBe(
      true,
    );
    expect(entities.some((e) => e.includes('Condition/c-other'))).toBe(false);
  });

  it('honours restrictions: a category hidden from the specialist, a resource from all but the GP', async () => {
    const hide = await inject('POST', '/api/health/restrictions', 'citizen', {
      target: { kind: 'category', resourceType: 'Condition', category: 'F32' },
      from: { kind: 'practitioner', practitionerId: 'dr-cardio' },
    });
    expect(hide.statusCode).toBe(201);
    const restriction = hide.json() as Json;
    expect(restriction).toMatchObject({
      patientId: 'p-citizen',
      from: { kind: 'practitioner', name: 'Dr Cardio' },
    });
    expect(await visibleConditions(await contextOf('specialist'))).toEqual(['c-hypertension']);
    expect(await visibleConditions(await contextOf('gp'))).toContain('c-depression');

    const fromAll = await inject('POST', '/api/health/restrictions', 'citizen', {
      target: { kind: 'resource', reference: 'Condition/c-hypertension' },
      from: { kind: 'all-but-gp' },
    });
    expect(fromAll.statusCode).toBe(201);
    expect(await visibleConditions(await contextOf('specialist'))).toEqual([]);
    expect(await visibleConditions(await contextOf('gp'))).toContain('c-hypertension');

    // Its FHIR form: a Consent (patient-privacy, deny) in the patient's compartment.
    const consent = await store.read('Consent', String(restriction.consentId));
    expect(consent?.patientId).toBe('p-citizen');
    expect(JSON.parse(consent!.content)).toMatchObject({
      scope: { coding: [{ code: 'patient-privacy' }] },
      provision: { type: 'deny' },
    });

    const list = (await inject('GET', '/api/health/restrictions', 'citizen')).json() as Json[];
    expect(list).toHaveLength(2);
    expect((await inject('DELETE', `/api/health/restrictions/${restriction.id}`, 'gp')).statusCode).toBe(404);
    expect((await inject('DELETE', `/api/health/restrictions/${restriction.id}`, 'citizen')).statusCode).toBe(
      204,
    );
    expect(JSON.parse((await store.read('Consent', String(restriction.consentId)))!.content).status).toBe(
      'inactive',
    );
    expect(await visibleConditions(await contextOf('specialist'))).toEqual(['c-depression']);
  });

  it('refuses a restriction on a resource outside the record, and malformed ones', async () => {
    const other = await inject('POST', '/api/health/restrictions', 'citizen', {
      target: { kind: 'resource', reference: 'Condition/c-other' },
      from: { kind: 'all-but-gp' },
    });
    expect(other.statusCode).toBe(400);
    expect(other.json()).toMatchObject({ code: 'restriction-invalid' });
    const broken = await inject('POST', '/api/health/restrictions', 'citizen', {
      target: { kind: 'category', resourceType: 'Condition\u0000', category: 'F32' },
      from: { kind: 'all-but-gp' },
    });
    expect(broken.statusCode).toBe(400);
    const notMine = await inject('POST', '/api/health/restrictions', 'citizen', {
      patientId: 'p-other',
      target: { kind: 'category', resourceType: 'Condition' },
      from: { kind: 'all-but-gp' },
    });
    expect(notMine.statusCode).toBe(404);
  });

  it('opens break-glass for an hour, tells the patient, and shows the access marked in "Who used my data"', async () => {
    const short = await inject('POST', '/api/health/break-glass', 'specialist', {
      personalNumber: ids.other,
      reason: 'short',
    });
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({ code: 'break-glass-reason-invalid' });
    expect(
      (
        await inject('POST', '/api/health/break-glass', 'citizen', {
          personalNumber: ids.other,
          reason: 'Unconscious in the ER',
        })
      ).statusCode,
    ).toBe(403);

    expect(await visibleConditions(await contextOf('specialist'))).not.toContain('c-other');
    // The platform remembers the doctor's (no) grants for a few seconds: opening one here is seen at once.
    expect((await inject('GET', '/api/health/me', 'specialist')).json()).toMatchObject({ breakGlass: [] });
    const opened = await inject('POST', '/api/health/break-glass', 'specialist', {
      personalNumber: ids.other,
      reason: 'Unconscious patient in the emergency room',
    });
    expect(opened.statusCode).toBe(201);
    const grant = opened.json() as { patientId: string; expiresAt: string };
    expect(grant.patientId).toBe('p-other');
    expect(new Date(grant.expiresAt).getTime() - Date.now()).toBeGreaterThan(59 * 60_000);
    expect(await visibleConditions(await contextOf('specialist'))).toContain('c-other');
    const me = (await inject('GET', '/api/health/me', 'specialist')).json() as Json;
    expect(me).toMatchObject({ practitionerId: 'dr-cardio', breakGlass: [{ patientId: 'p-other' }] });
    // Remembered or not, a grant ends at its expiry.
    const grants = new BreakGlassGrants(platform.database.db);
    expect(await grants.of(ids.specialist, new Date())).toEqual([
      expect.objectContaining({ patientId: 'p-other' }),
    ]);
    expect(await grants.of(ids.specialist, new Date(Date.now() + 61 * 60_000))).toEqual([]);

    tokens.other = await issueScriptingToken(platform.keys, eidIssuer(platform.config.publicUrl), ids.other, [
      'citizen',
    ]);
    const notices = (await inject('GET', '/api/health/notices', 'other')).json() as Json[];
    expect(notices).toEqual([
      expect.objectContaining({
        kind: 'break-glass',
        organisation: 'УМБАЛ „Александровска“',
        reason: 'Unconscious patient in the emergency room',
      }),
    ]);
    expect((await inject('GET', '/api/health/notices', 'citizen')).json()).toEqual([]);

    await platform.app.auditLog.feed.run();
    const usage = (await inject('GET', '/api/me/data-usage', 'other')).json() as { items: Json[] };
    const emergency = usage.items.find((item) => item.purpose === 'emergency-access');
    expect(emergency).toMatchObject({
      legalBasis: 'gdpr-art-9-2-c',
      dataCategories: ['health'],
      initiatorOrg: { id: platform.app.instance.healthcare.providers.get('УМБАЛ „Александровска“') },
      receiver: { service: `${platform.app.instance.healthcare.record}/fhir` },
    });
    expect(emergency?.initiatorPerson).toEqual(expect.any(String));
    // The AuditEvent, in the patient's compartment.
    const events = await tablesOf<EhealthTables>(platform.database.db)
      .selectFrom('ehealth.resources')
      .select(['content', 'patient_id'])
      .where('resource_type', '=', 'AuditEvent')
      .execute();
    expect(events.map((event) => event.patient_id)).toContain('p-other');
    expect(events.some((event) => event.content.includes(ids.other))).toBe(false);
  });

  it('lists the records a citizen may open', async () => {
    const patients = (await inject('GET', '/api/health/patients', 'citizen')).json() as Json[];
    expect(patients[0]).toMatchObject({ patientId: 'p-citizen', self: true });
    expect(patients).toHaveLength(ids.child ? 2 : 1);
  });
});
