import fc from 'fast-check';
import { CompactSign, decodeProtectedHeader, importPKCS8 } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCertificateAuthority } from '../pki/certificate-authority.ts';
import { issueSigningCertificate } from '../pki/issue.ts';
import {
  createSampleRegistry,
  type SampleRegistry,
  sampleGlobalConfiguration,
} from './sample-configuration.ts';
import { signGlobalConfiguration } from './sign.ts';
import { verifyGlobalConfiguration } from './verify.ts';

let registry: SampleRegistry;
let anchor: { anchorCertificatePem: string };

beforeAll(async () => {
  registry = await createSampleRegistry();
  anchor = { anchorCertificatePem: registry.signer.certificatePem };
});

const signWith = (payload: unknown, privateKeyPem: string, typ = 'civitas-global-conf+jws') =>
  importPKCS8(privateKeyPem, 'ES256').then((key) =>
    new CompactSign(new TextEncoder().encode(typeof payload === 'string' ? payload : JSON.stringify(payload)))
      .setProtectedHeader({ alg: 'ES256', typ })
      .sign(key),
  );

describe('signGlobalConfiguration and verifyGlobalConfiguration', () => {
  it('round-trips a configuration signed by the registry', async () => {
    const conf = sampleGlobalConfiguration(registry);
    const jws = await signGlobalConfiguration(conf, registry.signer);

    expect(decodeProtectedHeader(jws)).toMatchObject({ alg: 'ES256', typ: 'civitas-global-conf+jws' });
    expect(decodeProtectedHeader(jws).x5c?.[0]).toBe(
      registry.signer.certificatePem.replace(/-----[A-Z ]+-----|\s/g, ''),
    );
    expect(await verifyGlobalConfiguration(jws, anchor)).toEqual({ ok: true, conf });
  });

  it('accepts the anchor as a bare public key as well', async () => {
    const { X509Certificate } = await import('node:crypto');
    const spki = new X509Certificate(registry.signer.certificatePem).publicKey.export({
      type: 'spki',
      format: 'pem',
    });
    const jws = await signGlobalConfiguration(sampleGlobalConfiguration(registry), registry.signer);
    expect((await verifyGlobalConfiguration(jws, { anchorCertificatePem: String(spki) })).ok).toBe(true);
  });

  it('rejects a tampered payload as bad-signature', async () => {
    const jws = await signGlobalConfiguration(sampleGlobalConfiguration(registry), registry.signer);
    const [header, , signature] = jws.split('.');
    const forged = Buffer.from(JSON.stringify(sampleGlobalConfiguration(registry, { serial: 99 }))).toString(
      'base64url',
    );
    expect(await verifyGlobalConfiguration(`${header}.${forged}.${signature}`, anchor)).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
  });

  it('rejects a configuration signed by another key, even one carrying the real x5c', async () => {
    const otherCa = await createCertificateAuthority({ commonName: 'Civitas Test CA', validDays: 1 });
    const impostor = await issueSigningCertificate(otherCa, { memberId: 'BG/GOV/central-registry' });
    const withOwnCertificate = await signGlobalConfiguration(sampleGlobalConfiguration(registry), impostor);
    const withRealCertificate = await signGlobalConfiguration(sampleGlobalConfiguration(registry), {
      privateKeyPem: impostor.privateKeyPem,
      certificatePem: registry.signer.certificatePem,
    });
    for (const jws of [withOwnCertificate, withRealCertificate]) {
      expect(await verifyGlobalConfiguration(jws, anchor)).toEqual({ ok: false, reason: 'bad-signature' });
    }
  });

  it('rejects a configuration at and after its expiresAt as expired', async () => {
    const conf = sampleGlobalConfiguration(registry, {
      generatedAt: new Date(Date.now() - 2000),
      validMs: 1000,
    });
    const jws = await signGlobalConfiguration(conf, registry.signer);
    expect(await verifyGlobalConfiguration(jws, anchor)).toEqual({ ok: false, reason: 'expired' });
    expect(await verifyGlobalConfiguration(jws, { ...anchor, now: new Date(conf.expiresAt) })).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect((await verifyGlobalConfiguration(jws, { ...anchor, now: new Date(conf.generatedAt) })).ok).toBe(
      true,
    );
  });

  it('answers malformed, never throws, for what is not a JWS', async () => {
    for (const input of ['', 'not a jws', 'a.b', 'a.b.c', 'a.b.c.d.e', '..', '{}']) {
      expect(await verifyGlobalConfiguration(input, anchor)).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('answers malformed for a signed payload that is not JSON', async () => {
    const jws = await signWith('not json {', registry.signer.privateKeyPem);
    expect(await verifyGlobalConfiguration(jws, anchor)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('answers invalid for a correctly signed document of the wrong shape', async () => {
    const conf = sampleGlobalConfiguration(registry);
    const wrongShapes: unknown[] = [
      [],
      { ...conf, serial: '1' },
      { ...conf, serial: 1.5 },
      { ...conf, members: undefined },
      { ...conf, nodes: [{ ...conf.nodes[0], address: 'http://127.0.0.1' }] },
      { ...conf, revokedCertificates: ['ABC'] },
      { ...conf, certificateAuthorities: [] },
      { ...conf, expiresAt: 'tomorrow' },
      { ...conf, expiresAt: conf.generatedAt },
    ];
    for (const document of wrongShapes) {
      const jws = await signWith(document, registry.signer.privateKeyPem);
      expect(await verifyGlobalConfiguration(jws, anchor)).toEqual({ ok: false, reason: 'invalid' });
    }
  });

  it('answers invalid for another kind of document the registry signed', async () => {
    const jws = await signWith(sampleGlobalConfiguration(registry), registry.signer.privateKeyPem, 'JWT');
    expect(await verifyGlobalConfiguration(jws, anchor)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('rejects any change of one character in the payload', async () => {
    const jws = await signGlobalConfiguration(sampleGlobalConfiguration(registry), registry.signer);
    const [header, payload, signature] = jws.split('.') as [string, string, string];
    const base64url = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    await fc.assert(
      fc.asyncProperty(
        fc.nat(payload.length - 1),
        fc.constantFrom(...base64url, '=', '.', ' ', '+', '/'),
        async (index, replacement) => {
          fc.pre(payload[index] !== replacement);
          const tampered = payload.slice(0, index) + replacement + payload.slice(index + 1);
          const check = await verifyGlobalConfiguration(`${header}.${tampered}.${signature}`, anchor);
          expect(check.ok).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });
});
