import type { Resource } from '@medplum/fhirtypes';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../../test/databases.ts';
import type { DatabaseHandle } from '../../../../db/index.ts';
import { AppError } from '../../../../kernel/index.ts';
import { INTERNAL_CONTEXT } from '../../access/context.ts';
import type { HealthAccessContext, HealthPolicy, SearchEngine, SearchResult } from '../../ports.ts';
import { ResourceStore } from '../store.ts';
import { createSearchEngine } from './engine.ts';
import { TypedSearchIndex } from './index-writer.ts';

const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
const EGN = 'http://civitas.example/fhir/NamingSystem/bg-egn';
const lab = [
  { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] },
];

const observation = (
  id: string,
  patient: string,
  code: string,
  effective: string,
  value?: number,
): Resource =>
  ({
    resourceType: 'Observation',
    id,
    status: 'final',
    category: lab,
    code: { coding: [{ system: LOINC, code }] },
    subject: { reference: `Patient/${patient}` },
    effectiveDateTime: effective,
    ...(value === undefined
      ? {}
      : { valueQuantity: { value, unit: 'mmol/L', system: UCUM, code: 'mmol/L' } }),
  }) as Resource;

/** A small record whose every answer is known. */
const RESOURCES: Resource[] = [
  {
    resourceType: 'Patient',
    id: 'p1',
    identifier: [{ system: EGN, value: '8005124563' }],
    name: [{ family: 'Петров', given: ['Иван', 'Георгиев'] }],
    gender: 'male',
    birthDate: '1980-05-12',
    generalPractitioner: [{ reference: 'Practitioner/gp1' }],
  },
  {
    resourceType: 'Patient',
    id: 'p2',
    name: [{ family: 'Łukasiewicz', given: ['Zofia'] }],
    gender: 'female',
    birthDate: '1992-11-03',
  },
  {
    resourceType: 'Patient',
    id: 'p3',
    name: [{ family: 'Иванова', given: ['Мария'] }],
    gender: 'female',
    birthDate: '1992',
  },
  { resourceType: 'Practitioner', id: 'gp1', name: [{ family: 'Димитров', given: ['Георги'] }] },
  { resourceType: 'Practitioner', id: 'secret-doctor', name: [{ family: 'Скрит', given: ['Лекар'] }] },
  {
    ...observation('o1', 'p1', '2345-7', '2024-03-05T10:15:00Z', 5.4),
    encounter: { reference: 'Encounter/e1' },
  } as Resource,
  observation('o2', 'p1', '2345-7', '2024-06-01T08:00:00Z', 6.8),
  observation('o3', 'p1', '4548-4', '2024-06-01T08:00:00Z', 7.1),
  observation('o4', 'p2', '2345-7', '2023-12-31T23:30:00Z', 4.9),
  {
    resourceType: 'Observation',
    id: 'o5',
    status: 'preliminary',
    code: { coding: [{ system: LOINC, code: '85354-9' }] },
    subject: { reference: 'Patient/p1' },
    effectivePeriod: { start: '2024-02-01', end: '2024-02-03' },
  },
  observation('hidden-obs', 'p1', '2345-7', '2024-04-01T08:00:00Z', 5.0),
  {
    resourceType: 'Encounter',
    id: 'e1',
    status: 'finished',
    class: { code: 'AMB' },
    subject: { reference: 'Patient/p1' },
  },
  {
    resourceType: 'MedicationRequest',
    id: 'mr1',
    status: 'active',
    intent: 'order',
    identifier: [{ system: 'http://civitas.example/prescription', value: 'RX-0001' }],
    medicationCodeableConcept: { coding: [{ system: 'http://www.whocc.no/atc', code: 'A10BA02' }] },
    subject: { reference: 'Patient/p1' },
    requester: { reference: 'Practitioner/gp1' },
    authoredOn: '2024-06-01',
  },
  {
    resourceType: 'MedicationRequest',
    id: 'mr2',
    status: 'completed',
    intent: 'order',
    medicationCodeableConcept: { coding: [{ system: 'http://www.whocc.no/atc', code: 'C09AA05' }] },
    subject: { reference: 'Patient/p1' },
    requester: { reference: 'Practitioner/secret-doctor' },
    authoredOn: '2023-01-10',
  },
  {
    resourceType: 'DiagnosticReport',
    id: 'dr1',
    status: 'final',
    code: { coding: [{ system: LOINC, code: '24323-8' }] },
    subject: { reference: 'Patient/p2' },
    result: [{ reference: 'Observation/o4' }],
  },
  {
    resourceType: 'DiagnosticReport',
    id: 'dr2',
    status: 'final',
    code: { coding: [{ system: LOINC, code: '24323-8' }] },
    subject: { reference: 'Group/g1' },
  },
  {
    resourceType: 'Provenance',
    id: 'prov1',
    target: [{ reference: 'Observation/o1' }],
    recorded: '2024-03-05T10:16:00Z',
    agent: [{ who: { reference: 'Practitioner/gp1' } }],
  },
  {
    resourceType: 'Provenance',
    id: 'hidden-prov',
    target: [{ reference: 'Observation/o1' }],
    recorded: '2024-03-05T10:17:00Z',
    agent: [{ who: { reference: 'Practitioner/gp1' } }],
  },
] as Resource[];

/** The resources the stub policy hides (as a patient's restriction would). */
const HIDDEN = ['Observation/hidden-obs', 'Practitioner/secret-doctor', 'Provenance/hidden-prov'];

/** A policy that hides HIDDEN from everyone, refuses the scope of `Consent` and sees nothing of `Consent`. */
const stubPolicy: HealthPolicy = {
  checkScopes: (_ctx, type) =>
    type === 'AuditEvent' ? { allowed: false, reason: 'no scope for AuditEvent' } : { allowed: true },
  canRead: async (_ctx, resource) => !HIDDEN.includes(`${resource.resourceType}/${resource.id}`),
  filterReadable: async (_ctx, resources) =>
    resources.filter((resource) => !HIDDEN.includes(`${resource.resourceType}/${resource.id}`)),
  visibleWhere: async (_ctx, type, alias) =>
    type === 'Consent'
      ? false
      : sql<boolean>`NOT ((${sql.ref(`${alias}.resource_type`)} || '/' || ${sql.ref(`${alias}.id`)}) = ANY(${HIDDEN}::text[]))`,
  canWrite: async () => false,
};

const ctx: HealthAccessContext = INTERNAL_CONTEXT;
const BASE = 'https://civitas.test/fhir/R4';

describe.each(testDatabases())('FHIR search on $name', (engine) => {
  let database: DatabaseHandle;
  let store: ResourceStore;
  let index: TypedSearchIndex;
  let search: SearchEngine;

  beforeAll(async () => {
    database = await engine.open();
    index = new TypedSearchIndex();
    store = new ResourceStore(database.db, index);
    await store.importResources(RESOURCES);
    search = createSearchEngine({ db: database.db, policy: stubPolicy });
  });
  afterAll(() => database?.close());

  const run = (resourceType: string, params: Record<string, string | string[]>) =>
    search.search(ctx, { resourceType, params, baseUrl: BASE });
  const ids = (result: SearchResult) => result.matches.map((match) => match.id).sort();
  const refusal = async (resourceType: string, params: Record<string, string | string[]>) => {
    const error = await run(resourceType, params).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).code;
  };

  it('finds by token: system|code, code in any system, |code (no system), system| (any code), :not', async () => {
    expect(ids(await run('Observation', { code: `${LOINC}|2345-7` }))).toEqual(['o1', 'o2', 'o4']);
    expect(ids(await run('Observation', { code: '2345-7' }))).toEqual(['o1', 'o2', 'o4']);
    expect(ids(await run('Observation', { code: '|2345-7' }))).toEqual([]);
    expect(ids(await run('Observation', { code: `${LOINC}|` }))).toEqual(['o1', 'o2', 'o3', 'o4', 'o5']);
    expect(ids(await run('Observation', { 'code:not': '2345-7' }))).toEqual(['o3', 'o5']);
    const byPersonalNumber = await run('Patient', { identifier: `${EGN}|8005124563` });
    expect(ids(byPersonalNumber)).toEqual(['p1']);
    expect(JSON.stringify(byPersonalNumber.links)).not.toContain('8005124563');
    expect(ids(await run('Patient', { gender: 'female' }))).toEqual(['p2', 'p3']);
    expect(ids(await run('MedicationRequest', { identifier: 'RX-0001' }))).toEqual(['mr1']);
  });

  it('ORs comma-separated values and ANDs repeated parameters', async () => {
    expect(ids(await run('Observation', { code: '4548-4,85354-9' }))).toEqual(['o3', 'o5']);
    expect(ids(await run('Observation', { patient: 'p1', code: '2345-7' }))).toEqual(['o1', 'o2']);
    expect(ids(await run('Observation', { date: ['ge2024-01-01', 'lt2024-06-01'] }))).toEqual(['o1', 'o5']);
  });

  it('finds by reference: Type/id, a bare id, a type modifier, an absolute URL', async () => {
    expect(ids(await run('Observation', { patient: 'Patient/p2' }))).toEqual(['o4']);
    expect(ids(await run('Observation', { patient: 'p2' }))).toEqual(['o4']);
    expect(ids(await run('Observation', { 'subject:Patient': 'p2' }))).toEqual(['o4']);
    expect(ids(await run('Observation', { subject: `${BASE}/Patient/p2` }))).toEqual(['o4']);
    expect(ids(await run('Observation', { encounter: 'Encounter/e1' }))).toEqual(['o1']);
    expect(ids(await run('Patient', { 'general-practitioner': 'Practitioner/gp1' }))).toEqual(['p1']);
  });

  it('finds a compartment element by its Patient and by its other targets, typed or not', async () => {
    expect(ids(await run('DiagnosticReport', { subject: 'Group/g1' }))).toEqual(['dr2']);
    expect(ids(await run('DiagnosticReport', { subject: 'g1' }))).toEqual(['dr2']);
    expect(ids(await run('DiagnosticReport', { subject: 'p2' }))).toEqual(['dr1']);
    expect(ids(await run('DiagnosticReport', { subject: 'Patient/p2,Group/g1' }))).toEqual(['dr1', 'dr2']);
    expect(ids(await run('DiagnosticReport', { patient: 'p2' }))).toEqual(['dr1']);
    expect(ids(await run('DiagnosticReport', { 'patient:missing': 'true' }))).toEqual(['dr2']);
    expect(ids(await run('DiagnosticReport', { 'subject:missing': 'false' }))).toEqual(['dr1', 'dr2']);
    expect(ids(await run('DiagnosticReport', { result: 'Observation/o4' }))).toEqual(['dr1']);
    const reports = await run('DiagnosticReport', {
      _id: 'dr1,dr2',
      _include: ['DiagnosticReport:subject', 'DiagnosticReport:result'],
    });
    expect(reports.included.map((resource) => `${resource.resourceType}/${resource.id}`).sort()).toEqual([
      'Observation/o4',
      'Patient/p2',
    ]);
    const ofPatient = await run('Patient', { _id: 'p2', _revinclude: 'DiagnosticReport:subject' });
    expect(ofPatient.included.map((resource) => resource.id)).toEqual(['dr1']);
    const sorted = await run('DiagnosticReport', { _sort: '-subject' });
    expect(sorted.matches.map((match) => match.id)).toEqual(['dr1', 'dr2']);
  });

  it('compares dates as ranges with every prefix', async () => {
    expect(ids(await run('Observation', { date: '2024-06-01' }))).toEqual(['o2', 'o3']);
    expect(ids(await run('Observation', { date: '2024-03' }))).toEqual(['o1']);
    expect(ids(await run('Observation', { date: 'lt2024' }))).toEqual(['o4']);
    expect(ids(await run('Observation', { date: 'ge2024-06-01' }))).toEqual(['o2', 'o3']);
    expect(ids(await run('Observation', { date: 'gt2024-03-05' }))).toEqual(['o2', 'o3']);
    expect(ids(await run('Observation', { date: 'le2024-02-02' }))).toEqual(['o4', 'o5']);
    expect(ids(await run('Observation', { date: 'sa2024-03-05' }))).toEqual(['o2', 'o3']);
    expect(ids(await run('Observation', { date: 'eb2024-01-01' }))).toEqual(['o4']);
    expect(ids(await run('Observation', { date: 'ne2024-06-01' }))).toEqual(['o1', 'o4', 'o5']);
    // A time zone moves the instant: 2024-01-01T01:30+02:00 is 2023-12-31T23:30Z.
    expect(ids(await run('Observation', { date: '2024-01-01T01:30:00+02:00' }))).toEqual(['o4']);
    // A period is the range it spans: 2024-02-02 lies inside 2024-02-01…03, which is not inside the day.
    expect(ids(await run('Observation', { date: 'ap2024-02-02' }))).toContain('o5');
    expect(ids(await run('Patient', { birthdate: '1992' }))).toEqual(['p2', 'p3']);
    expect(ids(await run('Patient', { birthdate: '1992-11' }))).toEqual(['p2']);
    expect(ids(await run('MedicationRequest', { authoredon: 'ge2024' }))).toEqual(['mr1']);
  });

  it('compares quantities at the precision written, with prefixes, system and code', async () => {
    expect(ids(await run('Observation', { 'value-quantity': '5.4' }))).toEqual(['o1']);
    expect(ids(await run('Observation', { 'value-quantity': '5' }))).toEqual(['o1', 'o4']);
    expect(ids(await run('Observation', { 'value-quantity': `gt6|${UCUM}|mmol/L` }))).toEqual(['o2', 'o3']);
    expect(ids(await run('Observation', { 'value-quantity': 'le5.4||mmol/L' }))).toEqual(['o1', 'o4']);
    expect(ids(await run('Observation', { 'value-quantity': 'gt6||mg/dL' }))).toEqual([]);
    expect(ids(await run('Observation', { 'value-quantity': 'ap7' }))).toEqual(['o2', 'o3']);
    expect(ids(await run('Observation', { 'value-quantity:missing': 'true' }))).toEqual(['o5']);
    expect(ids(await run('Encounter', { 'patient:missing': 'false' }))).toEqual(['e1']);
    expect(ids(await run('Observation', { 'value-quantity:missing': 'false', patient: 'p2' }))).toEqual([
      'o4',
    ]);
  });

  it('finds strings by start, without case or diacritics, in Cyrillic and Latin; :exact and :contains', async () => {
    expect(ids(await run('Patient', { name: 'иван' }))).toEqual(['p1', 'p3']);
    expect(ids(await run('Patient', { family: 'ИВАН' }))).toEqual(['p3']);
    expect(ids(await run('Patient', { given: 'георг' }))).toEqual(['p1']);
    expect(ids(await run('Patient', { family: 'lukas' }))).toEqual(['p2']);
    expect(ids(await run('Patient', { name: 'ŁUKASIEWICZ' }))).toEqual(['p2']);
    expect(ids(await run('Patient', { 'name:exact': 'Łukasiewicz' }))).toEqual(['p2']);
    expect(ids(await run('Patient', { 'name:exact': 'lukasiewicz' }))).toEqual([]);
    expect(ids(await run('Patient', { 'name:contains': 'kasie' }))).toEqual(['p2']);
    expect(ids(await run('Patient', { name: '100%' }))).toEqual([]);
    expect(ids(await run('Practitioner', { name: 'дими' }))).toEqual(['gp1']);
  });

  it('finds by _id and _lastUpdated', async () => {
    expect(ids(await run('Observation', { _id: 'o1,o3' }))).toEqual(['o1', 'o3']);
    expect(ids(await run('Observation', { _id: 'o1', _lastUpdated: 'gt2000-01-01' }))).toEqual(['o1']);
    expect(ids(await run('Observation', { _id: 'o1', _lastUpdated: 'lt2000-01-01' }))).toEqual([]);
  });

  it('sorts by one or several keys, descending with -', async () => {
    const byDate = await run('Observation', { patient: 'p1', _sort: '-date,_id' });
    expect(byDate.matches.map((match) => match.id)).toEqual(['o2', 'o3', 'o1', 'o5']);
    const ascending = await run('Observation', { _sort: 'date,-_id' });
    expect(ascending.matches.map((match) => match.id)).toEqual(['o4', 'o5', 'o1', 'o3', 'o2']);
    const byName = await run('Patient', { _sort: 'family' });
    expect(byName.matches.map((match) => match.id)).toEqual(['p2', 'p3', 'p1']);
    const byValue = await run('Observation', { _sort: '-value-quantity', 'value-quantity:missing': 'false' });
    expect(byValue.matches.map((match) => match.id)).toEqual(['o3', 'o2', 'o1', 'o4']);
  });

  it('pages with _count and links that work, to the last page and back', async () => {
    const seen: string[] = [];
    let page = await run('Observation', { _sort: '_id', _count: '2' });
    expect(page.links.find((link) => link.relation === 'previous')).toBeUndefined();
    for (let pages = 0; pages < 10; pages++) {
      seen.push(...page.matches.map((match) => match.id));
      const next = page.links.find((link) => link.relation === 'next');
      if (!next) break;
      const url = new URL(next.url);
      expect(`${url.origin}${url.pathname}`).toBe(`${BASE}/Observation`);
      page = await run('Observation', Object.fromEntries(url.searchParams));
    }
    expect(seen).toEqual(['o1', 'o2', 'o3', 'o4', 'o5']);
    expect(page.total).toBe(5);
    const previous = page.links.find((link) => link.relation === 'previous');
    const back = await run('Observation', Object.fromEntries(new URL(previous?.url ?? BASE).searchParams));
    expect(back.matches.map((match) => match.id)).toEqual(['o3', 'o4']);
  });

  it('counts: _total=accurate on a partial page, _summary=count alone, _total=none on a full page', async () => {
    const first = await run('Observation', { _count: '1', _total: 'accurate' });
    expect(first.matches).toHaveLength(1);
    expect(first.total).toBe(5);
    const count = await run('Observation', { patient: 'p1', _summary: 'count' });
    expect(count).toMatchObject({ matches: [], total: 4 });
    const none = await run('Observation', { _count: '1', _total: 'none' });
    expect(none.total).toBeUndefined();
  });

  it('keeps only the _elements asked for, marked SUBSETTED', async () => {
    const result = await run('Observation', { _id: 'o1', _elements: 'code,value' });
    const json = JSON.parse(result.matches[0]?.content ?? '{}');
    expect(Object.keys(json).sort()).toEqual(['code', 'id', 'meta', 'resourceType', 'valueQuantity']);
    expect(json.meta.tag).toContainEqual(expect.objectContaining({ code: 'SUBSETTED' }));
  });

  it('includes what the matches refer to and revincludes what refers to them', async () => {
    const withPatient = await run('Observation', { _id: 'o1,o4', _include: 'Observation:patient' });
    expect(withPatient.included.map((resource) => resource.id).sort()).toEqual(['p1', 'p2']);
    const withProvenance = await run('Observation', { _id: 'o1', _revinclude: 'Provenance:target' });
    expect(withProvenance.included.map((resource) => `${resource.resourceType}/${resource.id}`)).toEqual([
      'Provenance/prov1',
    ]);
    const records = await run('Patient', { _id: 'p2', _revinclude: 'Observation:patient' });
    expect(records.included.map((resource) => resource.id)).toEqual(['o4']);
    const ofTheGp = await run('Practitioner', { _id: 'gp1', _revinclude: 'MedicationRequest:requester' });
    expect(ofTheGp.included.map((resource) => resource.id)).toEqual(['mr1']);
    const iterated = await run('Observation', {
      _id: 'o1',
      _revinclude: 'Provenance:target',
      '_include:iterate': 'Provenance:agent',
    });
    expect(iterated.included.map((resource) => resource.id).sort()).toEqual(['gp1', 'prov1']);
  });

  it('hides what the policy hides: from matches, totals, _include and _revinclude alike', async () => {
    expect(ids(await run('Observation', { patient: 'p1', code: '2345-7' }))).toEqual(['o1', 'o2']);
    expect(ids(await run('Observation', { _id: 'hidden-obs' }))).toEqual([]);
    expect((await run('Observation', { patient: 'p1', _summary: 'count' })).total).toBe(4);
    const requests = await run('MedicationRequest', {
      patient: 'p1',
      _include: 'MedicationRequest:requester',
    });
    expect(ids(requests)).toEqual(['mr1', 'mr2']);
    expect(requests.included.map((resource) => resource.id)).toEqual(['gp1']);
    expect((await run('Consent', {})).matches).toEqual([]);
  });

  it('refuses a scope that does not cover the search', async () => {
    expect(await refusal('AuditEvent', {})).toBe('fhir-search-scope-denied');
  });

  it('refuses unknown parameters and modifiers, and malformed values, with their codes', async () => {
    expect(await refusal('Observation', { colour: 'blue' })).toBe('fhir-search-unknown-parameter');
    expect(await refusal('Observation', { 'subject.name': 'x' })).toBe('fhir-search-unknown-parameter');
    expect(await refusal('Observation', { 'code:above': 'x' })).toBe('fhir-search-unknown-parameter');
    expect(await refusal('Observation', { _has: 'x' })).toBe('fhir-search-unknown-parameter');
    expect(await refusal('Observation', { date: '2024-13-01' })).toBe('fhir-search-invalid-value');
    expect(await refusal('Observation', { date: 'yesterday' })).toBe('fhir-search-invalid-value');
    expect(await refusal('Observation', { 'value-quantity': 'five' })).toBe('fhir-search-invalid-value');
    expect(await refusal('Observation', { code: '' })).toBe('fhir-search-invalid-value');
    expect(await refusal('Observation', { patient: 'Practitioner/gp1' })).toBe('fhir-search-invalid-value');
    expect(await refusal('Observation', { _count: 'ten' })).toBe('fhir-search-invalid-value');
    expect(await refusal('Observation', { code: 'a\u0000b' })).toBe('fhir-search-invalid-value');
    expect(await refusal('Observation', { _include: 'Patient:general-practitioner' })).toBe(
      'fhir-search-invalid-value',
    );
    expect(await refusal('Observation', { _sort: 'colour' })).toBe('fhir-search-unknown-parameter');
  });

  it('indexes every resource of a bulk import (stored in parts of 1,000)', async () => {
    const bulk = Array.from({ length: 1_200 }, (_, n) =>
      observation(`bulk-${n}`, 'p-bulk', n % 2 ? '2345-7' : '4548-4', '2022-01-01', n),
    );
    await store.importResources(bulk);
    const count = async (params: Record<string, string>) =>
      (await run('Observation', { ...params, _summary: 'count' })).total;
    expect(await count({ patient: 'p-bulk' })).toBe(1_200);
    expect(await count({ patient: 'p-bulk', code: '2345-7' })).toBe(600);
    expect(await count({ patient: 'p-bulk', 'value-quantity': 'ge1000' })).toBe(200);
    expect(await count({ _id: 'bulk-1199', date: '2022' })).toBe(1);
  });

  it('replaces a resource’s index rows when it changes, and drops them when it is deleted', async () => {
    const [before] = await store.importResources([observation('o-change', 'p3', '2345-7', '2020-01-01', 3)]);
    if (!before) throw new Error('not imported');
    expect(ids(await run('Observation', { patient: 'p3' }))).toEqual(['o-change']);
    const changed = {
      ...before,
      versionId: 2,
      content: JSON.stringify(observation('o-change', 'p3', '4548-4', '2020-01-01', 3)),
    };
    await store.db.transaction().execute((trx) => index.write(trx, [changed]));
    expect(ids(await run('Observation', { patient: 'p3', code: '4548-4' }))).toEqual(['o-change']);
    expect(ids(await run('Observation', { patient: 'p3', code: '2345-7' }))).toEqual([]);
    await store.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('ehealth.resources')
        .set({ deleted: true })
        .where('id', '=', 'o-change')
        .execute();
      await index.write(trx, [{ ...changed, versionId: 3, deleted: true }]);
    });
    expect(ids(await run('Observation', { patient: 'p3' }))).toEqual([]);
    const rows = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM ehealth.search_token WHERE id = 'o-change'`.execute(store.db);
    expect(rows.rows[0]?.n).toBe(0);
  });
});
