/**
 * Independent implementations check what Civitas issues: @meeco/sd-jwt (SD-JWT, with `jose` for
 * the JWS signatures) and OpenSSL (the x5c chain and the ES256 signature). Each must accept ours
 * and refuse what Civitas refuses.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { verifySDJWT } from '@meeco/sd-jwt';
import * as jose from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { base64urlJson, fromBase64, fromBase64url } from '../trust/encoding.ts';
import { createTestPki, type TestPki } from '../trust/test-pki.ts';
import { TEST_AUDIENCE, TEST_NONCE, type WalletFixture, walletFixture } from './testing.ts';
import { verifySdJwtVcPresentation } from './verify.ts';

let f: WalletFixture;
let credential: string;
let presentation: string;
const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'civitas-sdjwt-'));

beforeAll(async () => {
  f = await walletFixture({ intermediate: true, organisation: 'Civitas Wallet Issuer' });
  credential = await f.issue({}, { decoys: 2 });
  presentation = await f.present(credential, [['given_name'], ['age_equal_or_over', '18']]);
});

afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

const pem = (der: string) =>
  `-----BEGIN CERTIFICATE-----\n${der.match(/.{1,64}/g)?.join('\n')}\n-----END CERTIFICATE-----\n`;
const getHasher = async () => (data: string) => createHash('sha256').update(data).digest('base64url');

/** Verifies the issuer JWT with jose: the key from the x5c leaf, typ and alg checked. */
const issuerVerifier = async (jwt: string) => {
  const header = jose.decodeProtectedHeader(jwt);
  const key = await jose.importX509(pem((header.x5c as string[])[0] as string), 'ES256');
  await jose.compactVerify(jwt, key, { algorithms: ['ES256'] });
  return header.typ === 'dc+sd-jwt';
};

/** Verifies the KB-JWT with jose against cnf.jwk: typ, aud, nonce, age, and sd_hash over the presentation. */
const kbVerifier = (full: string) => async (kbJwt: string, holder: jose.JWK) => {
  const key = await jose.importJWK(holder, 'ES256');
  const { payload } = await jose.jwtVerify(kbJwt, key, {
    typ: 'kb+jwt',
    audience: TEST_AUDIENCE,
    maxTokenAge: 300,
    currentDate: f.now,
  });
  const sdHash = createHash('sha256')
    .update(full.slice(0, full.lastIndexOf('~') + 1))
    .digest('base64url');
  return payload.nonce === TEST_NONCE && payload.sd_hash === sdHash;
};

const meeco = (sdJwt: string) =>
  verifySDJWT(sdJwt, issuerVerifier, getHasher, { kb: { verifier: kbVerifier(sdJwt) } });

describe('@meeco/sd-jwt 1.2.1 with jose', () => {
  test('accepts the issued credential and reads every claim', async () => {
    const claims = await verifySDJWT(credential, issuerVerifier, getHasher);
    expect(claims).toMatchObject({
      given_name: 'Maria',
      family_name: 'Petrova',
      place_of_birth: { locality: 'Plovdiv', country: 'BG' },
      age_equal_or_over: { '18': true, '21': true, '65': false },
      vct: 'urn:eudi:pid:1',
      cnf: { jwk: f.holder },
    });
  });

  test('accepts the key-bound presentation and sees only the chosen claims, as our verifier does', async () => {
    const claims = await meeco(presentation);
    expect(claims).toMatchObject({ given_name: 'Maria', age_equal_or_over: { '18': true } });
    expect(claims).not.toHaveProperty('family_name');
    expect(claims).not.toHaveProperty('birthdate');
    expect((claims.age_equal_or_over as object) ?? {}).not.toHaveProperty('21');
    const ours = await verifySdJwtVcPresentation(presentation, await f.context());
    expect(ours.claims).toMatchObject({ given_name: 'Maria', 'age_equal_or_over.18': true });
  });

  test('refuses what we refuse: a changed payload, another issuer key, a KB-JWT by another key or for another verifier', async () => {
    const [jwt, ...rest] = presentation.split('~');
    const [h, p, s] = (jwt as string).split('.');
    const payload = JSON.parse(new TextDecoder().decode(fromBase64url(p as string)));
    payload.age_equal_or_over = { ...payload.age_equal_or_over, '65': true };
    const changed = [`${h}.${base64urlJson(payload)}.${s}`, ...rest].join('~');
    await expect(meeco(changed)).rejects.toThrow();
    await expect(verifySdJwtVcPresentation(changed, await f.context())).rejects.toMatchObject({
      code: 'issuer-signature-invalid',
    });
    const thief = await walletFixture();
    const stolen = await f.present(credential, [['given_name']], { sign: thief.sign });
    await expect(meeco(stolen)).rejects.toThrow();
    const elsewhere = await f.present(credential, [['given_name']], { aud: 'x509_san_dns:other.example' });
    await expect(meeco(elsewhere)).rejects.toThrow();
    const noKb = presentation.slice(0, presentation.lastIndexOf('~') + 1);
    await expect(meeco(noKb)).rejects.toThrow();
  });

  test('a tampered disclosure: we refuse it (disclosure-unreferenced); meeco drops it, so the altered value is never shown', async () => {
    const parts = presentation.split('~');
    const [salt, name] = JSON.parse(new TextDecoder().decode(fromBase64url(parts[1] as string)));
    const tampered = [parts[0], base64urlJson([salt, name, 'Mallory']), ...parts.slice(2)];
    const text = tampered.join('~');
    await expect(verifySdJwtVcPresentation(text, await f.context())).rejects.toMatchObject({
      code: 'disclosure-unreferenced',
    });
    const seen = await meeco(text).catch(() => ({}));
    expect(JSON.stringify(seen)).not.toContain('Mallory');
  });
});

describe('OpenSSL (Debian openssl 3)', () => {
  const openssl = (...args: string[]) =>
    execFileSync('openssl', args, { cwd: directory, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const write = (name: string, content: string | Uint8Array) =>
    fs.writeFileSync(path.join(directory, name), content);

  function chainFiles(pki: TestPki, prefix: string) {
    write(`${prefix}-root.pem`, pem(pki.root));
    write(`${prefix}-leaf.pem`, pem(pki.x5c[0] as string));
    write(`${prefix}-untrusted.pem`, pki.x5c.slice(1).map(pem).join(''));
  }

  const opensslAccepts = (prefix: string, at: Date) => {
    try {
      openssl(
        'verify',
        '-attime',
        String(Math.floor(at.getTime() / 1000)),
        '-CAfile',
        `${prefix}-root.pem`,
        '-untrusted',
        `${prefix}-untrusted.pem`,
        `${prefix}-leaf.pem`,
      );
      return true;
    } catch {
      return false;
    }
  };

  test('openssl verify accepts the x5c chain to the anchor, and refuses where we refuse', async () => {
    chainFiles(f.pki, 'good');
    expect(opensslAccepts('good', f.now)).toBe(true);
    const expired = await createTestPki({ intermediate: true, validDays: -1 });
    chainFiles(expired, 'expired');
    expect(opensslAccepts('expired', new Date())).toBe(false);
    const notCa = await createTestPki({ signerIssuedByLeaf: true });
    chainFiles(notCa, 'not-ca');
    expect(opensslAccepts('not-ca', new Date())).toBe(false);
    const stranger = await createTestPki();
    write('stranger-root.pem', pem(stranger.root));
    write('stranger-leaf.pem', pem(f.pki.x5c[0] as string));
    write('stranger-untrusted.pem', f.pki.x5c.slice(1).map(pem).join(''));
    expect(opensslAccepts('stranger', f.now)).toBe(false);
  });

  test('openssl dgst verifies the ES256 issuer signature with the leaf key, and refuses a changed payload', () => {
    const jwt = credential.split('~')[0] as string;
    const signingInput = jwt.slice(0, jwt.lastIndexOf('.'));
    const raw = fromBase64url(jwt.slice(jwt.lastIndexOf('.') + 1));
    write('leaf.pem', pem(f.pki.x5c[0] as string));
    write('leaf-key.pem', openssl('x509', '-in', 'leaf.pem', '-pubkey', '-noout'));
    write('signature.der', derSignature(raw));
    write('signed.txt', signingInput);
    expect(
      openssl('dgst', '-sha256', '-verify', 'leaf-key.pem', '-signature', 'signature.der', 'signed.txt'),
    ).toContain('Verified OK');
    write('changed.txt', `${signingInput}x`);
    expect(() =>
      openssl('dgst', '-sha256', '-verify', 'leaf-key.pem', '-signature', 'signature.der', 'changed.txt'),
    ).toThrow();
    const subject = openssl('x509', '-in', 'leaf.pem', '-noout', '-subject');
    expect(subject).toContain('O = Civitas Wallet Issuer');
    expect(fromBase64(f.pki.x5c[0] as string).length).toBeGreaterThan(200);
  });
});

/** JOSE's raw r‖s as the DER ECDSA-Sig-Value OpenSSL reads. */
function derSignature(raw: Uint8Array): Uint8Array {
  const integer = (bytes: Uint8Array) => {
    let start = 0;
    while (start < bytes.length - 1 && bytes[start] === 0) start++;
    const trimmed = bytes.subarray(start);
    const body = (trimmed[0] as number) & 0x80 ? [0, ...trimmed] : [...trimmed];
    return [0x02, body.length, ...body];
  };
  const content = [...integer(raw.subarray(0, 32)), ...integer(raw.subarray(32))];
  return new Uint8Array([0x30, content.length, ...content]);
}
