import { encodeOfflineRequest, type OfflineRequestClaims } from '@civitas/wallet/offline/index.ts';
import { makeTestPki } from '@civitas/wallet/offline/test-pki.ts';
import { describe, expect, it } from 'vitest';
import { isOfflineRequest, matchOfflineRequest, OfflineRequestError, readOfflineRequest } from './offline.ts';
import type { StoredCredential } from './vault.ts';

const HOST = 'shop.example.bg';
const now = Math.floor(Date.now() / 1000);
const claims = (overrides: Partial<OfflineRequestClaims> = {}): OfflineRequestClaims => ({
  v: 1,
  nonce: 'bm9uY2Utb2YtdGhlLXNob3A',
  check: 'over-18',
  client_id: `x509_san_dns:${HOST}`,
  iat: now,
  exp: now + 300,
  verifier: { name: 'Till 1', organisation: 'Test Shop', checks: ['over-18'] },
  ...overrides,
});

async function reason(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    return error instanceof OfflineRequestError ? error.reason : String(error);
  }
}

describe('an offline request QR read by the wallet', () => {
  it('accepts a request signed by a trusted verifier and answers it with the PID', async () => {
    const pki = await makeTestPki(HOST);
    const text = await encodeOfflineRequest(claims(), pki.signer);
    expect(isOfflineRequest(text)).toBe(true);
    const request = await readOfflineRequest(text, [pki.root]);
    expect(request.claims.verifier.name).toBe('Till 1');
    const pid = {
      id: 'p',
      configurationId: 'pid-sd-jwt',
      format: 'dc+sd-jwt',
      claims: { age_equal_or_over: { '18': true } },
    } as unknown as StoredCredential;
    const match = matchOfflineRequest(request, [pid]);
    expect(match.ok && match.matches.map((m) => m.claims.map((c) => c.path.join('.')))).toEqual([
      ['age_equal_or_over.18'],
    ]);
  });

  it('refuses an untrusted verifier, an expired request, a check beyond the registration and garbage', async () => {
    const pki = await makeTestPki(HOST);
    const other = await makeTestPki(HOST);
    expect(
      await reason(readOfflineRequest(await encodeOfflineRequest(claims(), pki.signer), [other.root])),
    ).toBe('offline-request-untrusted');
    const expired = claims({ iat: now - 900, exp: now - 600 });
    expect(
      await reason(readOfflineRequest(await encodeOfflineRequest(expired, pki.signer), [pki.root])),
    ).toBe('offline-request-expired');
    const beyond = claims({ check: 'identity' });
    expect(await reason(readOfflineRequest(await encodeOfflineRequest(beyond, pki.signer), [pki.root]))).toBe(
      'offline-beyond-registration',
    );
    expect(await reason(readOfflineRequest('CIVREQ1:garbage', [pki.root]))).toBe('offline-payload-invalid');
    expect(await reason(readOfflineRequest(`CIVREQ1:${'A'.repeat(20_000)}`, [pki.root]))).toBe(
      'offline-payload-invalid',
    );
  });
});
