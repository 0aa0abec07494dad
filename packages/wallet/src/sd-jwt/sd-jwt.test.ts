import { beforeAll, describe, expect, test } from 'vitest';
import { WalletVerificationError } from '../errors.ts';
import { base64url, base64urlJson, fromBase64url, fromUtf8, utf8 } from '../trust/encoding.ts';
import { parseCompactJws, signCompactJws } from '../trust/jws.ts';
import { createTestPki } from '../trust/test-pki.ts';
import { digestOf } from './hash.ts';
import { decodeSdJwtVc } from './present.ts';
import { TEST_AUDIENCE, TEST_NONCE, TEST_VCT, type WalletFixture, walletFixture } from './testing.ts';
import { verifySdJwtVcPresentation } from './verify.ts';

let f: WalletFixture;
let credential: string;

beforeAll(async () => {
  f = await walletFixture({ intermediate: true });
  credential = await f.issue({}, { decoys: 3 });
});

async function refusal(presentation: string, overrides = {}) {
  try {
    await verifySdJwtVcPresentation(presentation, await f.context(overrides));
  } catch (error) {
    expect(error).toBeInstanceOf(WalletVerificationError);
    return (error as WalletVerificationError).code;
  }
  throw new Error('the presentation was accepted');
}

/** Re-signs the issuer JWT of `credential` with a changed payload (as a dishonest issuer key would). */
async function reissued(change: (payload: Record<string, unknown>) => void, sign = f.pki.signer.sign) {
  const [jwt, ...rest] = credential.split('~');
  const { header, payload } = parseCompactJws(jwt as string);
  change(payload);
  return [await signCompactJws(header, payload, sign), ...rest].join('~');
}

describe('issueSdJwtVc', () => {
  test('the issuer-signed JWT has the SD-JWT VC header and claims, disclosable claims only as digests', () => {
    const { header, payload } = parseCompactJws(credential.split('~')[0] as string);
    expect(header).toEqual({ typ: 'dc+sd-jwt', alg: 'ES256', x5c: f.pki.x5c });
    expect(payload).toMatchObject({
      iss: 'https://civitas.example',
      vct: TEST_VCT,
      _sd_alg: 'sha-256',
      cnf: { jwk: f.holder },
      status: { status_list: { idx: 3, uri: 'https://civitas.example/wallet/status/1' } },
      issuing_country: 'BG',
      iat: f.seconds - 60,
      exp: f.seconds + 86_400,
    });
    expect(payload).not.toHaveProperty('given_name');
    expect(JSON.stringify(payload)).not.toContain('Maria');
    // 5 top-level disclosable claims and 3 decoys
    expect(payload._sd).toHaveLength(8);
    expect(credential.endsWith('~')).toBe(true);
  });

  test('decodeSdJwtVc gives the wallet every claim and the paths the holder can choose', () => {
    const decoded = decodeSdJwtVc(credential);
    expect(decoded.vct).toBe(TEST_VCT);
    expect(decoded.holder).toEqual(f.holder);
    expect(decoded.status).toEqual({ uri: 'https://civitas.example/wallet/status/1', idx: 3 });
    expect(decoded.claims).toEqual({
      family_name: 'Petrova',
      given_name: 'Maria',
      birthdate: '1990-04-12',
      place_of_birth: { locality: 'Plovdiv', country: 'BG' },
      nationalities: ['BG'],
      age_equal_or_over: { '18': true, '21': true, '65': false },
      issuing_country: 'BG',
    });
    expect(decoded.flat['age_equal_or_over.18']).toBe(true);
    expect(decoded.disclosable.map((path) => path.join('.')).sort()).toEqual(
      [
        'age_equal_or_over.18',
        'age_equal_or_over.21',
        'age_equal_or_over.65',
        'birthdate',
        'family_name',
        'given_name',
        'nationalities',
        'place_of_birth',
        'place_of_birth.locality',
      ].sort(),
    );
  });

  test('bad input is refused before anything is signed', async () => {
    await expect(f.issue({ issuer: 'http://civitas.example' })).rejects.toThrow(/https/);
    await expect(f.issue({ vct: 'urn:eudi:pid:1\u0000' })).rejects.toThrow(/vct/);
    await expect(f.issue({ claims: { iss: 'https://evil.example' } })).rejects.toThrow(/reserved/);
    await expect(f.issue({ disclosable: [['no_such_claim']] })).rejects.toThrow(/not in the claims/);
    await expect(f.issue({ holder: { ...f.holder, x: 'short' } })).rejects.toThrow(/holder/);
    await expect(f.issue({ expiresAt: f.seconds - 120 })).rejects.toThrow(/expiresAt/);
  });
});

describe('presentSdJwtVc and verifySdJwtVcPresentation', () => {
  test('"over 18": only that claim reaches the verifier, with issuer, dates and status', async () => {
    const presentation = await f.present(credential, [['age_equal_or_over', '18']]);
    expect(presentation.split('~')).toHaveLength(3); // jwt, one disclosure, kb-jwt
    const verified = await verifySdJwtVcPresentation(presentation, await f.context());
    expect(verified).toEqual({
      format: 'dc+sd-jwt',
      type: TEST_VCT,
      issuer: { name: 'Civitas Test Issuer', country: 'BG' },
      claims: { 'age_equal_or_over.18': true, issuing_country: 'BG' },
      validFrom: new Date((f.seconds - 60) * 1000),
      validUntil: new Date((f.seconds + 86_400) * 1000),
      status: 'valid',
    });
    const kb = parseCompactJws(presentation.split('~').at(-1) as string);
    expect(kb.header).toEqual({ typ: 'kb+jwt', alg: 'ES256' });
    expect(kb.payload).toEqual({
      iat: f.seconds,
      aud: TEST_AUDIENCE,
      nonce: TEST_NONCE,
      sd_hash: digestOf(presentation.slice(0, presentation.lastIndexOf('~') + 1)),
    });
  });

  test('a nested claim brings the object above it; an object brings what is inside', async () => {
    const locality = await verifySdJwtVcPresentation(
      await f.present(credential, [['place_of_birth', 'locality']]),
      await f.context(),
    );
    expect(locality.claims).toEqual({
      'place_of_birth.locality': 'Plovdiv',
      'place_of_birth.country': 'BG',
      issuing_country: 'BG',
    });
    const whole = await verifySdJwtVcPresentation(
      await f.present(credential, [['place_of_birth'], ['given_name']]),
      await f.context(),
    );
    expect(whole.claims).toMatchObject({ 'place_of_birth.locality': 'Plovdiv', given_name: 'Maria' });
    expect(whole.claims).not.toHaveProperty('family_name');
  });

  test('presenting a claim the credential does not have is refused', async () => {
    await expect(f.present(credential, [['no_such_claim']])).rejects.toThrow(/no claim/);
  });

  test('a presentation with nothing chosen still proves possession', async () => {
    const verified = await verifySdJwtVcPresentation(await f.present(credential, []), await f.context());
    expect(verified.claims).toEqual({ issuing_country: 'BG' });
  });
});

describe('each refusal has its own code', () => {
  test('issuer signature: a changed payload, or another key', async () => {
    const [jwt, ...rest] = credential.split('~');
    const [h, p, s] = (jwt as string).split('.');
    const payload = JSON.parse(fromUtf8(fromBase64url(p as string)));
    payload.issuing_country = 'PL';
    const changed = [`${h}.${base64urlJson(payload)}.${s}`, ...rest].join('~');
    expect(await refusal(await f.present(changed, [['given_name']]))).toBe('issuer-signature-invalid');
    const other = await createTestPki();
    const forged = await reissued(() => {}, other.signer.sign);
    expect(await refusal(await f.present(forged, [['given_name']]))).toBe('issuer-signature-invalid');
  });

  test('chain: an issuer the verifier does not trust, an expired issuer certificate', async () => {
    const presentation = await f.present(credential, [['given_name']]);
    const stranger = await createTestPki();
    expect(await refusal(presentation, { trustAnchors: [stranger.root] })).toBe('issuer-chain-untrusted');
    const expired = await walletFixture({ validDays: -1 });
    const old = await expired.issue();
    const context = await expired.context();
    await expect(
      verifySdJwtVcPresentation(await expired.present(old, [['given_name']]), context),
    ).rejects.toMatchObject({
      code: 'issuer-certificate-expired',
    });
  });

  test('type and dates', async () => {
    const presentation = await f.present(credential, [['given_name']]);
    expect(await refusal(presentation, { acceptedTypes: ['urn:eudi:ehic:1'] })).toBe(
      'credential-type-unexpected',
    );
    const expired = await reissued((payload) => {
      payload.exp = f.seconds - 1;
    });
    expect(await refusal(await f.present(expired, []))).toBe('credential-expired');
    const future = await reissued((payload) => {
      payload.nbf = f.seconds + 3600;
    });
    expect(await refusal(await f.present(future, []))).toBe('credential-not-yet-valid');
  });

  test('status: revoked, suspended, list unavailable, list for another URI, list signed by a stranger, expired list', async () => {
    const presentation = await f.present(credential, [['given_name']]);
    const list = (statuses: number[], overrides = {}) => f.statusList(statuses, overrides);
    const at3 = (value: number) => [0, 0, 0, value, 0];
    expect(await refusal(presentation, { statusList: async () => list(at3(1)) })).toBe('credential-revoked');
    expect(await refusal(presentation, { statusList: async () => list(at3(2)) })).toBe(
      'credential-suspended',
    );
    expect(await refusal(presentation, { statusList: async () => list(at3(3)) })).toBe('credential-revoked');
    const missing = async () => {
      throw new Error('offline');
    };
    expect(await refusal(presentation, { statusList: missing })).toBe('status-list-unavailable');
    const other = await list(at3(0), { uri: 'https://civitas.example/wallet/status/2' });
    expect(await refusal(presentation, { statusList: async () => other })).toBe('status-list-unavailable');
    const stranger = await list(at3(0), { pki: await createTestPki() });
    expect(await refusal(presentation, { statusList: async () => stranger })).toBe('status-list-unavailable');
    const stale = await list(at3(0), { expiresAt: f.seconds - 1 });
    expect(await refusal(presentation, { statusList: async () => stale })).toBe('status-list-unavailable');
    const beyond = await f.issue({ status: { uri: 'https://civitas.example/wallet/status/1', idx: 40 } });
    expect(await refusal(await f.present(beyond, []))).toBe('status-list-unavailable');
    expect(await refusal(presentation, { statusList: async () => 'garbage' })).toBe(
      'status-list-unavailable',
    );
  });

  test('key binding: missing, another key, another verifier, another nonce, too old, from the future, wrong sd_hash', async () => {
    const withKb = await f.present(credential, [['given_name']]);
    expect(await refusal(withKb.slice(0, withKb.lastIndexOf('~') + 1))).toBe('key-binding-missing');
    expect(await refusal(`${credential.split('~')[0]}~`)).toBe('key-binding-missing');
    const thief = await walletFixture();
    expect(await refusal(await f.present(credential, [['given_name']], { sign: thief.sign }))).toBe(
      'key-binding-signature-invalid',
    );
    const shown = await f.present(credential, [['given_name']], { aud: 'x509_san_dns:other.example' });
    expect(await refusal(shown)).toBe('key-binding-wrong-audience');
    expect(await refusal(await f.present(credential, [['given_name']], { nonce: 'replayed' }))).toBe(
      'key-binding-wrong-nonce',
    );
    expect(await refusal(await f.present(credential, [['given_name']], { iat: f.seconds - 301 }))).toBe(
      'key-binding-too-old',
    );
    expect(await refusal(await f.present(credential, [['given_name']], { iat: f.seconds + 3600 }))).toBe(
      'key-binding-too-old',
    );
    const relaxed = await f.present(credential, [['given_name']], { iat: f.seconds - 301 });
    expect(
      (await verifySdJwtVcPresentation(relaxed, await f.context({ maxKeyBindingAgeSeconds: 600 }))).status,
    ).toBe('valid');
    // a disclosure added after the holder signed: sd_hash no longer matches
    const presented = await f.present(credential, [['given_name']]);
    const familyName = credential
      .split('~')
      .slice(1)
      .find((d) => d && decodeDisclosure(d).includes('Petrova')) as string;
    const parts = presented.split('~');
    const widened = [...parts.slice(0, -1), familyName, parts.at(-1)].join('~');
    expect(await refusal(widened)).toBe('key-binding-hash-mismatch');
  });

  test('disclosures: tampered, unreferenced, the same twice, a digest twice in the payload', async () => {
    const presented = await f.present(credential, [['given_name']]);
    const parts = presented.split('~');
    const given = parts[1] as string;
    const [salt, , value] = JSON.parse(decodeDisclosure(given));
    expect(value).toBe('Maria');
    const altered = base64urlJson([salt, 'given_name', 'Mario']);
    expect(await refusal([parts[0], altered, parts[2]].join('~'))).toBe('disclosure-unreferenced');
    const invented = base64urlJson([base64url(crypto.getRandomValues(new Uint8Array(16))), 'is_admin', true]);
    expect(await refusal([parts[0], given, invented, parts[2]].join('~'))).toBe('disclosure-unreferenced');
    expect(await refusal([parts[0], 'not base64 json!', parts[2]].join('~'))).toBe('disclosure-tampered');
    expect(await refusal([parts[0], base64url(utf8('["only-salt"]')), parts[2]].join('~'))).toBe(
      'disclosure-tampered',
    );
    expect(await refusal([parts[0], given, given, parts[2]].join('~'))).toBe('disclosure-duplicate');
    const doubled = await reissued((payload) => {
      const digests = payload._sd as string[];
      payload._sd = [...digests, digests[0]];
    });
    expect(await refusal(await withKeyBinding(doubled))).toBe('disclosure-duplicate');
    const nested = await reissued((payload) => {
      (payload.age_equal_or_over as { _sd: string[] })._sd.push((payload._sd as string[])[0] as string);
    });
    expect(await refusal(await withKeyBinding(nested))).toBe('disclosure-duplicate');
  });

  test('malformed input: empty, oversized, no JWS, wrong typ or alg, control characters', async () => {
    expect(await refusal('')).toBe('credential-malformed');
    expect(await refusal('a'.repeat(300_000))).toBe('credential-malformed');
    expect(await refusal('abc~')).toBe('credential-malformed');
    expect(await refusal('\u0000.\u0001.\u0002~')).toBe('credential-malformed');
    const wrongTyp = await f.present(await reissuedHeader({ typ: 'JWT' }), []);
    expect(await refusal(wrongTyp)).toBe('credential-malformed');
    const noX5c = await f.present(await reissuedHeader({ x5c: undefined }), []);
    expect(await refusal(noX5c)).toBe('credential-malformed');
  });
});

function decodeDisclosure(encoded: string): string {
  return fromUtf8(fromBase64url(encoded));
}

async function reissuedHeader(change: Record<string, unknown>) {
  const [jwt, ...rest] = credential.split('~');
  const { header, payload } = parseCompactJws(jwt as string);
  return [await signCompactJws({ ...header, ...change }, payload, f.pki.signer.sign), ...rest].join('~');
}

/** Appends a KB-JWT to an SD-JWT by hand (the holder's own code refuses a broken credential). */
async function withKeyBinding(sdJwt: string) {
  const payload = { iat: f.seconds, aud: TEST_AUDIENCE, nonce: TEST_NONCE, sd_hash: digestOf(sdJwt) };
  return `${sdJwt}${await signCompactJws({ typ: 'kb+jwt', alg: 'ES256' }, payload, f.sign)}`;
}
