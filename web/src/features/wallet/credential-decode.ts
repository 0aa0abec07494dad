/**
 * Reads an issued credential for the wallet's cards: its claims, expiry and status reference.
 * SD-JWT VC: the issuer JWT's payload with each disclosure put back where its digest is (a
 * disclosure no digest references is dropped); mdoc: the IssuerSigned structure's elements and
 * the MSO's validity. The verifier, not the wallet, checks the issuer's signature.
 */
import type { StatusReference } from '@civitas/wallet/formats.ts';
import { base64UrlToJson, fromBase64Url, toBase64Url, utf8 } from './base64url.ts';
import { CborTag, decodeCbor } from './cbor-read.ts';

export interface DecodedCredential {
  /** SD-JWT VC: the credential's JSON; mdoc: namespace → element identifier → value. */
  claims: Record<string, unknown>;
  /** vct or doctype. */
  type: string;
  validUntil: string | null;
  status: StatusReference | null;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

async function digestsOf(disclosures: readonly string[]): Promise<Map<string, unknown[]>> {
  const byDigest = new Map<string, unknown[]>();
  for (const disclosure of disclosures) {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(disclosure)));
    const decoded = base64UrlToJson(disclosure);
    if (!Array.isArray(decoded) || decoded.length < 2 || decoded.length > 3)
      throw new Error('bad disclosure');
    byDigest.set(toBase64Url(digest), decoded);
  }
  return byDigest;
}

function resolve(value: unknown, byDigest: Map<string, unknown[]>): unknown {
  if (Array.isArray(value)) {
    return value.flatMap((element) => {
      if (isObject(element) && typeof element['...'] === 'string') {
        const disclosure = byDigest.get(element['...']);
        return disclosure?.length === 2 ? [resolve(disclosure[1], byDigest)] : [];
      }
      return [resolve(element, byDigest)];
    });
  }
  if (!isObject(value)) return value;
  const result: Json = {};
  for (const [name, inner] of Object.entries(value)) {
    if (name !== '_sd' && name !== '_sd_alg') result[name] = resolve(inner, byDigest);
  }
  for (const digest of Array.isArray(value._sd) ? value._sd : []) {
    const disclosure = typeof digest === 'string' ? byDigest.get(digest) : undefined;
    if (disclosure?.length === 3 && typeof disclosure[1] === 'string') {
      result[disclosure[1]] = resolve(disclosure[2], byDigest);
    }
  }
  return result;
}

function statusOf(value: unknown): StatusReference | null {
  const list = isObject(value) && isObject(value.status_list) ? value.status_list : undefined;
  if (!list || typeof list.uri !== 'string' || typeof list.idx !== 'number') return null;
  return { uri: list.uri, idx: list.idx };
}

const ENVELOPE = new Set(['iss', 'iat', 'nbf', 'exp', 'cnf', 'vct', 'status', 'sub']);

export async function decodeSdJwtVc(compact: string): Promise<DecodedCredential> {
  const [jwt, ...rest] = compact.split('~');
  const parts = jwt?.split('.');
  if (parts?.length !== 3) throw new Error('not an SD-JWT');
  const payload = base64UrlToJson(parts[1] as string);
  if (!isObject(payload) || typeof payload.vct !== 'string') throw new Error('not an SD-JWT VC');
  const disclosures = rest.filter((part, index) => part !== '' || index < rest.length - 1);
  const full = resolve(payload, await digestsOf(disclosures)) as Json;
  const claims = Object.fromEntries(Object.entries(full).filter(([name]) => !ENVELOPE.has(name)));
  const exp = typeof payload.exp === 'number' ? new Date(payload.exp * 1000).toISOString() : null;
  return { claims, type: payload.vct, validUntil: exp, status: statusOf(payload.status) };
}

/** CBOR values as JSON for storage: maps become objects, bytes data: URLs (portraits are JPEG). */
export function cborToJson(value: unknown): unknown {
  if (value instanceof Map) {
    return Object.fromEntries([...value].map(([key, inner]) => [String(key), cborToJson(inner)]));
  }
  if (Array.isArray(value)) return value.map(cborToJson);
  if (value instanceof Uint8Array) return `data:image/jpeg;base64,${btoa(String.fromCharCode(...value))}`;
  if (value instanceof CborTag) return cborToJson(value.value);
  return value;
}

function msoOf(issuerAuth: unknown): Map<unknown, unknown> {
  const payload = Array.isArray(issuerAuth) ? issuerAuth[2] : undefined;
  const decoded = payload instanceof Uint8Array ? decodeCbor(payload) : undefined;
  if (!(decoded instanceof Map)) throw new Error('no MSO');
  return decoded;
}

export function decodeMdocIssuerSigned(base64url: string): DecodedCredential {
  const issuerSigned = decodeCbor(fromBase64Url(base64url));
  if (!(issuerSigned instanceof Map)) throw new Error('not an mdoc');
  const nameSpaces = issuerSigned.get('nameSpaces');
  const claims: Record<string, Json> = {};
  for (const [namespace, items] of nameSpaces instanceof Map ? nameSpaces : []) {
    const elements: Json = {};
    for (const item of Array.isArray(items) ? items : []) {
      if (item instanceof Map)
        elements[String(item.get('elementIdentifier'))] = cborToJson(item.get('elementValue'));
    }
    claims[String(namespace)] = elements;
  }
  const mso = msoOf(issuerSigned.get('issuerAuth'));
  const validity = mso.get('validityInfo');
  const validUntil = validity instanceof Map ? validity.get('validUntil') : undefined;
  const until = validUntil instanceof CborTag ? validUntil.value : validUntil;
  return {
    claims,
    type: String(mso.get('docType')),
    validUntil: typeof until === 'string' ? until : null,
    status: statusOf(cborToJson(mso.get('status'))),
  };
}
