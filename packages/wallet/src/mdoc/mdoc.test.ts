import { cborDecode } from '@owf/mdoc';
import { describe, expect, it } from 'vitest';
import { WalletVerificationError } from '../errors.ts';
import { fromBase64Url } from './crypto.ts';
import { issueMdoc } from './issue.ts';
import { decodeMdoc, openId4VpSessionTranscript, presentMdoc } from './present.ts';
import {
  DAY,
  issuedMdl,
  MDL,
  MDL_NS,
  mdlInput,
  PORTRAIT,
  REQUEST,
  STATUS_URI,
  statusListCwt,
  verificationContext,
} from './test-fixtures.ts';
import { verifyMdocPresentation } from './verify.ts';

const police = { docType: MDL, elements: { [MDL_NS]: ['family_name', 'portrait', 'driving_privileges'] } };

async function expectCode(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WalletVerificationError);
  expect((error as WalletVerificationError).code).toBe(code);
}

describe('issueMdoc and decodeMdoc', () => {
  it('issues an IssuerSigned whose MSO carries the status reference, device key with alg and x5chain', async () => {
    const { credential, pki, holder } = await issuedMdl();
    const issuerSigned = cborDecode(fromBase64Url(credential), { unwrapTopLevelDataItem: false }) as Map<
      string,
      unknown
    >;
    const issuerAuth = issuerSigned.get('issuerAuth') as [
      Uint8Array,
      Map<number, unknown>,
      Uint8Array,
      Uint8Array,
    ];
    expect(issuerAuth[1].get(33)).toEqual(
      fromBase64Url(pki.x5c[0]!.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')),
    );
    const mso = (cborDecode(issuerAuth[2]) as Map<string, unknown>) ?? new Map();
    expect(mso.get('docType')).toBe(MDL);
    expect(mso.get('status')).toEqual(
      new Map([
        [
          'status_list',
          new Map<string, unknown>([
            ['idx', 7],
            ['uri', STATUS_URI],
          ]),
        ],
      ]),
    );
    const deviceKey = (mso.get('deviceKeyInfo') as Map<string, Map<number, unknown>>).get('deviceKey')!;
    expect(deviceKey.get(3)).toBe(-7);
    expect(deviceKey.get(-2)).toEqual(fromBase64Url(holder.jwk.x));
  });

  it('decodes the card: dates as full-date strings, portrait as a data URL, privileges as objects', async () => {
    const { credential, holder } = await issuedMdl();
    const card = decodeMdoc(credential);
    expect(card.docType).toBe(MDL);
    expect(card.issuer).toEqual({ name: 'Civitas Test Issuer', country: 'BG' });
    expect(card.deviceKey).toEqual(holder.jwk);
    expect(card.status).toEqual({ uri: STATUS_URI, idx: 7 });
    expect(card.claims[`${MDL_NS}.birth_date`]).toBe('1990-04-12');
    expect(card.claims[`${MDL_NS}.family_name`]).toBe('Петрова');
    expect(card.claims[`${MDL_NS}.portrait`]).toMatch(/^data:image\/jpeg;base64,/);
    expect(card.claims[`${MDL_NS}.driving_privileges`]).toEqual([
      { vehicle_category_code: 'B', issue_date: '2008-05-01', expiry_date: '2034-01-14' },
      {
        vehicle_category_code: 'AM',
        issue_date: '2006-03-01',
        expiry_date: '2034-01-14',
        codes: [{ code: '01.06' }],
      },
    ]);
  });

  it('stores birth_date as tag 1004 full-date and the portrait as bytes', async () => {
    const { credential } = await issuedMdl();
    const raw = fromBase64Url(credential);
    const hex = Buffer.from(raw).toString('hex');
    // tag 1004 = 0xd9 0x03ec followed by the 10-character text string "1990-04-12"
    expect(hex).toContain(`d903ec6a${Buffer.from('1990-04-12').toString('hex')}`);
    expect(hex).toContain(Buffer.from(PORTRAIT).toString('hex'));
  });

  it('refuses control characters and non-identifiers in the input', async () => {
    const { pki, holder } = await issuedMdl();
    const now = new Date();
    const bad = mdlInput(pki, holder, now, { namespaces: { [MDL_NS]: { family_name: 'Pe\u0000trova' } } });
    await expect(issueMdoc(bad)).rejects.toThrow(/control characters/);
    const badName = mdlInput(pki, holder, now, { namespaces: { 'bad namespace': { a: 1 } } });
    await expect(issueMdoc(badName)).rejects.toThrow(/identifier/);
  });
});

describe('presentMdoc and verifyMdocPresentation', () => {
  it('discloses only the chosen elements and verifies end to end', async () => {
    const { credential, pki, holder, now } = await issuedMdl();
    const context = await verificationContext(pki, now, await statusListCwt(pki, now));
    const response = await presentMdoc(credential, police, context.sessionTranscript, holder.sign);
    const verified = await verifyMdocPresentation(response, context);
    expect(verified.format).toBe('mso_mdoc');
    expect(verified.type).toBe(MDL);
    expect(verified.status).toBe('valid');
    expect(verified.issuer).toEqual({ name: 'Civitas Test Issuer', country: 'BG' });
    expect(Object.keys(verified.claims).sort()).toEqual(
      [`${MDL_NS}.driving_privileges`, `${MDL_NS}.family_name`, `${MDL_NS}.portrait`].sort(),
    );
    expect(verified.claims[`${MDL_NS}.portrait`]).toMatch(/^data:image\/jpeg;base64,/);
    expect(JSON.stringify(verified.claims)).not.toContain('1990-04-12');
  });

  it('refuses a response made for another request (other nonce)', async () => {
    const { credential, pki, holder, now } = await issuedMdl();
    const context = await verificationContext(pki, now, await statusListCwt(pki, now));
    const other = await openId4VpSessionTranscript({ ...REQUEST, nonce: 'another-nonce' });
    const response = await presentMdoc(credential, police, other, holder.sign);
    await expectCode(verifyMdocPresentation(response, context), 'mdoc-device-signature-invalid');
  });

  it('refuses a response signed by a key other than the MSO device key', async () => {
    const { credential, pki, now } = await issuedMdl();
    const { holder: thief } = await issuedMdl();
    const context = await verificationContext(pki, now, await statusListCwt(pki, now));
    const response = await presentMdoc(credential, police, context.sessionTranscript, thief.sign);
    await expectCode(verifyMdocPresentation(response, context), 'mdoc-device-signature-invalid');
  });

  it('refuses an element whose value was changed after issuance', async () => {
    const { credential, pki, holder, now } = await issuedMdl();
    const context = await verificationContext(pki, now, await statusListCwt(pki, now));
    const response = await presentMdoc(credential, police, context.sessionTranscript, holder.sign);
    const tampered = retext(response, 'Петрова', 'Иванова');
    await expectCode(verifyMdocPresentation(tampered, context), 'mdoc-digest-mismatch');
  });

  it('refuses an untrusted issuer, another docType, a revoked or suspended mdoc', async () => {
    const { credential, pki, holder, now } = await issuedMdl();
    const { pki: stranger } = await issuedMdl();
    const base = await verificationContext(pki, now, await statusListCwt(pki, now));
    const response = await presentMdoc(credential, police, base.sessionTranscript, holder.sign);
    await expectCode(
      verifyMdocPresentation(response, { ...base, trustAnchors: [stranger.root] }),
      'issuer-chain-untrusted',
    );
    await expectCode(
      verifyMdocPresentation(response, { ...base, acceptedTypes: ['eu.europa.ec.eudi.pid.1'] }),
      'credential-type-unexpected',
    );
    const revoked = await statusListCwt(pki, now, { 7: 1 });
    await expectCode(
      verifyMdocPresentation(response, { ...base, statusList: async () => revoked }),
      'credential-revoked',
    );
    const suspended = await statusListCwt(pki, now, { 7: 2 });
    await expectCode(
      verifyMdocPresentation(response, { ...base, statusList: async () => suspended }),
      'credential-suspended',
    );
    const foreignList = await statusListCwt(stranger, now);
    await expectCode(
      verifyMdocPresentation(response, { ...base, statusList: async () => foreignList }),
      'status-list-unavailable',
    );
  });

  it('refuses an mdoc before its validFrom and after its validUntil', async () => {
    const { pki, holder, now } = await issuedMdl();
    const shortLived = await issueMdoc(
      mdlInput(pki, holder, now, { validUntil: new Date(now.getTime() + 30 * DAY) }),
    );
    const context = await verificationContext(pki, now, await statusListCwt(pki, now));
    const response = await presentMdoc(shortLived, police, context.sessionTranscript, holder.sign);
    const later = new Date(now.getTime() + 31 * DAY);
    const statusLater = await statusListCwt(pki, later);
    await expectCode(
      verifyMdocPresentation(response, { ...context, now: later, statusList: async () => statusLater }),
      'credential-expired',
    );
    const earlier = new Date(now.getTime() - 10 * 60 * 1000);
    await expectCode(
      verifyMdocPresentation(response, { ...context, now: earlier }),
      'credential-not-yet-valid',
    );
  });

  it('issues, presents and verifies a PID mdoc with age attestations, only age_over_18 disclosed', async () => {
    const { pki, holder, now } = await issuedMdl();
    const PID = 'eu.europa.ec.eudi.pid.1';
    const credential = await issueMdoc(
      mdlInput(pki, holder, now, {
        doctype: PID,
        namespaces: {
          [PID]: {
            family_name: 'Петрова',
            given_name: 'Мария',
            birth_date: '1990-04-12',
            nationality: ['BG'],
            age_over_18: true,
            age_over_21: true,
            age_in_years: 36,
            issuing_country: 'BG',
          },
        },
      }),
    );
    const context = await verificationContext(pki, now, await statusListCwt(pki, now));
    const shop = { ...context, acceptedTypes: [PID] };
    const response = await presentMdoc(
      credential,
      { docType: PID, elements: { [PID]: ['age_over_18'] } },
      shop.sessionTranscript,
      holder.sign,
    );
    const verified = await verifyMdocPresentation(response, shop);
    expect(verified.claims).toEqual({ [`${PID}.age_over_18`]: true });
    await expect(
      presentMdoc(credential, { docType: MDL, elements: {} }, shop.sessionTranscript, holder.sign),
    ).rejects.toThrow(/not a org\.iso/);
  });

  it('refuses garbage as credential-malformed', async () => {
    const { pki, now } = await issuedMdl();
    const context = await verificationContext(pki, now, await statusListCwt(pki, now));
    for (const garbage of ['', 'not base64!', 'oWFhAQ', 'A'.repeat(1000)]) {
      await expectCode(verifyMdocPresentation(garbage, context), 'credential-malformed');
    }
  });
});

/** Replaces a UTF-8 string of the same byte length inside the CBOR (the digest no longer matches). */
function retext(response: string, from: string, to: string): string {
  const bytes = Buffer.from(fromBase64Url(response));
  const at = bytes.indexOf(Buffer.from(from));
  expect(at).toBeGreaterThan(0);
  Buffer.from(to).copy(bytes, at);
  return bytes.toString('base64url');
}
