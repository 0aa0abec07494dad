import { inflateSync } from 'node:zlib';
import { cborDecode, cborEncode } from '@owf/mdoc';
import { coseVerify } from 'cose-kit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WalletVerificationError } from '../errors.ts';
import { fromBase64 } from '../mdoc/crypto.ts';
import { createTestPki } from '../trust/test-pki.ts';
import {
  buildStatusListCwt,
  parseStatusListCwt,
  STATUS_LIST_CWT_TYPE,
  statusAt,
  verifyStatusListCwt,
} from './cwt.ts';

const URI = 'https://civitas.example/wallet/status/mdoc-3';
const now = new Date();
const iat = Math.floor(now.getTime() / 1000);
const pki = await createTestPki({ now });

function build(statuses: number[], overrides: Partial<Parameters<typeof buildStatusListCwt>[0]> = {}) {
  return buildStatusListCwt({
    uri: URI,
    statuses,
    bits: 2,
    issuedAt: iat,
    expiresAt: iat + 3600,
    ttl: 300,
    signer: pki.signer,
    ...overrides,
  });
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WalletVerificationError);
  return (error as WalletVerificationError).code;
}

describe('status list CWT', () => {
  it('is a tagged COSE_Sign1 with typ application/statuslist+cwt whose claims read back', async () => {
    const token = await build([0, 1, 2, 0, 3]);
    expect(token[0]).toBe(0xd2);
    const parsed = parseStatusListCwt(token);
    expect(parsed).toMatchObject({ sub: URI, iat, exp: iat + 3600, ttl: 300, bits: 2 });
    expect([0, 1, 2, 3, 4].map((idx) => statusAt(parsed, idx))).toEqual([0, 1, 2, 0, 3]);
    expect(() => statusAt(parsed, 5_000_000)).toThrow(RangeError);
    expect(STATUS_LIST_CWT_TYPE).toBe('application/statuslist+cwt');
  });

  it('keeps every status of any list (1, 2, 4 and 8 bits)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .constantFrom(1 as const, 2 as const, 4 as const, 8 as const)
          .chain((bits) =>
            fc.tuple(
              fc.constant(bits),
              fc.array(fc.integer({ min: 0, max: 2 ** bits - 1 }), { minLength: 1, maxLength: 300 }),
            ),
          ),
        async ([bits, statuses]) => {
          const parsed = parseStatusListCwt(await build(statuses, { bits }));
          expect(statuses.map((_, idx) => statusAt(parsed, idx))).toEqual(statuses);
        },
      ),
      { numRuns: 25 },
    );
  });

  it("verifies with cose-kit and reads back by the draft's bit layout with plain zlib (independent)", async () => {
    const token = await build([0, 0, 1, 0, 2, 3, 0, 1]);
    const { isValid, decoded } = await coseVerify(token, pki.publicKey);
    expect(isValid).toBe(true);
    expect(decoded.protectedHeaders.get(16)).toBe('application/statuslist+cwt');
    const claims = cborDecode(decoded.payload) as Map<number, unknown>;
    expect(claims.get(2)).toBe(URI);
    const list = claims.get(65533) as Map<string, unknown>;
    const bytes = inflateSync(list.get('lst') as Uint8Array);
    // draft-ietf-oauth-status-list §4.1: entry i sits at bit (i·bits) mod 8 of byte ⌊i·bits/8⌋.
    const at = (idx: number) => (bytes[Math.floor((idx * 2) / 8)]! >> ((idx * 2) % 8)) & 0b11;
    expect([0, 1, 2, 3, 4, 5, 6, 7].map(at)).toEqual([0, 0, 1, 0, 2, 3, 0, 1]);
  });

  it('verifies against the anchors and refuses another URI, an expired list, another issuer, a changed byte', async () => {
    const token = await build([0, 1]);
    const context = { trustAnchors: [pki.root], now, uri: URI };
    const verified = await verifyStatusListCwt(token, context);
    expect(verified.signer).toEqual({ name: 'Civitas Test Issuer', country: 'BG' });
    expect(statusAt(verified, 1)).toBe(1);
    expect(await refusal(verifyStatusListCwt(token, { ...context, uri: `${URI}-other` }))).toBe(
      'status-list-unavailable',
    );
    const later = new Date(now.getTime() + 2 * 3600 * 1000);
    expect(await refusal(verifyStatusListCwt(token, { ...context, now: later }))).toBe(
      'status-list-unavailable',
    );
    const stranger = await createTestPki({ now });
    expect(await refusal(verifyStatusListCwt(token, { ...context, trustAnchors: [stranger.root] }))).toBe(
      'status-list-unavailable',
    );
    const tampered = Uint8Array.from(token);
    const at = Buffer.from(tampered).indexOf(Buffer.from(URI)) + URI.length - 1;
    tampered[at] = '4'.charCodeAt(0);
    expect(await refusal(verifyStatusListCwt(tampered, { ...context, uri: `${URI.slice(0, -1)}4` }))).toBe(
      'status-list-unavailable',
    );
    expect(await refusal(verifyStatusListCwt(Uint8Array.of(0xd2, 0x84), context))).toBe(
      'status-list-unavailable',
    );
  });

  it("refuses a cached list once its signer's certificate has expired, even if the list has not", async () => {
    const lasting = await build([0], { expiresAt: iat + 3 * 365 * 86_400 });
    const context = { trustAnchors: [pki.root], now, uri: URI };
    expect((await verifyStatusListCwt(lasting, context)).sub).toBe(URI);
    // The verification is cached, but the signer's certificate (365 days) has expired by then.
    const afterSigner = new Date(now.getTime() + 400 * 86_400_000);
    expect(await refusal(verifyStatusListCwt(lasting, { ...context, now: afterSigner }))).toBe(
      'status-list-unavailable',
    );
  });

  it('checks signer and signature before reading the claims: an untrusted token never reaches zlib', async () => {
    const stranger = await createTestPki({ now });
    const protectedBytes = cborEncode(
      new Map<number, unknown>([
        [1, -7],
        [16, STATUS_LIST_CWT_TYPE],
      ]),
    );
    const claims = new Map<number, unknown>([
      [2, URI],
      [6, iat],
      [
        65533,
        new Map<string, unknown>([
          ['bits', 2],
          ['lst', new Uint8Array(64).fill(0x78)],
        ]),
      ],
    ]);
    const payload = cborEncode(claims);
    const signature = await stranger.signer.sign(
      cborEncode(['Signature1', protectedBytes, new Uint8Array(0), payload]),
    );
    const token = cborEncode([
      protectedBytes,
      new Map([[33, fromBase64(stranger.x5c[0]!)]]),
      payload,
      signature,
    ]);
    const error = await verifyStatusListCwt(token, { trustAnchors: [pki.root], now, uri: URI }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WalletVerificationError);
    expect((error as Error).message).toMatch(/not trusted/);
    expect(() => parseStatusListCwt(token)).toThrow();
  });

  it('refuses to build a list with statuses its bits cannot hold', async () => {
    await expect(build([0, 4], { bits: 2 })).rejects.toThrow(/status must be an integer/);
    await expect(build([])).rejects.toThrow(/at least one/);
    await expect(build([0], { uri: 'ftp://x' })).rejects.toThrow(/http/);
  });
});
