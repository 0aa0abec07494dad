import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.ts';
import { EidClient } from '../../test/eid-client.ts';
import { freePort } from '../../test/net.ts';
import { startTestPlatform, type TestPlatform } from '../../test/platform.ts';

/** Issue 14, item 10: X-Forwarded-* are believed from the configured proxies only. */
describe('behind a trusted proxy (CIVITAS_TRUSTED_PROXIES)', () => {
  let platform: TestPlatform;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    platform = await startTestPlatform(testDatabases()[0]!, {
      persons: 40,
      vehicles: 8,
      env: { CIVITAS_PUBLIC_URL: base, CIVITAS_TRUSTED_PROXIES: '127.0.0.1,::1' },
    });
    await platform.app.listen({ host: '127.0.0.1', port });
  });
  afterAll(() => platform?.close());

  let nextAddress = 1;
  const newClient = () => EidClient.create(base, { forwardedFor: `198.51.100.${nextAddress++}` });
  const pin = () => platform.config.demoPin;

  it('counts PIN attempts per client address as the proxy reports it', async () => {
    const first = await newClient();
    const firstInteraction = await first.startSignIn();
    const statuses: number[] = [];
    for (let attemptNo = 0; attemptNo < 21; attemptNo++) {
      statuses.push((await first.submitLogin(firstInteraction, '12345', pin())).status);
    }
    expect(statuses.slice(0, 20).every((status) => status === 400)).toBe(true);
    expect(statuses[20]).toBe(429);
    // Another citizen behind the same proxy still has their own attempts.
    const second = await newClient();
    const secondInteraction = await second.startSignIn();
    expect((await second.submitLogin(secondInteraction, '12345', pin())).status).toBe(400);
  });

  it('does not take a client behind a proxy on this machine for this machine (demo tokens)', async () => {
    const forwarded = await platform.app.inject({
      method: 'POST',
      url: '/api/demo/tokens',
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-for': '203.0.113.5' },
      payload: { personalNumber: platform.seeded.demoPersons[0] },
    });
    expect(forwarded.statusCode).toBe(403);
    expect(forwarded.json().code).toBe('demo-disabled');
    const local = await platform.app.inject({
      method: 'POST',
      url: '/api/demo/tokens',
      remoteAddress: '127.0.0.1',
      payload: { personalNumber: platform.seeded.demoPersons[0] },
    });
    expect(local.statusCode).toBe(200);
  });
});
