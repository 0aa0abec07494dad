/**
 * Reads an issued mdoc for the wallet's card (no verification: the wallet checked it on receipt):
 * its type, validity, status reference and every element as plain data (portrait as a data: URL).
 */
import type { StatusReference } from '../formats.ts';
import { fromBase64Url } from './crypto.ts';
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
  };
}
