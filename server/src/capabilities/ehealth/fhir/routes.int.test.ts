import type { Bundle, OperationOutcome, Resource } from '@medplum/fhirtypes';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/databases.ts';
import type { AppError } from '../../../kernel/index.ts';
import { INTERNAL_CONTEXT } from '../access/context.ts';
import type { ValidationIssue } from '../ports.ts';
import { PROBLEM_SYSTEM } from './outcome.ts';
import { healthRecordService } from './service.ts';
import { type FhirTestServer, startFhirTestServer } from './testing.ts';

const FHIR = 'application/fhir+json';
const EGN_SYSTEM = 'https://civitas.example/fhir/sid/egn';

/** Refuses any resource holding `unknownElement`, and Observations without a status. */
const validator = {
  async validate(resource: Resource): Promise<ValidationIssue[]> {
    const issues: ValidationIssue[] = [];
    if ('unknownElement' in resource)
      issues.push({
        severity: 'error',
        code: 'structure',
        expression: `${resource.resourceType}.unknownElement`,
        diagnostics: 'Unknown element',
      });
    if (resource.resourceType === 'Observation' && !('status' in resource))
      issues.push({
        severity: 'error',
        code: 'required',
        expression: 'Observation.status',
        diagnostics: 'Missing',
      });
    return issues;
  },
};

function codeOf(body: unknown): string | undefined {
  return (body as OperationOutcome).issue?.[0]?.details?.coding?.find((c) => c.system === PROBLEM_SYSTEM)
    ?.code;
}

const patient = (family: string, egn?: string): Resource => ({
  resourceType: 'Patient',
  name: [{ family, given: ['Иван'] }],
  ...(egn ? { identifier: [{ system: EGN_SYSTEM, value: egn }] } : {}),
});

const observation = (subject: string, extra: Record<string, unknown> = {}): Resource =>
  ({
    resourceType: 'Observation',
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '4548-4' }] },
    subject: { reference: subject },
    valueQuantity: { value: 6.1, unit: '%' },
    ...extra,
  }) as Resource;

describe.each(testDatabases())('the FHIR REST API on $name', (engine) => {
  let server: FhirTestServer;

  beforeAll(async () => {
    server = await startFhirTestServer(engine, { validator });
  });
  afterAll(() => server?.close());

  const send = async (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await server.app.inject({
      method: method as 'GET',
      url: `/fhir/R4${url}`,
      headers: { ...(body !== undefined ? { 'content-type': FHIR } : {}), ...headers },
      ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = response.body;
    return {
      status: response.statusCode,
      headers: response.headers,
      body: text ? JSON.parse(text) : undefined,
    };
  };

  const count = async (table: 'ehealth.resources' | 'ehealth.resource_history') => {
    const row = await server.parts.store.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };

  it('publishes a CapabilityStatement: R4, JSON, the types with their search parameters, operations, SMART', async () => {
    const { status, headers, body } = await send('GET', '/metadata');
    expect(status).toBe(200);
    expect(headers['content-type']).toMatch(/^application\/fhir\+json/);
    expect(body.resourceType).toBe('CapabilityStatement');
    expect(body.fhirVersion).toBe('4.0.1');
    expect(body.format).toContain('application/fhir+json');
    const rest = body.rest[0];
    const observationType = rest.resource.find((r: { type: string }) => r.type === 'Observation');
    expect(observationType.interaction.map((i: { code: string }) => i.code)).toEqual(
      expect.arrayContaining(['read', 'vread', 'update', 'create', 'search-type', 'history-instance']),
    );
    expect(observationType.searchParam).toContainEqual(
      expect.objectContaining({ name: 'code', type: 'token' }),
    );
    expect(observationType.searchParam).toContainEqual(
      expect.objectContaining({ name: 'date', type: 'date' }),
    );
    const patientType = rest.resource.find((r: { type: string }) => r.type === 'Patient');
    expect(patientType.operation.map((o: { name: string }) => o.name).sort()).toEqual([
      'everything',
      'summary',
    ]);
    expect(rest.interaction.map((i: { code: string }) => i.code).sort()).toEqual(['batch', 'transaction']);
    const smart = rest.security.extension[0].extension[0].valueUri as string;
    expect(smart).toMatch(/\/fhir\/R4\/\.well-known\/smart-configuration$/);
    expect(rest.security.service[0].coding[0].code).toBe('SMART-on-FHIR');
  });

  it('creates with a server-assigned id, reads with ETag and Last-Modified, versions updates, keeps history', async () => {
    const created = await send('POST', '/Patient', { ...patient('Петров'), id: 'chosen-by-client' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(id).not.toBe('chosen-by-client');
    expect(created.headers.location).toMatch(new RegExp(`/fhir/R4/Patient/${id}/_history/1$`));
    expect(created.headers.etag).toBe('W/"1"');
    expect(created.body.meta.versionId).toBe('1');

    const read = await send('GET', `/Patient/${id}`);
    expect(read.status).toBe(200);
    expect(read.headers.etag).toBe('W/"1"');
    expect(new Date(String(read.headers['last-modified'])).getTime()).toBeGreaterThan(0);
    expect(read.body.name[0].family).toBe('Петров');

    const updated = await send(
      'PUT',
      `/Patient/${id}`,
      { ...read.body, gender: 'male' },
      { 'if-match': 'W/"1"' },
    );
    expect(updated.status).toBe(200);
    expect(updated.headers.etag).toBe('W/"2"');
    expect(updated.body.gender).toBe('male');

    const stale = await send(
      'PUT',
      `/Patient/${id}`,
      { ...read.body, gender: 'other' },
      { 'if-match': 'W/"1"' },
    );
    expect(stale.status).toBe(412);
    expect(codeOf(stale.body)).toBe('fhir-precondition-failed');

    const first = await send('GET', `/Patient/${id}/_history/1`);
    expect(first.status).toBe(200);
    expect(first.body.gender).toBeUndefined();
    expect((await send('GET', `/Patient/${id}/_history/9`)).status).toBe(404);

    expect((await send('DELETE', `/Patient/${id}`)).status).toBe(204);
    const gone = await send('GET', `/Patient/${id}`);
    expect(gone.status).toBe(410);
    expect(codeOf(gone.body)).toBe('fhir-resource-deleted');

    const history = await send('GET', `/Patient/${id}/_history`);
    expect(history.body.type).toBe('history');
    expect(history.body.entry.map((e: { request: { method: string } }) => e.request.method)).toEqual([
      'DELETE',
      'PUT',
      'POST',
    ]);
    expect(history.body.entry[0].resource).toBeUndefined();
  });

  it('answers Prefer: return=minimal with no body and return=OperationOutcome with an outcome', async () => {
    const minimal = await send('POST', '/Patient', patient('Минимал'), { prefer: 'return=minimal' });
    expect(minimal.status).toBe(201);
    expect(minimal.body).toBeUndefined();
    expect(minimal.headers.location).toMatch(/\/Patient\/[^/]+\/_history\/1$/);
    const outcome = await send('POST', '/Patient', patient('Изход'), { prefer: 'return=OperationOutcome' });
    expect(outcome.status).toBe(201);
    expect(outcome.body.resourceType).toBe('OperationOutcome');
    expect(outcome.body.issue[0].severity).toBe('information');
  });

  it('links a Patient created with a personal number to its person, once', async () => {
    const created = await send('POST', '/Patient', patient('Георгиев', '7501020018'));
    expect(created.status).toBe(201);
    expect(await server.parts.store.patientOf('7501020018')).toBe(created.body.id);
    const again = await send('POST', '/Patient', patient('Георгиев', '7501020018'));
    expect(again.status).toBe(409);
    expect(codeOf(again.body)).toBe('fhir-patient-exists');
    const renamed = await send('PUT', `/Patient/${created.body.id}`, { ...created.body, gender: 'male' });
    expect(renamed.status).toBe(200);
    const later = (await send('POST', '/Patient', patient('Късен'))).body;
    const numbered = await send('PUT', `/Patient/${later.id}`, {
      ...later,
      identifier: [{ system: EGN_SYSTEM, value: '7602030014' }],
    });
    expect(numbered.status).toBe(200);
    expect(await server.parts.store.patientOf('7602030014')).toBe(later.id);
    const taken = await send('PUT', `/Patient/${later.id}`, {
      ...numbered.body,
      identifier: [{ system: EGN_SYSTEM, value: '7501020018' }],
    });
    expect([taken.status, codeOf(taken.body)]).toEqual([409, 'fhir-patient-exists']);
  });

  it('creates conditionally: If-None-Exist returns the existing resource instead of a second one', async () => {
    const first = await send('POST', '/Patient', patient('Условен', '8002020014'));
    const second = await send('POST', '/Patient', patient('Условен', '8002020014'), {
      'if-none-exist': `identifier=${EGN_SYSTEM}|8002020014`,
    });
    expect(second.status).toBe(200);
    expect(second.body.id).toBe(first.body.id);
  });

  it('searches into a searchset Bundle with fullUrl, search mode, total and paging links', async () => {
    const subject = (await send('POST', '/Patient', patient('Търсен'))).body.id as string;
    for (let index = 0; index < 3; index++)
      await send('POST', '/Observation', observation(`Patient/${subject}`));
    const page = await send('GET', '/Observation?_count=2');
    expect(page.status).toBe(200);
    expect(page.body.type).toBe('searchset');
    expect(page.body.total).toBeGreaterThanOrEqual(3);
    expect(page.body.entry).toHaveLength(2);
    expect(page.body.entry[0].search.mode).toBe('match');
    expect(page.body.entry[0].fullUrl).toMatch(/\/fhir\/R4\/Observation\/[^/]+$/);
    const next = page.body.link.find((l: { relation: string }) => l.relation === 'next');
    expect(next.url).toContain('_offset=2');
    const posted = await server.app.inject({
      method: 'POST',
      url: '/fhir/R4/Observation/_search',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: '_count=1',
    });
    expect(posted.statusCode).toBe(200);
    expect(JSON.parse(posted.body).entry).toHaveLength(1);
  });

  it('records every read and write with the patients it touched', async () => {
    const subject = (await send('POST', '/Patient', patient('Отчетен'))).body.id as string;
    const obs = (await send('POST', '/Observation', observation(`Patient/${subject}`))).body.id as string;
    server.accesses.length = 0;
    await send('GET', `/Observation/${obs}`);
    await send('GET', '/Observation?_count=1000');
    expect(server.accesses[0]).toMatchObject({
      interaction: 'read',
      what: 'Observation',
      patientIds: [subject],
      references: [`Observation/${obs}`],
    });
    expect(server.accesses[1]!.interaction).toBe('search');
    expect(server.accesses[1]!.patientIds).toContain(subject);
  });

  it('answers "not found" for a resource the caller may not see, never "forbidden", and searches skip it', async () => {
    await server.parts.store.importResources([
      { resourceType: 'Patient', id: 'hidden' },
      observation('Patient/hidden', { id: 'hidden-observation' }),
    ]);
    const read = await send('GET', '/Observation/hidden-observation');
    expect(read.status).toBe(404);
    expect(codeOf(read.body)).toBe('fhir-resource-not-found');
    expect((await send('GET', '/Observation/hidden-observation/_history')).status).toBe(404);
    const update = await send(
      'PUT',
      '/Observation/hidden-observation',
      observation('Patient/x', { id: 'hidden-observation' }),
    );
    expect(update.status).toBe(404);
    const search = await send('GET', '/Observation?_count=1000');
    expect(search.body.entry.map((e: { resource: Resource }) => e.resource.id)).not.toContain(
      'hidden-observation',
    );
  });

  it('refuses wrong input with an OperationOutcome carrying our code', async () => {
    const cases: Array<[string, string, unknown, Record<string, string>, number, string]> = [
      ['POST', '/Observation', patient('Грешен'), {}, 400, 'fhir-type-mismatch'],
      ['POST', '/Patient', '{"resourceType": "Patient",', {}, 400, 'malformed-body'],
      ['POST', '/Patient', '[1, 2]', {}, 400, 'fhir-resource-invalid'],
      ['POST', '/Patient', { name: [] }, {}, 400, 'fhir-resource-invalid'],
      [
        'POST',
        '/Patient',
        { ...patient('Неизвестен'), unknownElement: 1 },
        {},
        422,
        'fhir-resource-unprocessable',
      ],
      ['GET', '/Patient/a%01b', undefined, {}, 400, 'control-character'],
      ['GET', '/Patient/has%20space', undefined, {}, 400, 'fhir-id-invalid'],
      ['GET', '/Spaceship/1', undefined, {}, 404, 'fhir-type-unknown'],
      ['GET', '/Spaceship', undefined, {}, 404, 'fhir-type-unknown'],
      ['GET', '/Patient/1/2/3/4', undefined, {}, 404, 'route-not-found'],
      ['GET', '/Patient/1/$nonsense', undefined, {}, 404, 'fhir-operation-unknown'],
      ['PATCH', '/Patient/1', '{}', {}, 405, 'method-not-allowed'],
      ['GET', '/Patient/nope', undefined, {}, 404, 'fhir-resource-not-found'],
      ['GET', '/metadata', undefined, { accept: 'application/fhir+xml' }, 406, 'not-acceptable'],
      ['GET', '/metadata?_format=xml', undefined, {}, 406, 'not-acceptable'],
      ['POST', '/AuditEvent', { resourceType: 'AuditEvent' }, {}, 403, 'fhir-write-forbidden'],
    ];
    for (const [method, url, body, headers, status, code] of cases) {
      const answer = await send(method, url, body, headers);
      expect([url, answer.status, codeOf(answer.body)]).toEqual([url, status, code]);
      expect(answer.headers['content-type']).toMatch(/^application\/fhir\+json/);
      expect(answer.body.resourceType).toBe('OperationOutcome');
    }
    const xml = await server.app.inject({
      method: 'POST',
      url: '/fhir/R4/Patient',
      headers: { 'content-type': 'application/fhir+xml' },
      payload: '<Patient xmlns="http://hl7.org/fhir"/>',
    });
    expect([xml.statusCode, codeOf(JSON.parse(xml.body))]).toEqual([415, 'unsupported-media-type']);
  });

  it('lists each validation finding as an issue of the 422 OperationOutcome', async () => {
    const answer = await send('POST', '/Observation', {
      ...observation('Patient/x'),
      unknownElement: true,
      status: undefined,
    });
    expect(answer.status).toBe(422);
    const expressions = (answer.body as OperationOutcome).issue.flatMap((issue) => issue.expression ?? []);
    expect(expressions).toEqual(expect.arrayContaining(['Observation.unknownElement', 'Observation.status']));
  });

  it('refuses an update whose id or type is not the URL’s, and an update of a resource that does not exist', async () => {
    const id = (await send('POST', '/Patient', patient('Обновен'))).body.id as string;
    const mismatch = await send('PUT', `/Patient/${id}`, { ...patient('Обновен'), id: 'other' });
    expect([mismatch.status, codeOf(mismatch.body)]).toEqual([400, 'fhir-id-mismatch']);
    const missing = await send('PUT', `/Patient/${id}`, patient('Обновен'));
    expect([missing.status, codeOf(missing.body)]).toEqual([400, 'fhir-id-mismatch']);
    const unknown = await send('PUT', '/Patient/does-not-exist', { ...patient('Х'), id: 'does-not-exist' });
    expect([unknown.status, codeOf(unknown.body)]).toEqual([404, 'fhir-resource-not-found']);
    const badEtag = await send(
      'PUT',
      `/Patient/${id}`,
      { ...patient('Обновен'), id },
      { 'if-match': 'banana' },
    );
    expect([badEtag.status, codeOf(badEtag.body)]).toEqual([412, 'fhir-precondition-failed']);
  });

  it('runs a transaction: urn:uuid references rewritten, conditional create, all in one response', async () => {
    const existing = (await send('POST', '/Patient', patient('Съществуващ', '6101010016'))).body.id as string;
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          fullUrl: 'urn:uuid:11111111-1111-4111-8111-111111111111',
          resource: observation('urn:uuid:22222222-2222-4222-8222-222222222222'),
          request: { method: 'POST', url: 'Observation' },
        },
        {
          fullUrl: 'urn:uuid:22222222-2222-4222-8222-222222222222',
          resource: patient('Нов'),
          request: { method: 'POST', url: 'Patient' },
        },
        {
          fullUrl: 'urn:uuid:33333333-3333-4333-8333-333333333333',
          resource: patient('Съществуващ', '6101010016'),
          request: { method: 'POST', url: 'Patient', ifNoneExist: `identifier=${EGN_SYSTEM}|6101010016` },
        },
        {
          resource: observation('urn:uuid:33333333-3333-4333-8333-333333333333'),
          request: { method: 'POST', url: 'Observation' },
        },
      ],
    };
    const answer = await send('POST', '', bundle);
    expect(answer.status).toBe(200);
    expect(answer.body.type).toBe('transaction-response');
    expect(answer.body.entry.map((e: { response: { status: string } }) => e.response.status)).toEqual([
      '201 Created',
      '201 Created',
      '200 OK',
      '201 Created',
    ]);
    const newPatient = answer.body.entry[1].response.location.split('/')[1];
    const firstObservation = await send(
      'GET',
      `/${answer.body.entry[0].response.location.split('/_history')[0]}`,
    );
    expect(firstObservation.body.subject.reference).toBe(`Patient/${newPatient}`);
    expect(answer.body.entry[2].response.location).toContain(`Patient/${existing}/`);
    const lastObservation = await send(
      'GET',
      `/${answer.body.entry[3].response.location.split('/_history')[0]}`,
    );
    expect(lastObservation.body.subject.reference).toBe(`Patient/${existing}`);
  });

  it('writes nothing of a transaction whose one entry fails, and names the entry', async () => {
    const before = [await count('ehealth.resources'), await count('ehealth.resource_history')];
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { resource: patient('Първи'), request: { method: 'POST', url: 'Patient' } },
        { resource: patient('Втори'), request: { method: 'POST', url: 'Patient' } },
        {
          resource: { ...observation('Patient/x'), unknownElement: 1 } as unknown as Resource,
          request: { method: 'POST', url: 'Observation' },
        },
      ],
    };
    const answer = await send('POST', '', bundle);
    expect(answer.status).toBe(422);
    expect(codeOf(answer.body)).toBe('fhir-resource-unprocessable');
    expect(answer.body.issue[0].expression).toEqual(['Bundle.entry[2]']);
    expect(answer.body.issue[1].expression).toEqual(['Bundle.entry[2].resource.Observation.unknownElement']);
    expect([await count('ehealth.resources'), await count('ehealth.resource_history')]).toEqual(before);
  });

  it('answers a batch entry by entry, a failing entry with its own OperationOutcome', async () => {
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'batch',
      entry: [
        { resource: patient('Пакетен'), request: { method: 'POST', url: 'Patient' } },
        { request: { method: 'GET', url: 'Patient/does-not-exist' } },
        { resource: patient('Грешен'), request: { method: 'POST', url: 'Observation' } },
        { request: { method: 'GET', url: 'Patient?_count=1' } },
      ],
    };
    const answer = await send('POST', '', bundle);
    expect(answer.status).toBe(200);
    expect(answer.body.type).toBe('batch-response');
    const statuses = answer.body.entry.map((e: { response: { status: string } }) => e.response.status);
    expect(statuses).toEqual(['201 Created', '404 Not Found', '400 Bad Request', '200 OK']);
    expect(codeOf(answer.body.entry[1].response.outcome)).toBe('fhir-resource-not-found');
    expect(codeOf(answer.body.entry[2].response.outcome)).toBe('fhir-type-mismatch');
    expect(answer.body.entry[3].resource.type).toBe('searchset');
  });

  it('refuses a Bundle of more than 1,000 entries with 413', async () => {
    const entry = Array.from({ length: 1001 }, () => ({
      request: { method: 'GET' as const, url: 'Patient/x' },
    }));
    const answer = await send('POST', '', { resourceType: 'Bundle', type: 'batch', entry });
    expect([answer.status, codeOf(answer.body)]).toEqual([413, 'fhir-bundle-too-large']);
    const notABundle = await send('POST', '', patient('X'));
    expect([notABundle.status, codeOf(notABundle.body)]).toEqual([400, 'fhir-bundle-invalid']);
  });

  it('stores a transaction of 1,000 resources whole, and a bulk import of 1,000 with their index', async () => {
    // How fast is the benchmark's to say (`npm run bench -- fhir`), not a test's.
    const subject = (await send('POST', '/Patient', patient('Масов'))).body.id as string;
    const entry = Array.from({ length: 1000 }, () => ({
      resource: observation(`Patient/${subject}`),
      request: { method: 'POST' as const, url: 'Observation' },
    }));
    // This file's search engine is the API's stand-in (fhir/testing.ts): the rows are counted.
    const observations = async () => {
      const row = await server.parts.store.db
        .selectFrom('ehealth.resources')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('resource_type', '=', 'Observation')
        .where('patient_id', '=', subject)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    };
    const answer = await send('POST', '', { resourceType: 'Bundle', type: 'transaction', entry });
    expect(answer.status).toBe(200);
    const entries = answer.body.entry as Array<{ response: { status: string } }>;
    expect(entries.filter((one) => one.response.status.startsWith('201'))).toHaveLength(1000);
    expect(await observations()).toBe(1000);
    await server.parts.store.importResources(
      Array.from({ length: 1000 }, (_, index) => observation(`Patient/${subject}`, { id: `bulk-${index}` })),
    );
    expect(await observations()).toBe(2000);
  });

  it('dispatches Patient/$name and Patient/:id/$name to the operation, with the media type asked for', async () => {
    const calls: Array<{ id?: string; accept: string; params: unknown }> = [];
    server.parts.operations.push({
      name: 'summary',
      resourceType: 'Patient',
      level: 'instance',
      method: 'both',
      async invoke({ id, accept, params }) {
        calls.push({ ...(id ? { id } : {}), accept, params });
        return accept === 'application/pdf'
          ? { status: 200, contentType: 'application/pdf', body: Buffer.from('%PDF-1.7') }
          : {
              status: 200,
              contentType: 'application/fhir+json',
              body: { resourceType: 'Bundle', type: 'document' },
            };
      },
    });
    try {
      const json = await send('GET', '/Patient/p1/$summary?_format=json');
      expect([json.status, json.body.type]).toEqual([200, 'document']);
      const pdf = await server.app.inject({
        method: 'GET',
        url: '/fhir/R4/Patient/p1/$summary',
        headers: { accept: 'application/pdf' },
      });
      expect([pdf.statusCode, pdf.headers['content-type'], pdf.body]).toEqual([
        200,
        'application/pdf',
        '%PDF-1.7',
      ]);
      expect(calls.map((call) => [call.id, call.accept])).toEqual([
        ['p1', 'application/fhir+json'],
        ['p1', 'application/pdf'],
      ]);
      const typeLevel = await send('GET', '/Patient/$summary');
      expect([typeLevel.status, codeOf(typeLevel.body)]).toEqual([404, 'fhir-operation-unknown']);
    } finally {
      server.parts.operations.length = 0;
    }
  });

  it('refuses the second of two updates made from the same version with 409 (no lost update)', async () => {
    const service = healthRecordService(server.parts);
    const created = await service.create(INTERNAL_CONTEXT, patient('Едновременен'));
    const resource = JSON.parse(created.content) as Resource;
    const first = await service.planUpdate(INTERNAL_CONTEXT, { ...resource, gender: 'male' } as Resource);
    const second = await service.planUpdate(INTERNAL_CONTEXT, { ...resource, gender: 'female' } as Resource);
    await service.inTransaction((trx) => service.commit(INTERNAL_CONTEXT, first, trx));
    const refused = await service
      .inTransaction((trx) => service.commit(INTERNAL_CONTEXT, second, trx))
      .then(
        () => null,
        (error: AppError) => error.code,
      );
    expect(refused).toBe('fhir-version-conflict');
    const read = await send('GET', `/Patient/${created.id}`);
    expect([read.body.meta.versionId, read.body.gender]).toEqual(['2', 'male']);
  });

  it('answers any id and any JSON body with a 4xx OperationOutcome or success, never a fault', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 80 }), async (id) => {
        const answer = await server.app.inject({
          method: 'GET',
          url: `/fhir/R4/Patient/${encodeURIComponent(id)}`,
        });
        expect(answer.statusCode).toBeLessThan(500);
        if (answer.statusCode >= 400) expect(JSON.parse(answer.body).resourceType).toBe('OperationOutcome');
      }),
      { numRuns: 60 },
    );
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), async (body) => {
        const answer = await send('POST', '/Observation', JSON.stringify(body));
        expect(answer.status).toBeLessThan(500);
        if (answer.status >= 400) expect(answer.body.resourceType).toBe('OperationOutcome');
      }),
      { numRuns: 60 },
    );
  });

  it('answers 403 fhir-scope-insufficient for what the scopes do not cover', async () => {
    server.context = {
      actor: { kind: 'system', client: 'test' },
      scopes: [{ context: 'user', resourceType: 'Patient', interactions: new Set(['r', 's']) }],
      purpose: { purpose: 'medical-treatment', legalBasis: 'gdpr-art-9-2-h' },
      breakGlass: [],
      requestId: 'test',
    };
    try {
      const create = await send('POST', '/Patient', patient('Без право'));
      expect([create.status, codeOf(create.body)]).toEqual([403, 'fhir-scope-insufficient']);
      const search = await send('GET', '/Observation');
      expect([search.status, codeOf(search.body)]).toEqual([403, 'fhir-scope-insufficient']);
      expect((await send('GET', '/Patient')).status).toBe(200);
    } finally {
      server.context = INTERNAL_CONTEXT;
    }
  });
});
