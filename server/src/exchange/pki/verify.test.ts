import { CompactSign, compactVerify, importJWK, importPKCS8 } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CertificateAuthority, createCertificateAuthority } from './certificate-authority.ts';
import { type IssuedCertificate, issueNodeCertificate, issueSigningCertificate } from './issue.ts';
import {
  certificateSerial,
  certificateSubjectCommonName,
  publicKeyJwkOf,
  verifyCertificate,
} from './verify.ts';

const dayMs = 86_400_000;
let ca: CertificateAuthority;
let otherCa: CertificateAuthority;
let node: IssuedCertificate;
let signing: IssuedCertificate;

beforeAll(async () => {
  [ca, otherCa] = await Promise.all([
    createCertificateAuthority({ commonName: 'Civitas CA', validDays: 3650 }),
    createCertificateAuthority({ commonName: 'Civitas CA', validDays: 3650 }),
  ]);
  [node, signing] = await Promise.all([
    issueNodeCertificate(ca, {
      nodeId: 'node-1',
      hostnames: ['node-1.test'],
      ipAddresses: ['127.0.0.1'],
      validDays: 30,
    }),
    issueSigningCertificate(ca, { memberId: 'BG/GOV/000695235', validDays: 30 }),
  ]);
});

describe('verifyCertificate', () => {
  it('accepts a node certificate for TLS and a signing certificate for signing', async () => {
    expect(
      await verifyCertificate(node.certificatePem, {
        caPem: ca.certificatePem,
        revokedSerials: [],
        purpose: 'tls',
      }),
    ).toEqual({ ok: true, subject: 'node-1', serialNumber: node.serialNumber });
    expect(
      await verifyCertificate(signing.certificatePem, {
        caPem: ca.certificatePem,
        revokedSerials: new Set(),
        purpose: 'signing',
      }),
    ).toEqual({ ok: true, subject: 'BG/GOV/000695235', serialNumber: signing.serialNumber });
  });

  it('rejects a certificate from another CA, even one with the same name, as untrusted', async () => {
    const foreign = await issueNodeCertificate(otherCa, {
      nodeId: 'node-1',
      hostnames: ['node-1.test'],
      ipAddresses: [],
    });
    expect(
      await verifyCertificate(foreign.certificatePem, { caPem: ca.certificatePem, revokedSerials: [] }),
    ).toEqual({
      ok: false,
      reason: 'untrusted',
    });
  });

  it('trusts any of several CAs, as during a CA rollover', async () => {
    const check = await verifyCertificate(node.certificatePem, {
      caPem: [otherCa.certificatePem, ca.certificatePem],
      revokedSerials: [],
    });
    expect(check.ok).toBe(true);
  });

  it('does not accept the CA certificate itself as an end entity', async () => {
    expect(
      await verifyCertificate(ca.certificatePem, { caPem: ca.certificatePem, revokedSerials: [] }),
    ).toEqual({
      ok: false,
      reason: 'wrong-purpose',
    });
  });

  it('rejects a revoked serial, whatever its case', async () => {
    for (const revoked of [[node.serialNumber], new Set([node.serialNumber.toUpperCase()])]) {
      expect(
        await verifyCertificate(node.certificatePem, { caPem: ca.certificatePem, revokedSerials: revoked }),
      ).toEqual({
        ok: false,
        reason: 'revoked',
      });
    }
  });

  it('rejects a certificate after its notAfter as expired and before its notBefore as not yet valid', async () => {
    const options = { caPem: ca.certificatePem, revokedSerials: [] };
    expect(
      await verifyCertificate(node.certificatePem, { ...options, at: new Date(Date.now() + 31 * dayMs) }),
    ).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(
      await verifyCertificate(node.certificatePem, { ...options, at: new Date(Date.now() - dayMs) }),
    ).toEqual({
      ok: false,
      reason: 'not-yet-valid',
    });
  });

  it('rejects a certificate issued with a validity already over as expired', async () => {
    const stale = await issueSigningCertificate(ca, { memberId: 'BG/GOV/1', validDays: -1 });
    expect(
      await verifyCertificate(stale.certificatePem, { caPem: ca.certificatePem, revokedSerials: [] }),
    ).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('keeps keys to their purpose: a signing certificate is not a TLS certificate, nor the reverse', async () => {
    const options = { caPem: ca.certificatePem, revokedSerials: [] };
    expect(await verifyCertificate(signing.certificatePem, { ...options, purpose: 'tls' })).toEqual({
      ok: false,
      reason: 'wrong-purpose',
    });
    expect(await verifyCertificate(node.certificatePem, { ...options, purpose: 'signing' })).toEqual({
      ok: false,
      reason: 'wrong-purpose',
    });
  });

  it('answers malformed, never throws, for input that is not a certificate', async () => {
    const garbage = [
      '',
      'not a certificate',
      '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----',
      node.certificatePem.replace(/[A-Za-z0-9]{40}\n/, 'garbage\n'),
      node.privateKeyPem,
    ];
    for (const pem of garbage) {
      expect(await verifyCertificate(pem, { caPem: ca.certificatePem, revokedSerials: [] })).toEqual({
        ok: false,
        reason: 'malformed',
      });
    }
  });

  it('trusts nothing when the CA itself does not parse', async () => {
    expect(await verifyCertificate(node.certificatePem, { caPem: 'garbage', revokedSerials: [] })).toEqual({
      ok: false,
      reason: 'untrusted',
    });
  });
});

describe('certificate fields', () => {
  it('reads the serial and the subject CN', () => {
    expect(certificateSerial(node.certificatePem)).toBe(node.serialNumber);
    expect(certificateSubjectCommonName(signing.certificatePem)).toBe('BG/GOV/000695235');
  });

  it('gives the public key as a JWK that verifies an ES256 JWS made with the certificate key', async () => {
    const jwk = await publicKeyJwkOf(signing.certificatePem);
    expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256' });
    expect(jwk).not.toHaveProperty('d');

    const jws = await new CompactSign(new TextEncoder().encode('hello'))
      .setProtectedHeader({ alg: 'ES256' })
      .sign(await importPKCS8(signing.privateKeyPem, 'ES256'));
    const { payload } = await compactVerify(jws, await importJWK(jwk, 'ES256'));
    expect(new TextDecoder().decode(payload)).toBe('hello');
  });
});
