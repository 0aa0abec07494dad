import type { VerifierCheck } from '@civitas/contracts/api/wallet-verifier.ts';
import type { X509Signer } from '@civitas/wallet/formats.ts';
import { issueMdoc } from '@civitas/wallet/mdoc/issue.ts';
import { presentMdoc } from '@civitas/wallet/mdoc/present.ts';
import { openId4VpSessionTranscript } from '@civitas/wallet/mdoc/session-transcript.ts';
import { createHolder, MDL, MDL_NS, mdlInput, statusListCwt } from '@civitas/wallet/mdoc/test-fixtures.ts';
import { encodeOfflineResponse, OFFLINE_RESPONSE_URI } from '@civitas/wallet/offline/index.ts';
import { issueSdJwtVc } from '@civitas/wallet/sd-jwt/issue.ts';
import { presentSdJwtVc } from '@civitas/wallet/sd-jwt/present.ts';
import { buildStatusListToken } from '@civitas/wallet/status-list/jwt.ts';
import { createTestPki, type TestPki } from '@civitas/wallet/trust/test-pki.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyOfflineResponse } from './offline-verify.ts';

const CLIENT_ID = 'x509_san_dns:patrol.verifiers.civitas.bg';
const NONCE = 'offline-nonce-0123456789';
const SD_STATUS = 'https://civitas.example/wallet/status/sd-1';

async function jwtList(signer: X509Signer, statuses: number[]) {
  return buildStatusListToken({
    uri: SD_STATUS,
    statuses,
    bits: 2,
    issuedAt: Math.floor(Date.now() / 1000),
    signer,
  });
}

/** The offline verifier's check, in the browser's code, of what a wallet shows as a QR code. */
describe('verifying an offline answer with the cached trust', () => {
  let pki: TestPki;

  beforeAll(async () => {
    pki = await createTestPki();
  });

  async function overEighteen(statuses = [0, 0, 0, 0], nonce = NONCE) {
    const holder = await createHolder();
    const now = Math.floor(Date.now() / 1000);
    const credential = await issueSdJwtVc({
      issuer: 'https://civitas.example',
      vct: 'urn:eudi:pid:1',
      claims: { family_name: 'Иванова', age_equal_or_over: { '18': true } },
      disclosable: [['family_name'], ['age_equal_or_over', '18']],
      holder: holder.jwk,
      status: { uri: SD_STATUS, idx: 2 },
      issuedAt: now - 60,
      expiresAt: now + 3600,
      signer: pki.signer,
    });
    const presentation = await presentSdJwtVc(credential, [['age_equal_or_over', '18'], ['family_name']], {
      aud: CLIENT_ID,
      nonce,
      iat: now,
      sign: holder.sign,
    });
    const text = await encodeOfflineResponse({ v: 1, nonce, format: 'dc+sd-jwt', presentation });
    const bundle = {
      clientId: CLIENT_ID,
      trustAnchors: [pki.root],
      statusLists: [{ uri: SD_STATUS, token: await jwtList(pki.signer, statuses) }],
    };
    return { text, bundle };
  }

  const request = (check: VerifierCheck) => ({ nonce: NONCE, check });

  it('passes "over 18" and keeps only the age, though the wallet showed the name too', async () => {
    const { text, bundle } = await overEighteen();
    const outcome = await verifyOfflineResponse(text, request('over-18'), bundle);
    expect(outcome).toEqual({
      kind: 'verified',
      result: expect.objectContaining({
        passed: true,
        claims: [{ key: 'age_equal_or_over.18', value: true }],
        photo: null,
      }),
    });
  });

  it('refuses a revoked credential, an answer to another request, an untrusted issuer and garbage', async () => {
    const revoked = await overEighteen([0, 0, 1, 0]);
    expect(await verifyOfflineResponse(revoked.text, request('over-18'), revoked.bundle)).toEqual({
      kind: 'failed',
      code: 'credential-revoked',
    });
    const other = await overEighteen(undefined, 'another-nonce-0123456789');
    expect(await verifyOfflineResponse(other.text, request('over-18'), other.bundle)).toEqual({
      kind: 'failed',
      code: 'offline-response-mismatch',
    });
    const good = await overEighteen();
    const stranger = await createTestPki();
    expect(
      await verifyOfflineResponse(good.text, request('over-18'), {
        ...good.bundle,
        trustAnchors: [stranger.root],
      }),
    ).toEqual({
      kind: 'failed',
      code: 'issuer-chain-untrusted',
    });
    expect(await verifyOfflineResponse('CIVVP1:%%%', request('over-18'), good.bundle)).toEqual({
      kind: 'failed',
      code: 'offline-payload-invalid',
    });
    expect(await verifyOfflineResponse(good.text, request('driving-licence-b'), good.bundle)).toEqual({
      kind: 'failed',
      code: 'credential-type-unexpected',
    });
  });

  it('checks an mDL offline over the offline session transcript, with a cached CWT list as base64url', async () => {
    const holder = await createHolder();
    const credential = await issueMdoc(mdlInput(pki, holder, new Date()));
    const transcript = await openId4VpSessionTranscript({
      clientId: CLIENT_ID,
      nonce: NONCE,
      responseUri: OFFLINE_RESPONSE_URI,
      jwkThumbprint: null,
    });
    const elements = ['family_name', 'given_name', 'portrait', 'expiry_date', 'driving_privileges'];
    const presentation = await presentMdoc(
      credential,
      { docType: MDL, elements: { [MDL_NS]: elements } },
      transcript,
      holder.sign,
    );
    const text = await encodeOfflineResponse({ v: 1, nonce: NONCE, format: 'mso_mdoc', presentation });
    const cwt = await statusListCwt(pki, new Date());
    const bundle = {
      clientId: CLIENT_ID,
      trustAnchors: [pki.root],
      statusLists: [
        {
          uri: 'https://civitas.example/wallet/status/mdoc-1',
          token: Buffer.from(cwt).toString('base64url'),
        },
      ],
    };
    const outcome = await verifyOfflineResponse(text, request('driving-licence-b'), bundle);
    expect(outcome).toMatchObject({ kind: 'verified' });
    if (outcome.kind !== 'verified') return;
    expect(outcome.result.passed).toBe(true);
    expect(outcome.result.photo).toMatch(/^data:image\/jpeg;base64,/);
    const privileges = outcome.result.claims.find((claim) => claim.key === `${MDL_NS}.driving_privileges`);
    const categories = privileges?.value as Array<{ vehicle_category_code: string }> | undefined;
    expect(categories?.[0]?.vehicle_category_code).toBe('B');
    const elsewhere = await verifyOfflineResponse(text, request('driving-licence-b'), {
      ...bundle,
      clientId: 'x509_san_dns:desk.verifiers.civitas.bg',
    });
    expect(elsewhere.kind === 'failed' && elsewhere.code).toMatch(
      /^mdoc-(session-transcript-mismatch|device-signature-invalid)$/,
    );
  });
});
