/**
 * Independent implementation (issue 16, Interoperability): `@auth0/mdl` — its own CBOR model,
 * COSE (cose-kit), X.509 path validation (pkijs) — verifies what Civitas issues and presents, and
 * refuses a tampered copy; and Civitas' verifier accepts a DeviceResponse `@auth0/mdl` builds.
 */
import { DeviceResponse, Document, MDoc, Verifier } from '@auth0/mdl';
import { cborEncode, DataItem } from '@owf/mdoc';
import { describe, expect, it } from 'vitest';
import { fromBase64, fromBase64Url, toBase64Url } from './crypto.ts';
import { presentMdoc } from './present.ts';
import { issuedMdl, MDL, MDL_NS, PORTRAIT, statusListCwt, verificationContext } from './test-fixtures.ts';
import { verifyMdocPresentation } from './verify.ts';

interface Check {
  status: 'PASSED' | 'FAILED' | 'WARNING';
  check: string;
  category?: string;
}

/** auth0's verifier reports each check to a callback; collect them instead of throwing on the first. */
async function auth0Verify(response: Uint8Array, transcript: Uint8Array, rootPem: string): Promise<Check[]> {
  const checks: Check[] = [];
  await new Verifier([rootPem]).verify(response, {
    // auth0 takes SessionTranscriptBytes: the transcript wrapped as a tag-24 item.
    encodedSessionTranscript: cborEncode(DataItem.fromBuffer(transcript)),
    onCheck: (check) => checks.push(check as Check),
  });
  return checks;
}

const police = {
  docType: MDL,
  elements: { [MDL_NS]: ['family_name', 'issuing_country', 'portrait', 'birth_date'] },
};

describe('@auth0/mdl reads Civitas mdocs', () => {
  it('verifies issuer signature, chain, digests, country and the device signature of our DeviceResponse', async () => {
    const { credential, pki, holder, now } = await issuedMdl();
    const context = await verificationContext(pki, now, await statusListCwt(pki, now));
    const response = await presentMdoc(credential, police, context.sessionTranscript, holder.sign);
    const checks = await auth0Verify(fromBase64Url(response), context.sessionTranscript, pki.rootPem);
    const failed = checks.filter((check) => check.status === 'FAILED');
    expect(failed).toEqual([]);
    const passed = checks.map((check) => check.check);
    expect(passed).toContain('Issuer signature must be valid');
    expect(passed).toContain('Issuer certificate must be valid');
    expect(passed).toContain('Device signature must be valid');
    expect(passed.filter((check) => check.startsWith('The calculated digest'))).toHaveLength(4);
    expect(passed.some((check) => check.includes("'issuing_country'"))).toBe(true);
  });

  it('refuses the same response with a changed element, and with another session transcript', async () => {
    const { credential, pki, holder, now } = await issuedMdl();
    const context = await verificationContext(pki, now, await statusListCwt(pki, now));
    const response = fromBase64Url(
      await presentMdoc(credential, police, context.sessionTranscript, holder.sign),
    );
    const tampered = Buffer.from(response);
    const at = tampered.indexOf(Buffer.from('Петрова'));
    Buffer.from('Иванова').copy(tampered, at);
    const digestFailures = (await auth0Verify(tampered, context.sessionTranscript, pki.rootPem)).filter(
      (check) => check.status === 'FAILED',
    );
    expect(digestFailures.map((check) => check.check)).toEqual([
      `The calculated digest for ${MDL_NS}/family_name attribute must match the digest in the issuerAuth element`,
    ]);
    const otherTranscript = cborEncode([null, null, ['OpenID4VPHandover', new Uint8Array(32)]]);
    const deviceFailures = (await auth0Verify(response, otherTranscript, pki.rootPem)).filter(
      (check) => check.status === 'FAILED',
    );
    expect(deviceFailures.map((check) => check.check)).toEqual(['Device signature must be valid']);
  });
});

describe('Civitas reads @auth0/mdl mdocs', () => {
  it('accepts a DeviceResponse issued and presented by @auth0/mdl, and refuses it for another request', async () => {
    const { pki, now } = await issuedMdl();
    const deviceKeys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
      'sign',
      'verify',
    ])) as CryptoKeyPair;
    const devicePrivate = { ...(await crypto.subtle.exportKey('jwk', deviceKeys.privateKey)) } as Record<
      string,
      string
    >;
    const { d: _d, ...devicePublic } = devicePrivate;
    const issued = await new Document(MDL)
      .addIssuerNameSpace(MDL_NS, {
        family_name: 'Petrova',
        given_name: 'Maria',
        birth_date: '1990-04-12',
        issuing_country: 'BG',
        portrait: Buffer.from(PORTRAIT),
        driving_privileges: [
          { vehicle_category_code: 'B', issue_date: '2008-05-01', expiry_date: '2034-01-14' },
        ],
      })
      .useDigestAlgorithm('SHA-256')
      .addValidityInfo({ signed: now, validFrom: now, validUntil: new Date(now.getTime() + 86_400_000) })
      .addDeviceKeyInfo({ deviceKey: devicePublic })
      .sign({
        issuerPrivateKey: { ...(await crypto.subtle.exportKey('jwk', pki.privateKey)) } as Record<
          string,
          string
        >,
        issuerCertificate: pki.x5c.map((der) => Buffer.from(fromBase64(der))),
        alg: 'ES256',
      });
    const context = await verificationContext(pki, now, await statusListCwt(pki, now));
    const presented = await DeviceResponse.from(new MDoc([issued]))
      .usingPresentationDefinition({
        id: 'police',
        input_descriptors: [
          {
            id: MDL,
            format: { mso_mdoc: { alg: ['ES256'] } },
            constraints: {
              limit_disclosure: 'required',
              fields: ['family_name', 'birth_date', 'driving_privileges', 'portrait'].map((id) => ({
                path: [`$['${MDL_NS}']['${id}']`],
                intent_to_retain: false,
              })),
            },
          },
        ],
      })
      .usingSessionTranscriptBytes(Buffer.from(cborEncode(DataItem.fromBuffer(context.sessionTranscript))))
      .authenticateWithSignature(devicePrivate, 'ES256')
      .sign();
    const response = toBase64Url(presented.encode());
    const verified = await verifyMdocPresentation(response, context);
    expect(verified.status).toBe('valid');
    expect(verified.claims).toMatchObject({
      [`${MDL_NS}.family_name`]: 'Petrova',
      [`${MDL_NS}.birth_date`]: '1990-04-12',
      [`${MDL_NS}.driving_privileges`]: [
        { vehicle_category_code: 'B', issue_date: '2008-05-01', expiry_date: '2034-01-14' },
      ],
    });
    expect(verified.claims[`${MDL_NS}.given_name`]).toBeUndefined();
    const otherRequest = {
      ...context,
      sessionTranscript: cborEncode([null, null, ['OpenID4VPHandover', new Uint8Array(32)]]),
    };
    await expect(verifyMdocPresentation(response, otherRequest)).rejects.toMatchObject({
      code: 'mdoc-device-signature-invalid',
    });
  });
});
