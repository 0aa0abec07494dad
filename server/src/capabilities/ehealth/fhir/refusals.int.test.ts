import net, { type AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { OperationOutcome } from '@medplum/fhirtypes';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/databases.ts';
import { documentedProblemCodes } from '../../../../test/documented-codes.ts';
import { type RawResponse, rawRequest } from '../../../../test/raw-http.ts';
import { PROBLEM_SYSTEM } from './outcome.ts';
import { type FhirTestServer, startFhirTestServer } from './testing.ts';

/**
 * Every refusal under /fhir is an OperationOutcome (FHIR R4 "Managing Return Content"), also
 * what is refused before the API's own handlers run: by Fastify's body parsers (malformed JSON,
 * a wrong content type, a body too large), by its router (a malformed percent-encoding, a path
 * segment over 100 characters, a method no route takes, a path no version serves) and by Node's
 * HTTP parser (an unknown method, a broken chunked body, a control character in a header, a
 * request line too long). Each carries our code, the code's status, no stack, and is logged.
 */

const BODY_LIMIT = 4096;
const STACK_TRACE = /\n\s+at .+\(.+:\d+:\d+\)|at [A-Za-z.<>]+ \(file:|node:internal/;
const codes = documentedProblemCodes();

/** Our code in an OperationOutcome's first issue. */
function codeOf(body: unknown): string | undefined {
  return (body as OperationOutcome).issue?.[0]?.details?.coding?.find((c) => c.system === PROBLEM_SYSTEM)
    ?.code;
}

/** What is wrong with an error answer under /fhir, if anything (empty for a proper OperationOutcome). */
function outcomeFaults(status: number, contentType: string | undefined, body: string): string[] {
  const faults: string[] = [];
  if (status >= 500) faults.push(`answered ${status}`);
  if (STACK_TRACE.test(body)) faults.push('a stack trace in the answer');
  if (status < 400) return faults;
  if (!(contentType ?? '').startsWith('application/fhir+json')) faults.push(`content-type ${contentType}`);
  let outcome: OperationOutcome | undefined;
  try {
    outcome = JSON.parse(body) as OperationOutcome;
  } catch {
    faults.push('a body that is not JSON');
  }
  if (outcome) {
    if (outcome.resourceType !== 'OperationOutcome') faults.push('not an OperationOutcome');
    const code = codeOf(outcome);
    if (code === undefined || !codes.has(code)) faults.push(`code ${code} is not in docs/errors.md`);
    if (outcome.issue?.[0]?.severity !== 'error') faults.push(`severity ${outcome.issue?.[0]?.severity}`);
  }
  return faults;
}

/** A request's bytes as written on the wire (Connection: close, so the answer ends with it). */
function wire(
  method: string,
  target: string | Buffer,
  headers: Record<string, string> = {},
  body?: Buffer | string,
) {
  const payload = body === undefined ? Buffer.alloc(0) : Buffer.from(body);
  const lines = ['', 'Host: localhost'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  if (body !== undefined && !('Transfer-Encoding' in headers) && !('Content-Length' in headers))
    lines.push(`Content-Length: ${payload.length}`);
  lines.push('Connection: close');
  return Buffer.concat([
    Buffer.from(`${method} `),
    Buffer.from(target),
    Buffer.from(` HTTP/1.1${lines.join('\r\n')}\r\n\r\n`),
    payload,
  ]);
}

describe.each(testDatabases())('refusals under /fhir on $name', (engine) => {
  let server: FhirTestServer;
  let port: number;
  let logged: Array<{ level: number; code?: string; err?: unknown; msg?: string }> = [];

  beforeAll(async () => {
    const log = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) logged.push(JSON.parse(line));
        done();
      },
    });
    server = await startFhirTestServer(engine, { log, bodyLimit: BODY_LIMIT });
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    port = (server.app.server.address() as AddressInfo).port;
  });
  afterAll(() => server?.close());
  beforeEach(() => {
    logged = [];
  });

  /** The log lines that name a refusal with this code, at level info (30), with no error logged. */
  const refusalsLogged = (code: string) => logged.filter((line) => line.code === code && line.level === 30);
  const faultsLogged = () => logged.filter((line) => line.level >= 50);

  it('answers what the body parsers and the router refuse with an OperationOutcome carrying our code', async () => {
    const json = { 'content-type': 'application/fhir+json' };
    const cases: Array<
      [
        method: string,
        url: string,
        headers: Record<string, string>,
        body: string | undefined,
        status: number,
        code: string,
      ]
    > = [
      ['POST', '/fhir/R4/Patient', json, '{"resourceType": "Patient",', 400, 'malformed-body'],
      ['POST', '/fhir/R4/Patient', json, '', 400, 'malformed-body'],
      [
        'POST',
        '/fhir/R4',
        { 'content-type': 'application/json' },
        '{"resourceType": "Bundle"',
        400,
        'malformed-body',
      ],
      ['POST', '/fhir/R4/Patient', { 'content-type': 'text/plain' }, '{}', 415, 'unsupported-media-type'],
      [
        'PUT',
        '/fhir/R4/Patient/1',
        { 'content-type': 'application/fhir+xml' },
        '<Patient/>',
        415,
        'unsupported-media-type',
      ],
      [
        'POST',
        '/fhir/R4/Patient',
        json,
        `{"resourceType":"Patient","text":"${'x'.repeat(BODY_LIMIT)}"}`,
        413,
        'payload-too-large',
      ],
      ['GET', '/fhir/R4/Patient/%ZZ', {}, undefined, 400, 'malformed-url'],
      ['GET', '/fhir/R4/%E0%A4%A', {}, undefined, 400, 'malformed-url'],
      ['GET', `/fhir/R4/Patient/${'a'.repeat(101)}`, {}, undefined, 414, 'uri-too-long'],
      ['PATCH', '/fhir/R4/Patient/1', json, '{}', 405, 'method-not-allowed'],
      ['PROPFIND', '/fhir/R4/Patient', {}, undefined, 405, 'method-not-allowed'],
      ['GET', '/fhir/R4/Patient/1/2/3/4', {}, undefined, 404, 'route-not-found'],
      ['GET', '/fhir/R5/Patient', {}, undefined, 404, 'route-not-found'],
      ['GET', '/fhir', {}, undefined, 404, 'route-not-found'],
    ];
    for (const [method, url, headers, body, status, code] of cases) {
      logged = [];
      const answer = await server.app.inject({
        method: method as 'GET',
        url,
        headers,
        ...(body !== undefined ? { payload: body } : {}),
      });
      const label = `${method} ${url.slice(0, 40)}`;
      expect([label, answer.statusCode, codeOf(JSON.parse(answer.body))]).toEqual([label, status, code]);
      expect(outcomeFaults(answer.statusCode, answer.headers['content-type'], answer.body), label).toEqual(
        [],
      );
      expect(refusalsLogged(code), label).not.toHaveLength(0);
      expect(faultsLogged(), label).toEqual([]);
    }
  });

  it('names the methods a path takes in Allow when it refuses another one, even one HTTP does not know', async () => {
    const known = await server.app.inject({ method: 'PROPFIND', url: '/fhir/R4/Patient/1/_history' });
    expect([known.statusCode, known.headers.allow]).toEqual([405, 'GET']);
    const unknown = await rawRequest(port, wire('FROB', '/fhir/R4/Patient'));
    expect([unknown.status, codeOf(JSON.parse(unknown.body)), unknown.headers.allow]).toEqual([
      405,
      'method-not-allowed',
      'GET, HEAD, POST',
    ]);
    expect(outcomeFaults(unknown.status, unknown.headers['content-type'], unknown.body)).toEqual([]);
  });

  it('answers what the HTTP parser refuses before any route with an OperationOutcome too', async () => {
    const cases: Array<[label: string, bytes: Buffer, status: number, code: string]> = [
      ['an unknown method at no route', wire('FROB', '/fhir/R4/a/b/c/d/e'), 400, 'malformed-request'],
      [
        'a broken chunked body',
        wire(
          'POST',
          '/fhir/R4/Patient',
          { 'Content-Type': 'application/fhir+json', 'Transfer-Encoding': 'chunked' },
          'zz\r\n{}\r\n0\r\n\r\n',
        ),
        400,
        'malformed-request',
      ],
      [
        'a control character in a header',
        wire('GET', '/fhir/R4/Patient', { 'X-Note': 'a\u0001b' }),
        400,
        'malformed-request',
      ],
      [
        'a Content-Length that is not a number',
        wire('POST', '/fhir/R4/Patient', { 'Content-Length': 'ten' }),
        400,
        'malformed-request',
      ],
      [
        'a request line too long',
        wire('GET', `/fhir/R4/Patient?name=${'a'.repeat(17_000)}`),
        414,
        'uri-too-long',
      ],
      [
        'headers too large',
        wire('GET', '/fhir/R4/Patient', { 'X-Padding': 'a'.repeat(17_000) }),
        431,
        'headers-too-large',
      ],
    ];
    for (const [label, bytes, status, code] of cases) {
      logged = [];
      const answer = await rawRequest(port, bytes, 10_000);
      expect([label, answer.status, codeOf(JSON.parse(answer.body))]).toEqual([label, status, code]);
      expect(outcomeFaults(answer.status, answer.headers['content-type'], answer.body), label).toEqual([]);
      expect(refusalsLogged(code), label).not.toHaveLength(0);
    }
    // Elsewhere the same refusal is still the platform's problem+json.
    const elsewhere = await rawRequest(port, wire('GET', '/api/me', { 'X-Note': 'a\u0001b' }));
    expect([elsewhere.status, elsewhere.headers['content-type']]).toEqual([
      400,
      'application/problem+json; charset=utf-8',
    ]);
    expect(JSON.parse(elsewhere.body).code).toBe('malformed-request');
  });

  it('never answers 5xx and answers every refusal as an OperationOutcome, whatever the body or path segment', async () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 300 }).map((array) => Buffer.from(array)),
      fc.string({ unit: 'binary', maxLength: 200 }).map((text) => Buffer.from(text)),
      fc.jsonValue({ maxDepth: 3 }).map((value) => Buffer.from(JSON.stringify(value))),
      fc
        .record({ resourceType: fc.constantFrom('Patient', 'Observation', 'Bundle', 'x'), type: fc.string() })
        .map((value) => Buffer.from(JSON.stringify(value))),
    );
    const contentType = fc.constantFrom(
      undefined,
      'application/fhir+json',
      'application/json',
      'application/x-www-form-urlencoded',
      'application/fhir+xml',
      'text/plain; charset=utf-8',
    );
    const withBody = fc
      .record({
        method: fc.constantFrom('POST', 'PUT'),
        target: fc.constantFrom(
          '/fhir/R4',
          '/fhir/R4/Patient',
          '/fhir/R4/Patient/_search',
          '/fhir/R4/Observation/1',
          '/fhir/R4/Patient/1/$everything',
        ),
        contentType,
        body: bytes,
      })
      .map(({ method, target, contentType: type, body }) =>
        wire(method, target, type === undefined ? {} : { 'Content-Type': type }, body),
      );
    // A segment as a client would send it (percent-encoded), or as it is: any bytes at all.
    const segment = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 120 }).map((text) => Buffer.from(encodeURIComponent(text))),
      fc.string({ unit: 'binary', maxLength: 120 }).map((text) => Buffer.from(text)),
      fc.uint8Array({ minLength: 1, maxLength: 60 }).map((array) => Buffer.from(array)),
    );
    const withPath = fc
      .record({
        method: fc.constantFrom('GET', 'DELETE', 'POST'),
        before: fc.constantFrom(
          '/fhir/R4/',
          '/fhir/R4/Patient/',
          '/fhir/R4/Patient/1/',
          '/fhir/R4/Patient/1/_history/',
        ),
        segment,
      })
      .map(({ method, before, segment: raw }) => wire(method, Buffer.concat([Buffer.from(before), raw])));
    await fc.assert(
      fc.asyncProperty(fc.oneof(withBody, withPath), async (request) => {
        const answer: RawResponse = await rawRequest(port, request, 10_000);
        const label = request.toString('latin1').split('\r\n')[0]!.slice(0, 120);
        expect(outcomeFaults(answer.status, answer.headers['content-type'], answer.body), label).toEqual([]);
      }),
      { numRuns: 150 },
    );
    expect(faultsLogged()).toEqual([]);
  });

  it('answers a request that arrives while the server shuts down with 503 not-ready, as an OperationOutcome', async () => {
    // A server of its own, which this test stops: an operation holds the first request in flight.
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered!: () => void;
    const inHandler = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const stopping = await startFhirTestServer(engine, {
      operations: [
        {
          name: '$hold',
          resourceType: 'Patient',
          level: 'type',
          method: 'GET',
          async invoke() {
            entered();
            await held;
            return {
              status: 200,
              contentType: 'application/fhir+json',
              body: { resourceType: 'Parameters' },
            };
          },
        },
      ],
    });
    await stopping.app.listen({ host: '127.0.0.1', port: 0 });
    const socket = net.connect((stopping.app.server.address() as AddressInfo).port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString('utf8');
    });
    const ended = new Promise((resolve) => socket.on('close', resolve));
    socket.write('GET /fhir/R4/Patient/$hold HTTP/1.1\r\nHost: localhost\r\n\r\n');
    await inHandler;
    const closed = stopping.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    socket.write('GET /fhir/R4/Patient/1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    await new Promise((resolve) => setTimeout(resolve, 100));
    release();
    await ended;
    await closed;
    const [first, second] = received.split(/(?=HTTP\/1\.1 )/);
    expect(first).toMatch(/^HTTP\/1\.1 200/);
    expect(second).toMatch(/^HTTP\/1\.1 503/);
    expect(second).toMatch(/content-type: application\/fhir\+json/i);
    const body = JSON.parse(second!.slice(second!.indexOf('\r\n\r\n') + 4));
    expect([body.resourceType, codeOf(body), body.issue[0].code]).toEqual([
      'OperationOutcome',
      'not-ready',
      'transient',
    ]);
  });
});
