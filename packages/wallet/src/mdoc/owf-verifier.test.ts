/**
 * The verifier of `@owf/mdoc` itself (its DeviceResponse model and checks, given WebCrypto and
 * `@peculiar/x509` hooks) accepts what Civitas presents — a second reading besides `@auth0/mdl`,
 * and the check that the structures Civitas builds by hand match the library's model.
 */
import 'reflect-metadata';
import { CoseKey, DeviceResponse, type MdocContext, type VerificationAssessment } from '@owf/mdoc';
import * as x509 from '@peculiar/x509';
import { describe, expect, it } from 'vitest';
import { verifyCertificateChain } from '../trust/x5c.ts';
import { fromBase64, fromBase64Url, mdocContext, toBase64 } from './crypto.ts';
import { presentMdoc } from './present.ts';
import { issuedMdl, MDL, MDL_NS, statusListCwt, verificationContext } from './test-fixtures.ts';

/** @peculiar/x509 wants an ArrayBuffer-backed view. */
const certificateOf = (der: Uint8Array) =>
  new x509.X509Certificate(Uint8Array.from(der) as Uint8Array<ArrayBuffer>);

const x509Hooks: MdocContext['x509'] = {
  getIssuerNameField: ({ certificate, field }) => certificateOf(certificate).subjectName.getField(field),
  getPublicKey: async ({ certificate }) => {
    const key = await certificateOf(certificate).publicKey.export(
      { name: 'ECDSA', namedCurve: 'P-256' },
      ['verify'],
      crypto,
    );
    const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', key);
    return CoseKey.fromJwk({ kty: kty!, crv: crv!, x: x!, y: y! });
  },
  verifyCertificateChain: async ({ trustedCertificates, x5chain, now }) => {
    await verifyCertificateChain(x5chain.map(toBase64), trustedCertificates.map(toBase64), now ?? new Date());
  },
  getCertificateData: ({ certificate }) => {
    const parsed = certificateOf(certificate);
    return {
      issuerName: parsed.issuer,
      subjectName: parsed.subject,
      serialNumber: parsed.serialNumber,
      thumbprint: '',
      notBefore: parsed.notBefore,
      notAfter: parsed.notAfter,
      pem: parsed.toString('pem'),
    };
  },
};

describe('@owf/mdoc verifies Civitas DeviceResponses', () => {
  it('passes every check of DeviceResponse.verify, and fails the device check for another transcript', async () => {
    const { credential, pki, holder, now } = await issuedMdl();
    const context = await verificationContext(pki, now, await statusListCwt(pki, now));
    const request = {
      docType: MDL,
      elements: { [MDL_NS]: ['family_name', 'driving_privileges', 'portrait'] },
    };
    const response = fromBase64Url(
      await presentMdoc(credential, request, context.sessionTranscript, holder.sign),
    );
    const run = async (sessionTranscript: Uint8Array) => {
      const checks: VerificationAssessment[] = [];
      await DeviceResponse.decode(response).verify(
        {
          sessionTranscript,
          trustedCertificates: [fromBase64(pki.root)],
          now,
          onCheck: (check) => checks.push(check),
        },
        { ...mdocContext(), x509: x509Hooks },
      );
      return checks;
    };
    const checks = await run(context.sessionTranscript);
    expect(checks.filter((check) => check.status === 'FAILED')).toEqual([]);
    expect(checks.map((check) => check.category)).toEqual(
      expect.arrayContaining(['DOCUMENT_FORMAT', 'DEVICE_AUTH', 'ISSUER_AUTH', 'DATA_INTEGRITY']),
    );
    const otherTranscript = Uint8Array.from(context.sessionTranscript);
    otherTranscript[otherTranscript.length - 1]! ^= 1;
    const failed = (await run(otherTranscript)).filter((check) => check.status === 'FAILED');
    expect(failed.map((check) => check.category)).toEqual(['DEVICE_AUTH']);
  });
});
