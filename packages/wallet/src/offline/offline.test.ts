import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base45Decode, base45Encode } from './base45.ts';
import {
  decodeOfflineRequest,
  decodeOfflineResponse,
  decodeOfflineResponseFor,
  encodeOfflineRequest,
  encodeOfflineResponse,
  MAX_QR_CHARACTERS,
  OFFLINE_REQUEST_PREFIX,
  OFFLINE_RESPONSE_PREFIX,
  type OfflinePayloadCode,
  OfflinePayloadError,
  type OfflineRequestClaims,
  verifyOfflineRequest,
} from './index.ts';
import { makeTestPki } from './test-pki.ts';

const now = Math.floor(Date.now() / 1000);
const claims: OfflineRequestClaims = {
  v: 1,
  nonce: 'n0nce-n0nce-n0nce-n0nce',
  check: 'over-18',
  client_id: 'x509_san_dns:shop.example.bg',
  iat: now,
  exp: now + 3600,
  verifier: { name: 'Магазин „Лоза“', organisation: 'Лоза ЕООД', checks: ['over-18'] },
};
const sdJwt = `eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJ4In0.c2ln~WyJzYWx0IiwiYWdlIix0cnVlXQ~eyJhbGciOiJFUzI1NiJ9.eyJub25jZSI6IngifQ.c2ln`;

async function codeOf(promise: Promise<unknown>): Promise<OfflinePayloadCode | 'accepted' | 'other'> {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    return error instanceof OfflinePayloadError ? error.code : 'other';
  }
}

describe('base45 (RFC 9285)', () => {
  it('matches the RFC examples and round-trips any bytes', () => {
    expect(base45Encode(new TextEncoder().encode('AB'))).toBe('BB8');
    expect(base45Encode(new TextEncoder().encode('Hello!!'))).toBe('%69 VD92EX0');
    expect(new TextDecoder().decode(base45Decode('QED8WEX0') ?? new Uint8Array())).toBe('ietf!');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(base45Decode(base45Encode(bytes))).toEqual(bytes);
      }),
    );
  });

  it('refuses characters outside the alphabet, a dangling character and values over range', () => {
    expect(base45Decode('bb8')).toBeNull();
    expect(base45Decode('BB8B')).toBeNull();
    expect(base45Decode('GGW')).toBeNull(); // 65535 + 1
  });
});

describe('offline request QR', () => {
  it('round-trips, fits one QR code in alphanumeric mode, and verifies against the anchor', async () => {
    const pki = await makeTestPki('shop.example.bg');
    const text = await encodeOfflineRequest(claims, pki.signer);
    expect(text.startsWith(OFFLINE_REQUEST_PREFIX)).toBe(true);
    expect(text).toMatch(/^[0-9A-Z $%*+\-./:]+$/);
    expect(text.length).toBeLessThan(MAX_QR_CHARACTERS / 2);
    const request = await decodeOfflineRequest(text);
    expect(request.claims).toEqual(claims);
    await verifyOfflineRequest(request, { trustAnchors: [pki.root], now: new Date() });
  });

  it('refuses a request signed under another root, for another host, tampered, or expired', async () => {
    const pki = await makeTestPki('shop.example.bg');
    const other = await makeTestPki('shop.example.bg');
    const request = await decodeOfflineRequest(await encodeOfflineRequest(claims, pki.signer));
    expect(await codeOf(verifyOfflineRequest(request, { trustAnchors: [other.root], now: new Date() }))).toBe(
      'offline-request-untrusted',
    );
    const foreign = { ...claims, client_id: 'x509_san_dns:police.example.bg' };
    const lying = await decodeOfflineRequest(await encodeOfflineRequest(foreign, pki.signer));
    expect(await codeOf(verifyOfflineRequest(lying, { trustAnchors: [pki.root], now: new Date() }))).toBe(
      'offline-request-untrusted',
    );
    const [h, , s] = request.jws.split('.');
    const widened = { ...claims, verifier: { ...claims.verifier, checks: ['over-18', 'identity'] } };
    const forged = `${h}.${Buffer.from(JSON.stringify(widened)).toString('base64url')}.${s}`;
    expect(
      await codeOf(
        verifyOfflineRequest({ ...request, jws: forged }, { trustAnchors: [pki.root], now: new Date() }),
      ),
    ).toBe('offline-request-signature-invalid');
    const later = new Date((claims.exp + 1) * 1000);
    expect(await codeOf(verifyOfflineRequest(request, { trustAnchors: [pki.root], now: later }))).toBe(
      'offline-request-expired',
    );
  });

  it('refuses claims with control characters or an unknown check when encoding', async () => {
    const pki = await makeTestPki('shop.example.bg');
    const bad = { ...claims, verifier: { ...claims.verifier, name: 'Shop\u0007' } };
    expect(await codeOf(encodeOfflineRequest(bad, pki.signer))).toBe('offline-payload-invalid');
    const unknown = { ...claims, check: 'everything' } as unknown as OfflineRequestClaims;
    expect(await codeOf(encodeOfflineRequest(unknown, pki.signer))).toBe('offline-payload-invalid');
  });
});

describe('offline response QR', () => {
  const response = { v: 1 as const, nonce: claims.nonce, format: 'dc+sd-jwt' as const, presentation: sdJwt };

  it('round-trips and is matched to its request by nonce', async () => {
    const text = await encodeOfflineResponse(response);
    expect(text.startsWith(OFFLINE_RESPONSE_PREFIX)).toBe(true);
    expect(await decodeOfflineResponse(text)).toEqual(response);
    expect(await codeOf(decodeOfflineResponseFor(text, 'another-nonce-another'))).toBe(
      'offline-response-mismatch',
    );
  });

  it('refuses truncated, oversized, foreign, bomb-like and garbage payloads', async () => {
    const text = await encodeOfflineResponse(response);
    expect(await codeOf(decodeOfflineResponse(text.slice(0, text.length - 9)))).toBe(
      'offline-payload-invalid',
    );
    expect(
      await codeOf(decodeOfflineResponse(`${OFFLINE_RESPONSE_PREFIX}${'A'.repeat(MAX_QR_CHARACTERS)}`)),
    ).toBe('offline-payload-too-large');
    expect(await codeOf(decodeOfflineResponse('https://example.com/'))).toBe('offline-payload-invalid');
    expect(await codeOf(decodeOfflineResponse('CIVVP9:ABC'))).toBe('offline-payload-unsupported');
    const zeros = new Blob([new Uint8Array(1_000_000)])
      .stream()
      .pipeThrough(new CompressionStream('deflate-raw'));
    const bomb = new Uint8Array(await new Response(zeros).arrayBuffer());
    expect(bomb.length * 1.5).toBeLessThan(MAX_QR_CHARACTERS);
    expect(await codeOf(decodeOfflineResponse(OFFLINE_RESPONSE_PREFIX + base45Encode(bomb)))).toBe(
      'offline-payload-too-large',
    );
    const noise = Buffer.from(crypto.getRandomValues(new Uint8Array(4000))).toString('base64url');
    const [issuerJwt, , kbJwt] = sdJwt.split('~');
    const oversized = { ...response, presentation: `${issuerJwt}~${noise}~${kbJwt}` };
    expect(await codeOf(encodeOfflineResponse(oversized))).toBe('offline-payload-too-large');
  });

  it('refuses any mutation or random text with a stable code, never a crash (fuzzed)', async () => {
    const text = await encodeOfflineResponse(response);
    const codes = new Set<string>([
      'accepted',
      'offline-payload-invalid',
      'offline-payload-too-large',
      'offline-payload-unsupported',
    ]);
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 5000 }), async (garbage) => {
        expect(codes.has(await codeOf(decodeOfflineResponse(garbage)))).toBe(true);
      }),
      { numRuns: 200 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: text.length - 1 }),
        fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:'),
        async (at, character) => {
          const mutated = text.slice(0, at) + character + text.slice(at + 1);
          const code = await codeOf(decodeOfflineResponse(mutated));
          expect(codes.has(code)).toBe(true);
          if (code === 'accepted') expect((await decodeOfflineResponse(mutated)).v).toBe(1);
        },
      ),
      { numRuns: 300 },
    );
  });
});
