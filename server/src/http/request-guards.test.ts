import net, { type AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { httpErrors } from './errors.ts';
import { sendRouteNotFound } from './not-found.ts';
import { installErrorHandling } from './problem.ts';
import { installRequestGuards } from './request-guards.ts';
import { httpServerOptions } from './server-options.ts';

let app: FastifyInstance | undefined;
afterEach(() => app?.close());

/** An application wired as `app.ts` wires the platform, with a route a later plugin adds. */
async function appWithLateRoute() {
  app = Fastify(
    httpServerOptions({ headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, connectionTimeoutMs: 120_000 }),
  );
  installErrorHandling(app, httpErrors);
  installRequestGuards(app);
  const seen: unknown[] = [];
  await app.register(async (later) => {
    later.post('/later/:name', async (request) => {
      seen.push(request.body);
      return { ok: true };
    });
    later.get('/later/:name', async () => ({ ok: true }));
  });
  app.setNotFoundHandler(sendRouteNotFound);
  return { app, seen };
}

describe('the request guards (issue 14, items 7 and 8)', () => {
  it('refuse a control character in the query, a path parameter, a header or a JSON body string, on a route added later', async () => {
    const { app, seen } = await appWithLateRoute();
    const cases = [
      { url: '/later/x?organisation=a%00b', location: 'querystring', path: '/organisation' },
      { url: '/later/a%1Bb', location: 'params', path: '/name' },
      { url: '/later/x', headers: { 'x-purpose': 'a\u0007b' }, location: 'headers', path: '/x-purpose' },
      {
        url: '/later/x',
        payload: { case: { reference: ['ok', 'CASE-1\u0000'] } },
        location: 'body',
        path: '/case/reference/1',
      },
    ];
    for (const { url, headers, payload, location, path } of cases) {
      const response = await app.inject({ method: 'POST', url, headers, payload: payload ?? {} });
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({
        code: 'control-character',
        errors: [{ location, path }],
      });
    }
    expect(seen).toEqual([]);
    // Line breaks and tabs are text in a body; they pass.
    const multiline = await app.inject({
      method: 'POST',
      url: '/later/x',
      payload: { note: 'one\n\ttwo\r\n' },
    });
    expect(multiline.statusCode).toBe(200);
  });

  it('answer a wrong method on a known path with 405 and Allow, and an unknown path with 404', async () => {
    const { app } = await appWithLateRoute();
    const wrong = await app.inject({ method: 'DELETE', url: '/later/x?y=1' });
    expect(wrong.statusCode).toBe(405);
    expect(wrong.headers.allow).toBe('GET, HEAD, POST');
    expect(wrong.json()).toMatchObject({ code: 'method-not-allowed' });
    const unknown = await app.inject({ method: 'GET', url: '/nowhere/<b>x</b>' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'route-not-found' });
    expect(unknown.body).not.toContain('nowhere');
  });

  it('answer a request that arrives while the server shuts down with 503 not-ready, as problem+json', async () => {
    const { app } = await appWithLateRoute();
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered!: () => void;
    const inHandler = new Promise<void>((resolve) => {
      entered = resolve;
    });
    app.get('/hold', async () => {
      entered();
      await held;
      return { ok: true };
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    // A request in flight keeps the shutdown waiting; the next one on its connection is refused.
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString('utf8');
    });
    const ended = new Promise((resolve) => socket.on('close', resolve));
    socket.write('GET /hold HTTP/1.1\r\nHost: localhost\r\n\r\n');
    await inHandler;
    const closed = app.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    socket.write('GET /later/x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    await new Promise((resolve) => setTimeout(resolve, 100));
    release();
    await ended;
    await closed;
    const answers = received.split(/(?=HTTP\/1\.1 )/);
    expect(answers[0]).toMatch(/^HTTP\/1\.1 200/);
    expect(answers[1]).toMatch(/^HTTP\/1\.1 503/);
    expect(answers[1]).toMatch(/content-type: application\/problem\+json/i);
    expect(answers[1]).toMatch(/connection: close/i);
    expect(answers[1]).toContain('"code":"not-ready"');
  });
});
