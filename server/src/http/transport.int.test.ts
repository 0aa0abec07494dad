import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.ts';
import { startTestPlatform, type TestPlatform } from '../../test/platform.ts';
import { type RawResponse, rawRequest } from '../../test/raw-http.ts';
import { eidIssuer, issueScriptingToken } from '../identity/tokens.ts';

const STACK_TRACE = /\n\s+at .+\(.+:\d+:\d+\)/;
const REQUEST_TIMEOUT_MS = 2_000;
const HEADERS_TIMEOUT_MS = 1_000;

/**
 * Issue 14, items 8 and 9: what Node's HTTP parser and Fastify's router refuse before any route
 * runs, and requests that take too long to arrive, over a real socket.
 */
describe.each(testDatabases())('answers at the HTTP level on $name', (engine) => {
  let platform: TestPlatform;
  let port: number;
  let token: string;

  beforeAll(async () => {
    platform = await startTestPlatform(engine, {
      persons: 60,
      vehicles: 10,
      env: {
        CIVITAS_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
        CIVITAS_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
        CIVITAS_RATE_LIMIT: '0',
      },
    });
    await platform.app.listen({ host: '127.0.0.1', port: 0 });
    port = (platform.app.server.address() as AddressInfo).port;
    token = await issueScriptingToken(
      platform.keys,
      eidIssuer(platform.config.publicUrl),
      platform.seeded.demoPersons[0]!,
      ['citizen'],
    );
  });
  afterAll(() => platform?.close());

  function send(requestLine: string, headers: string[] = [], body = '') {
    const head = [requestLine, 'Host: localhost', ...headers, 'Connection: close'].join('\r\n');
    return rawRequest(port, `${head}\r\n\r\n${body}`);
  }

  /** A problem+json answer with this code, that repeats nothing of the request's target. */
  function expectProblem(response: RawResponse, status: number, code: string, target?: string) {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(response.body) as Record<string, unknown>;
    expect(problem).toMatchObject({ status, code, type: `urn:civitas:problem:${code}` });
    expect(typeof problem.title).toBe('string');
    expect(response.body).not.toMatch(STACK_TRACE);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(problem.instance).toBe(`urn:civitas:request:${response.headers['x-request-id']}`);
    if (target) {
      expect(response.body).not.toContain(target);
      const decoded = safelyDecoded(target);
      if (decoded) expect(response.body).not.toContain(decoded);
    }
    return problem;
  }

  describe('every refusal is problem+json with a stable code (item 8)', () => {
    it('headers over the limit: 431 headers-too-large', async () => {
      const response = await send('GET /healthz HTTP/1.1', [`X-Padding: ${'a'.repeat(20_000)}`]);
      expectProblem(response, 431, 'headers-too-large');
    });

    it('a URL over the limit: 414 uri-too-long, and a path segment over the router’s limit too', async () => {
      const longQuery = `/healthz?q=${'a'.repeat(20_000)}`;
      expectProblem(await send(`GET ${longQuery} HTTP/1.1`), 414, 'uri-too-long');
      const longSegment = `/api/persons/${'1'.repeat(200)}`;
      expectProblem(await send(`GET ${longSegment} HTTP/1.1`), 414, 'uri-too-long', longSegment);
    });

    it('a malformed percent-encoding: 400 malformed-url, without repeating the URL', async () => {
      const target = '/api/persons/%E0%A4%A';
      expectProblem(await send(`GET ${target} HTTP/1.1`), 400, 'malformed-url', target);
    });

    it('a broken chunked body: 400 malformed-request', async () => {
      const response = await send(
        'POST /api/demo/tokens HTTP/1.1',
        ['Content-Type: application/json', 'Transfer-Encoding: chunked'],
        'zz\r\n{"personalNumber":"1"}\r\n0\r\n\r\n',
      );
      expectProblem(response, 400, 'malformed-request');
    });

    it('a NUL or another control character in a header: 400 malformed-request', async () => {
      for (const character of ['\u0000', '\u0001', '\u001b']) {
        const response = await send('GET /api/me HTTP/1.1', [`Authorization: Bearer a${character}b`]);
        expectProblem(response, 400, 'malformed-request');
      }
    });

    it('a wrong method on a known path: 405 with Allow; an unknown path: 404 that does not repeat it', async () => {
      const deleted = await send('DELETE /api/me HTTP/1.1', [`Authorization: Bearer ${token}`]);
      expectProblem(deleted, 405, 'method-not-allowed');
      expect(deleted.headers.allow).toBe('GET, HEAD');
      const options = await send('OPTIONS /api/exchange/access-rights HTTP/1.1');
      expectProblem(options, 405, 'method-not-allowed');
      expect(options.headers.allow).toBe('GET, HEAD, POST');
      const posted = await send('POST /api/me/data-usage?purpose=x HTTP/1.1', ['Content-Length: 0']);
      expectProblem(posted, 405, 'method-not-allowed', '/api/me/data-usage?purpose=x');
      expect(posted.headers.allow).toBe('GET, HEAD');
      // A method Node's parser does not know at all.
      const unknown = await send('FROB /api/me HTTP/1.1');
      expectProblem(unknown, 405, 'method-not-allowed');
      expect(unknown.headers.allow).toBe('GET, HEAD');
      const missing = '/api/no-such-thing/<script>';
      expectProblem(await send(`GET ${missing} HTTP/1.1`), 404, 'route-not-found', missing);
    });
  });

  describe('slow requests are cut off (item 9)', () => {
    it('answers a body trickled a byte at a time with 408 request-timeout in bounded time, and takes one sent in slow pieces within it', async () => {
      const body = JSON.stringify({ personalNumber: platform.seeded.demoPersons[0] });
      const head =
        'POST /api/demo/tokens HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n' +
        `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n`;
      const pieces = [{ bytes: head }, ...[...body].map((bytes) => ({ bytes, delayMs: 250 }))];
      const response = await rawRequest(port, pieces, 15_000);
      expectProblem(response, 408, 'request-timeout');
      // The limit, plus at most one check interval and scheduling slack; the trickle alone would take 6 s.
      expect(response.elapsedMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 100);
      expect(response.elapsedMs).toBeLessThan(REQUEST_TIMEOUT_MS + 2_000);
      // A whole request that arrives in slow pieces within the limit is still taken.
      const slow = await rawRequest(port, [
        { bytes: head },
        { bytes: body.slice(0, 10), delayMs: 300 },
        { bytes: body.slice(10), delayMs: 300 },
      ]);
      expect(slow.status).toBe(200);
      expect(JSON.parse(slow.body)).toHaveProperty('accessToken');
    });

    it('answers headers trickled a byte at a time with 408 request-timeout', async () => {
      const head = 'GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: abcdefghijklmnopqrstuvwxyz\r\n';
      const pieces = [...head].map((bytes) => ({ bytes, delayMs: 150 }));
      const response = await rawRequest(port, pieces, 15_000);
      expectProblem(response, 408, 'request-timeout');
      expect(response.elapsedMs).toBeLessThan(HEADERS_TIMEOUT_MS + 2_000);
    });
  });
});

function safelyDecoded(target: string): string | null {
  try {
    return decodeURIComponent(target);
  } catch {
    return null;
  }
}
