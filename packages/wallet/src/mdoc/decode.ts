/**
 * Reads an issued mdoc for the wallet's card (no verification: the wallet checked it on receipt):
 * its type, validity, status reference and every element as plain data (portrait as a data: URL).
 */
import type { PublicJwk, StatusReference } from '../formats.ts';
import { type CertificateSubject, parseCertificate } from '../trust/x5c.ts';
import { x5chainOf } from './cose.ts';
import { fromBase64Url, jwkFromCoseKeyMap, toBase64 } from './crypto.ts';
import { decodeCbor, issuerSignedItem, issuerSignedParts, msoParts } from './structure.ts';
import { fromElementValue } from './values.ts';

export interface DecodedMdoc {
  docType: string;
  /** Element values keyed `namespace.element`. */
  claims: Record<string, unknown>;
  signedAt: Date;
  validFrom: Date;
  validUntil: Date;
  status: StatusReference | null;
  /** The issuer's certificate subject (unverified: for display). */
  issuer: CertificateSubject | null;
  /** The device key the credential is bound to (each copy of a batch has its own). */
  deviceKey: PublicJwk | null;
}

export function decodeMdoc(issuerSigned: string): DecodedMdoc {
  let bytes: Uint8Array;
  try {
    bytes = fromBase64Url(issuerSigned);
  } catch {
    throw new TypeError('an mdoc credential is base64url');
  }
  const parts = issuerSignedParts(decodeCbor(bytes));
  const mso = parts && msoParts(parts.issuerAuth);
  if (!parts || !mso) throw new TypeError('not an mdoc IssuerSigned structure');
  const claims: Record<string, unknown> = {};
  for (const [namespace, items] of parts.nameSpaces) {
    for (const item of items) {
      const parsed = issuerSignedItem(item);
      if (parsed) claims[`${namespace}.${parsed.elementIdentifier}`] = fromElementValue(parsed.elementValue);
    }
  }
  return {
    docType: mso.docType,
    claims,
    signedAt: mso.validity.signed,
    validFrom: mso.validity.validFrom,
    validUntil: mso.validity.validUntil,
    status: mso.status,
    issuer: issuerOf(x5chainOf(parts.issuerAuth)?.[0]),
    deviceKey: jwkFromCoseKeyMap(mso.deviceKey),
  };
}

function issuerOf(certificate: Uint8Array | undefined): CertificateSubject | null {
  if (!certificate) return null;
  try {
    const subject = parseCertificate(toBase64(certificate)).subjectName;
    const name = subject.getField('O')[0] ?? subject.getField('CN')[0] ?? '';
    return { name, country: subject.getField('C')[0] ?? null };
  } catch {
    return null;
  }
}
