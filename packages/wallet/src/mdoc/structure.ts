/**
 * Reads IssuerSigned, the MSO and IssuerSignedItems straight from CBOR, keeping every tag-24 item's
 * original bytes: digests are computed over what the issuer signed, not over a re-encoding (which
 * another implementation might have produced differently).
 */
import { cborDecode, cborEncode, DataItem } from '@owf/mdoc';
import { type Sign1Parts, sign1Parts } from './cose.ts';

export interface IssuerSignedItemParts {
  digestId: number;
  elementIdentifier: string;
  elementValue: unknown;
  /** `#6.24(bstr)` exactly as received: the digest input. */
  taggedBytes: Uint8Array;
}

export interface MsoParts {
  docType: string;
  digestAlgorithm: string;
  valueDigests: Map<string, Map<number, Uint8Array>>;
  deviceKey: unknown;
  validity: { signed: Date; validFrom: Date; validUntil: Date };
  status: { idx: number; uri: string } | null;
}

/**
 * A tag-24 item as decoded. Not `instanceof DataItem`: cbor-x keeps one global tag table, and another
 * COSE library loaded in the same process (`@owf/cose`) registers its own DataItem class for tag 24.
 */
export interface TaggedItem {
  buffer: Uint8Array;
}

export function isTaggedItem(value: unknown): value is TaggedItem {
  return (
    typeof value === 'object' && value !== null && 'buffer' in value && value.buffer instanceof Uint8Array
  );
}

/** The item re-tagged with `@owf/mdoc`'s class: encodes to `#6.24(bstr)` with the same bytes. */
export function retag(item: TaggedItem): DataItem {
  return DataItem.fromBuffer(item.buffer);
}

export interface IssuerSignedParts {
  nameSpaces: Map<string, TaggedItem[]>;
  /** The COSE_Sign1 as decoded (re-encodes to the same bytes). */
  issuerAuthRaw: unknown[];
  issuerAuth: Sign1Parts;
}

export const MAX_MDOC_BYTES = 512 * 1024;

export function decodeCbor(bytes: Uint8Array): unknown {
  if (bytes.length === 0 || bytes.length > MAX_MDOC_BYTES) return undefined;
  try {
    return cborDecode(bytes, { unwrapTopLevelDataItem: false });
  } catch {
    return undefined;
  }
}

export function issuerSignedParts(value: unknown): IssuerSignedParts | null {
  if (!(value instanceof Map)) return null;
  const nameSpaces = value.get('nameSpaces');
  const issuerAuthRaw = value.get('issuerAuth');
  const issuerAuth = sign1Parts(issuerAuthRaw);
  if (!issuerAuth || !Array.isArray(issuerAuthRaw)) return null;
  if (nameSpaces === undefined) return { nameSpaces: new Map(), issuerAuthRaw, issuerAuth };
  if (!(nameSpaces instanceof Map)) return null;
  for (const [namespace, items] of nameSpaces) {
    if (typeof namespace !== 'string' || !Array.isArray(items)) return null;
    if (!items.every(isTaggedItem)) return null;
  }
  return { nameSpaces: nameSpaces as Map<string, TaggedItem[]>, issuerAuthRaw, issuerAuth };
}

export function issuerSignedItem(item: TaggedItem): IssuerSignedItemParts | null {
  const map = decodeCbor(item.buffer);
  if (!(map instanceof Map)) return null;
  const digestId = map.get('digestID');
  const elementIdentifier = map.get('elementIdentifier');
  const random = map.get('random');
  if (!Number.isSafeInteger(digestId) || digestId < 0 || typeof elementIdentifier !== 'string') return null;
  if (!(random instanceof Uint8Array) || random.length < 16 || !map.has('elementValue')) return null;
  return {
    digestId,
    elementIdentifier,
    elementValue: map.get('elementValue'),
    taggedBytes: cborEncode(item),
  };
}

/** The MSO inside issuerAuth's payload (`#6.24(bstr .cbor MobileSecurityObject)`). */
export function msoParts(issuerAuth: Sign1Parts): MsoParts | null {
  if (!issuerAuth.payload) return null;
  const tagged = decodeCbor(issuerAuth.payload);
  const mso = isTaggedItem(tagged) ? decodeCbor(tagged.buffer) : undefined;
  if (!(mso instanceof Map)) return null;
  const docType = mso.get('docType');
  const digestAlgorithm = mso.get('digestAlgorithm');
  const valueDigests = digestsOf(mso.get('valueDigests'));
  const validity = validityOf(mso.get('validityInfo'));
  const deviceKeyInfo = mso.get('deviceKeyInfo');
  if (typeof docType !== 'string' || typeof digestAlgorithm !== 'string' || !valueDigests || !validity)
    return null;
  if (!(deviceKeyInfo instanceof Map)) return null;
  const status = statusOf(mso.get('status'));
  if (status === undefined) return null;
  return {
    docType,
    digestAlgorithm,
    valueDigests,
    deviceKey: deviceKeyInfo.get('deviceKey'),
    validity,
    status,
  };
}

function digestsOf(value: unknown): Map<string, Map<number, Uint8Array>> | null {
  if (!(value instanceof Map)) return null;
  for (const [namespace, digests] of value) {
    if (typeof namespace !== 'string' || !(digests instanceof Map)) return null;
    for (const [id, digest] of digests) {
      if (!Number.isSafeInteger(id) || !(digest instanceof Uint8Array)) return null;
    }
  }
  return value as Map<string, Map<number, Uint8Array>>;
}

function validityOf(value: unknown): MsoParts['validity'] | null {
  if (!(value instanceof Map)) return null;
  const [signed, validFrom, validUntil] = ['signed', 'validFrom', 'validUntil'].map((key) => value.get(key));
  const dates = [signed, validFrom, validUntil];
  if (!dates.every((date) => date instanceof Date && !Number.isNaN(date.getTime()))) return null;
  return { signed: signed as Date, validFrom: validFrom as Date, validUntil: validUntil as Date };
}

/** null when the MSO has no status; undefined when it has a malformed one. */
function statusOf(value: unknown): MsoParts['status'] | undefined {
  if (value === undefined) return null;
  const list = value instanceof Map ? value.get('status_list') : undefined;
  if (!(list instanceof Map)) return undefined;
  const idx = list.get('idx');
  const uri = list.get('uri');
  if (!Number.isSafeInteger(idx) || idx < 0 || typeof uri !== 'string' || uri.length === 0) return undefined;
  return { idx, uri };
}
