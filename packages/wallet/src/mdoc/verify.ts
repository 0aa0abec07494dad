/**
 * The verifier's side: checks an mdoc DeviceResponse step by step, each failure with its own
 * code — structure, docType, issuer chain and signature, validity, element digests, the device
 * signature over this request's session transcript, and the Token Status List (CWT) entry.
 */
import { WalletVerificationError } from '../errors.ts';
import type { CredentialStatus, VerificationContext, VerifiedCredential } from '../formats.ts';
import type { WebCryptoKey } from '../trust/jws.ts';
import { type VerifiedChain, verifyCertificateChain } from '../trust/x5c.ts';
import { fetchStatus } from './check-status.ts';
import {
  COSE_ALG_ES256,
  COSE_HEADER,
  coseHeader,
  type Sign1Parts,
  sign1Parts,
  sign1ToBeSigned,
  x5chainOf,
} from './cose.ts';
import {
  bytesKey,
  fromBase64Url,
  importPublicJwk,
  jwkFromCoseKeyMap,
  sha256,
  toBase64,
  verifyEs256,
} from './crypto.ts';
import { deviceAuthenticationBytes } from './device-authentication.ts';
import {
  decodeCbor,
  type IssuerSignedParts,
  issuerSignedItem,
  issuerSignedParts,
  isTaggedItem,
  MAX_MDOC_BYTES,
  type MsoParts,
  msoParts,
  retag,
  type TaggedItem,
} from './structure.ts';
import { fromElementValue } from './values.ts';

export interface MdocVerificationContext extends VerificationContext {
  /** The SessionTranscript bytes of this request (see `openId4VpSessionTranscript`). */
  sessionTranscript: Uint8Array;
}

interface PresentedDocument {
  docType: string;
  issuerSigned: IssuerSignedParts;
  deviceSigned: Map<unknown, unknown>;
}

/** base64url of the largest DeviceResponse accepted (`MAX_MDOC_BYTES`). */
const MAX_RESPONSE_CHARS = Math.ceil((MAX_MDOC_BYTES * 4) / 3);

/** Tolerated clock difference for `validFrom` (a credential issued a moment ago on a faster clock). */
const SKEW_MS = 60_000;

/** Untrusted text in a detail (which may be logged): short, without control characters. */
const printable = (text: string): string => JSON.stringify(text.slice(0, 80));

const fail = (code: ConstructorParameters<typeof WalletVerificationError>[0], detail: string): never => {
  throw new WalletVerificationError(code, detail);
};

export async function verifyMdocPresentation(
  deviceResponse: string,
  context: MdocVerificationContext,
): Promise<VerifiedCredential> {
  const document = presentedDocument(deviceResponse);
  if (!context.acceptedTypes.includes(document.docType)) {
    fail('credential-type-unexpected', `a ${printable(document.docType)} is not what was asked for`);
  }
  const issuerAuth = document.issuerSigned.issuerAuth;
  const chain = await checkIssuerSignature(issuerAuth, context);
  const mso = msoParts(issuerAuth) ?? fail('credential-malformed', 'the MSO is malformed');
  if (mso.docType !== document.docType)
    fail('credential-malformed', 'the document and its MSO differ in docType');
  checkValidity(mso, chain, context.now);
  const claims = await checkDigests(document.issuerSigned.nameSpaces, mso);
  checkIssuingCountry(claims, chain);
  await checkDeviceSignature(document, mso, context.sessionTranscript);
  const status: CredentialStatus = mso.status ? await fetchStatus(mso.status, context) : 'valid';
  return {
    format: 'mso_mdoc',
    type: mso.docType,
    issuer: chain.subject,
    claims,
    validFrom: mso.validity.validFrom,
    validUntil: mso.validity.validUntil,
    status,
  };
}

function presentedDocument(deviceResponse: string): PresentedDocument {
  if (typeof deviceResponse !== 'string' || deviceResponse.length > MAX_RESPONSE_CHARS) {
    fail('credential-malformed', 'the DeviceResponse is missing or too large');
  }
  let bytes: Uint8Array = new Uint8Array(0);
  try {
    bytes = fromBase64Url(deviceResponse);
  } catch {
    fail('credential-malformed', 'the DeviceResponse is not base64url');
  }
  const response = decodeCbor(bytes);
  if (!(response instanceof Map)) return fail('credential-malformed', 'the DeviceResponse is not CBOR');
  const documents = response.get('documents');
  if (response.get('status') !== 0)
    fail('credential-malformed', 'the DeviceResponse reports an error status');
  if (!Array.isArray(documents) || documents.length !== 1) {
    fail('credential-malformed', 'the DeviceResponse must hold exactly one document');
  }
  const document = documents[0];
  const docType = document instanceof Map ? document.get('docType') : undefined;
  const issuerSigned = document instanceof Map ? issuerSignedParts(document.get('issuerSigned')) : null;
  const deviceSigned = document instanceof Map ? document.get('deviceSigned') : undefined;
  if (typeof docType !== 'string' || !issuerSigned || !(deviceSigned instanceof Map)) {
    return fail('credential-malformed', 'the document lacks docType, issuerSigned or deviceSigned');
  }
  return { docType, issuerSigned, deviceSigned };
}

async function checkIssuerSignature(
  issuerAuth: Sign1Parts,
  context: VerificationContext,
): Promise<VerifiedChain> {
  const x5chain = x5chainOf(issuerAuth) ?? fail('credential-malformed', 'issuerAuth has no x5chain');
  const chain = await verifyCertificateChain(x5chain.map(certificateText), context.trustAnchors, context.now);
  if (issuerAuth.protectedHeaders.get(COSE_HEADER.alg) !== COSE_ALG_ES256) {
    fail('issuer-signature-invalid', 'issuerAuth is not signed with ES256');
  }
  const payload = issuerAuth.payload ?? fail('credential-malformed', 'issuerAuth has no payload');
  const toBeSigned = sign1ToBeSigned(issuerAuth.protectedBytes, payload);
  if (!(await verifyEs256(chain.publicKey, issuerAuth.signature, toBeSigned))) {
    fail('issuer-signature-invalid', "the issuer's signature over the MSO does not verify");
  }
  return chain;
}

function checkValidity(mso: MsoParts, chain: VerifiedChain, now: Date): void {
  const { signed, validFrom, validUntil } = mso.validity;
  if (signed < chain.notBefore || signed > chain.notAfter) {
    fail('issuer-certificate-expired', "the MSO was signed outside its certificate's validity");
  }
  if (now.getTime() + SKEW_MS < validFrom.getTime())
    fail('credential-not-yet-valid', 'the mdoc is not valid yet');
  if (now > validUntil) fail('credential-expired', 'the mdoc has expired');
}

/** Every presented element must hash to the digest the issuer signed under its ID, once. */
async function checkDigests(
  nameSpaces: Map<string, TaggedItem[]>,
  mso: MsoParts,
): Promise<Record<string, unknown>> {
  if (mso.digestAlgorithm !== 'SHA-256')
    fail('credential-malformed', 'the MSO digest algorithm is not SHA-256');
  const claims: Record<string, unknown> = {};
  for (const [namespace, items] of nameSpaces) {
    const expected = mso.valueDigests.get(namespace);
    const seen = new Set<number>();
    for (const item of items) {
      const parsed =
        issuerSignedItem(item) ??
        fail('credential-malformed', `an item in ${printable(namespace)} is malformed`);
      const key = `${namespace}.${parsed.elementIdentifier}`;
      if (seen.has(parsed.digestId) || key in claims)
        fail('disclosure-duplicate', `${printable(key)} is presented twice`);
      seen.add(parsed.digestId);
      const digest = expected?.get(parsed.digestId);
      if (!digest || !equalBytes(digest, sha256(parsed.taggedBytes))) {
        fail('mdoc-digest-mismatch', `${printable(key)} does not match the digest the issuer signed`);
      }
      claims[key] = fromElementValue(parsed.elementValue);
    }
  }
  return claims;
}

/** ISO 18013-5 §9.3.1: a disclosed `issuing_country` must be the issuer certificate's country. */
function checkIssuingCountry(claims: Record<string, unknown>, chain: VerifiedChain): void {
  for (const [key, value] of Object.entries(claims)) {
    if (!key.endsWith('.issuing_country') || chain.subject.country === null) continue;
    if (value !== chain.subject.country) {
      fail('issuer-chain-untrusted', `${printable(key)} is not the issuer certificate's country`);
    }
  }
}

async function checkDeviceSignature(document: PresentedDocument, mso: MsoParts, transcript: Uint8Array) {
  const deviceAuth = document.deviceSigned.get('deviceAuth');
  const nameSpaces = document.deviceSigned.get('nameSpaces');
  const signature = deviceAuth instanceof Map ? sign1Parts(deviceAuth.get('deviceSignature')) : null;
  if (!signature) return fail('mdoc-device-signature-invalid', 'no device signature (a MAC is not accepted)');
  if (!isTaggedItem(nameSpaces))
    return fail('credential-malformed', 'deviceSigned nameSpaces is not a tagged item');
  if (coseHeader(signature, COSE_HEADER.alg) !== COSE_ALG_ES256) {
    fail('mdoc-device-signature-invalid', 'the device signature is not ES256');
  }
  const expected = deviceAuthenticationBytes(transcript, document.docType, retag(nameSpaces));
  if (signature.payload !== null && !equalBytes(signature.payload, expected)) {
    fail('mdoc-session-transcript-mismatch', 'the device signed another session transcript');
  }
  const jwk =
    jwkFromCoseKeyMap(mso.deviceKey) ?? fail('credential-malformed', 'the MSO device key is not P-256');
  let key: WebCryptoKey;
  try {
    key = await importPublicJwk(jwk);
  } catch {
    return fail('credential-malformed', 'the MSO device key is not a valid P-256 point');
  }
  if (!(await verifyEs256(key, signature.signature, sign1ToBeSigned(signature.protectedBytes, expected)))) {
    fail('mdoc-device-signature-invalid', 'the device signature does not verify over this request');
  }
}

const certificateTexts = new Map<string, string>();

/** A certificate's base64 for `verifyCertificateChain`, remembered: the same few issuers sign everything. */
function certificateText(der: Uint8Array): string {
  const key = bytesKey(der);
  let text = certificateTexts.get(key);
  if (text === undefined) {
    if (certificateTexts.size >= 256) certificateTexts.clear();
    text = toBase64(der);
    certificateTexts.set(key, text);
  }
  return text;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}
