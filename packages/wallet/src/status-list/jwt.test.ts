import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { WalletVerificationError } from '../errors.ts';
import { parseCompactJws, signCompactJws } from '../trust/jws.ts';
import { createTestPki, type TestPki } from '../trust/test-pki.ts';
import {
  buildStatusListToken,
  credentialStatusOf,
  parseStatusListToken,
  statusAt,
  verifyStatusListToken,
} from './jwt.ts';

const URI = 'https://civitas.example/wallet/status/7';
const now = new Date();
const seconds = Math.floor(now.getTime() / 1000);
let pki: TestPki;

beforeAll(async () => {
  pki = await createTestPki({ now });
});

const build = (statuses: number[], bits: 1 | 2 | 4 | 8 = 2, overrides = {}) =>
  buildStatusListToken({
    uri: URI,
    statuses,
    bits,
    issuedAt: seconds,
    expiresAt: seconds + 600,
    ttl: 60,
    signer: pki.signer,
    ...overrides,
  });

describe('JWT status list', () => {
  test('the token has the draft-ietf-oauth-status-list shape', async () => {
    const token = await build([0, 1, 2, 0]);
    const { header, payload } = parseCompactJws(token);
    expect(header).toEqual({ alg: 'ES256', typ: 'statuslist+jwt', x5c: pki.x5c });
    expect(payload).toEqual({
      sub: URI,
      iat: seconds,
      exp: seconds + 600,
      ttl: 60,
      status_list: { bits: 2, lst: expect.any(String) },
    });
    // the specification's example: statuses [1,0,0,1,1,1,0,1, 1,1,0,0,0,1,0,1] at 1 bit = bytes b9 a3, deflated
    const example = parseStatusListToken(await build([1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1], 1));
    expect(example.list.encodeStatusList()).toEqual(new Uint8Array([0xb9, 0xa3]));
  });

  test('any list survives build → verify → statusAt, for every bits size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .constantFrom(1, 2, 4, 8)
          .chain((bits) =>
            fc.tuple(
              fc.constant(bits as 1 | 2 | 4 | 8),
              fc.array(fc.integer({ min: 0, max: 2 ** bits - 1 }), { minLength: 1, maxLength: 300 }),
            ),
          ),
        async ([bits, statuses]) => {
          const verified = await verifyStatusListToken(await build(statuses, bits), {
            trustAnchors: [pki.root],
            now,
            uri: URI,
          });
          expect(verified.bits).toBe(bits);
          statuses.forEach((status, idx) => {
            expect(statusAt(verified, idx)).toBe(status);
          });
        },
      ),
      { numRuns: 40 },
    );
  });

  test('status values mean valid, revoked, suspended; anything else counts as revoked', () => {
    expect([0, 1, 2, 3, 200].map(credentialStatusOf)).toEqual([
      'valid',
      'revoked',
      'suspended',
      'revoked',
      'revoked',
    ]);
  });

  test('verification refuses another URI, an expired token, a stranger signer, a changed list, garbage', async () => {
    const token = await build([0, 0, 1]);
    const context = { trustAnchors: [pki.root], now, uri: URI };
    const refused = async (candidate: string, overrides = {}) => {
      try {
        await verifyStatusListToken(candidate, { ...context, ...overrides });
      } catch (error) {
        expect(error).toBeInstanceOf(WalletVerificationError);
        return (error as WalletVerificationError).code;
      }
      return 'accepted';
    };
    expect(await refused(token)).toBe('accepted');
    expect(await refused(token, { uri: `${URI}0` })).toBe('status-list-unavailable');
    expect(await refused(token, { now: new Date((seconds + 601) * 1000) })).toBe('status-list-unavailable');
    const lasting = await build([0], 2, { expiresAt: seconds + 3 * 365 * 86_400 });
    expect(await refused(lasting)).toBe('accepted');
    // cached, but the signer's certificate (365 days) has expired by then
    expect(await refused(lasting, { now: new Date((seconds + 400 * 86_400) * 1000) })).toBe(
      'status-list-unavailable',
    );
    const stranger = await createTestPki({ now });
    expect(await refused(token, { trustAnchors: [stranger.root] })).toBe('status-list-unavailable');
    const [h, , s] = token.split('.');
    const other = (await build([0, 0, 0])).split('.')[1];
    expect(await refused(`${h}.${other}.${s}`)).toBe('status-list-unavailable');
    for (const garbage of ['', 'a.b.c', '\u0000', 'x'.repeat(5 * 1024 * 1024)])
      expect(await refused(garbage)).toBe('status-list-unavailable');
    expect(await refused(new TextEncoder().encode(token) as unknown as string)).toBe('accepted');
  });

  test('a list not signed by a trusted chain is refused before it is decompressed', async () => {
    const stranger = await createTestPki({ now });
    const header = { alg: 'ES256', typ: 'statuslist+jwt', x5c: stranger.x5c };
    const payload = { sub: URI, iat: seconds, status_list: { bits: 1, lst: 'not-zlib-at-all' } };
    const token = await signCompactJws(header, payload, stranger.signer.sign);
    await expect(verifyStatusListToken(token, { trustAnchors: [pki.root], now, uri: URI })).rejects.toThrow(
      /not trusted/,
    );
    const ours = await signCompactJws({ ...header, x5c: pki.x5c }, payload, pki.signer.sign);
    await expect(verifyStatusListToken(ours, { trustAnchors: [pki.root], now, uri: URI })).rejects.toThrow(
      /malformed/,
    );
  });

  test('building refuses values that do not fit the bits and empty lists', async () => {
    await expect(build([0, 4], 2)).rejects.toThrow(/from 0 to 3/);
    await expect(build([], 1)).rejects.toThrow(/at least one/);
    await expect(build([0], 3 as 1)).rejects.toThrow(/bits/);
    expect(() => statusAt(parseStatusListToken(parseable), 99)).toThrow(RangeError);
  });
});

let parseable = '';
beforeAll(async () => {
  parseable = await build([0]);
});
