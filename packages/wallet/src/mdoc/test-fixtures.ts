/**
 * Shared by the mdoc tests and the bench: a test PKI, a holder device key, an mDL issued the way the
 * Civitas issuer issues it, its CWT status list, and a verification context for one request.
 */
import type { IssueMdocInput, PublicJwk } from '../formats.ts';
import { buildStatusListCwt } from '../status-list/cwt.ts';
import type { WebCryptoKey } from '../trust/jws.ts';
import { createTestPki, type TestPki } from '../trust/test-pki.ts';
import { issueMdoc } from './issue.ts';
import { openId4VpSessionTranscript } from './session-transcript.ts';
import type { MdocVerificationContext } from './verify.ts';

export const MDL = 'org.iso.18013.5.1.mDL';
export const MDL_NS = 'org.iso.18013.5.1';
export const STATUS_URI = 'https://civitas.example/wallet/status/mdoc-1';
export const DAY = 24 * 60 * 60 * 1000;

/** A tiny but real JPEG header + payload: enough for a verifier to recognise a portrait. */
export const PORTRAIT = Uint8Array.from([
  0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9,
]);

export interface Holder {
  jwk: PublicJwk;
  sign(data: Uint8Array): Promise<Uint8Array>;
}

export async function createHolder(): Promise<Holder> {
  const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
    'sign',
    'verify',
  ])) as { publicKey: WebCryptoKey; privateKey: WebCryptoKey };
  const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', keys.publicKey);
  return {
    jwk: { kty: kty as 'EC', crv: crv as 'P-256', x: x!, y: y! },
    sign: async (data) =>
      new Uint8Array(
        await crypto.subtle.sign(
          { name: 'ECDSA', hash: 'SHA-256' },
          keys.privateKey,
          data as Uint8Array<ArrayBuffer>,
        ),
      ),
  };
}

export function mdlInput(
  pki: TestPki,
  holder: Holder,
  now: Date,
  overrides: Partial<IssueMdocInput> = {},
): IssueMdocInput {
  return {
    doctype: MDL,
    namespaces: {
      [MDL_NS]: {
        family_name: 'Петрова',
        given_name: 'Мария',
        birth_date: '1990-04-12',
        issue_date: '2024-01-15',
        expiry_date: '2034-01-14',
        issuing_country: 'BG',
        issuing_authority: 'МВР',
        document_number: 'B1234567',
        portrait: PORTRAIT,
        driving_privileges: [
          { vehicle_category_code: 'B', issue_date: '2008-05-01', expiry_date: '2034-01-14' },
          {
            vehicle_category_code: 'AM',
            issue_date: '2006-03-01',
            expiry_date: '2034-01-14',
            codes: [{ code: '01.06' }],
          },
        ],
        un_distinguishing_sign: 'BG',
        age_over_18: true,
      },
    },
    holder: holder.jwk,
    status: { uri: STATUS_URI, idx: 7 },
    signedAt: now,
    validFrom: now,
    validUntil: new Date(now.getTime() + 365 * DAY),
    signer: pki.signer,
    ...overrides,
  };
}

export async function statusListCwt(pki: TestPki, now: Date, statuses: Record<number, number> = {}) {
  const list = new Array<number>(64).fill(0);
  for (const [idx, status] of Object.entries(statuses)) list[Number(idx)] = status;
  return buildStatusListCwt({
    uri: STATUS_URI,
    statuses: list,
    bits: 2,
    issuedAt: Math.floor(now.getTime() / 1000),
    expiresAt: Math.floor(now.getTime() / 1000) + 86_400,
    ttl: 300,
    signer: pki.signer,
  });
}

export const REQUEST = {
  clientId: 'x509_san_dns:police.civitas.example',
  nonce: 'n-0S6_WzA2Mj',
  jwkThumbprint: null,
  responseUri: 'https://police.civitas.example/wallet/response',
} as const;

export async function verificationContext(
  pki: TestPki,
  now: Date,
  statusToken: Uint8Array,
): Promise<MdocVerificationContext> {
  return {
    trustAnchors: [pki.root],
    now,
    nonce: REQUEST.nonce,
    audience: REQUEST.clientId,
    acceptedTypes: [MDL],
    statusList: async (uri) => {
      if (uri !== STATUS_URI) throw new Error('unknown list');
      return statusToken;
    },
    sessionTranscript: await openId4VpSessionTranscript(REQUEST),
  };
}

export async function issuedMdl(now = new Date()) {
  const pki = await createTestPki({ now });
  const holder = await createHolder();
  const credential = await issueMdoc(mdlInput(pki, holder, now));
  return { pki, holder, credential, now };
}
