/**
 * A credential's status from its issuer's published IETF Token Status List (JWT for SD-JWT VC,
 * CWT for mdoc), read when the wallet is online: 0 valid, 1 revoked, 2 suspended.
 */
import type { CredentialStatus, StatusReference } from '@civitas/wallet/formats.ts';
import { base64UrlToJson, fromBase64Url } from './base64url.ts';
import { CborTag, decodeCbor } from './cbor-read.ts';

const MAX_LIST_BYTES = 4 * 1024 * 1024;

async function inflate(compressed: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const stream = new Blob([compressed]).stream().pipeThrough(new DecompressionStream('deflate'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  if (bytes.length > MAX_LIST_BYTES) throw new Error('status list too large');
  return bytes;
}

/** The entry at `idx` of a decompressed list of `bits`-bit entries (least significant bits first). */
export function entryAt(list: Uint8Array, bits: number, idx: number): number {
  if (![1, 2, 4, 8].includes(bits)) throw new Error('bad bits');
  const byte = list[Math.floor((idx * bits) / 8)];
  if (byte === undefined || idx < 0) throw new Error('index outside the list');
  return (byte >> ((idx * bits) % 8)) & ((1 << bits) - 1);
}

export function statusOfEntry(value: number): CredentialStatus {
  return value === 0 ? 'valid' : value === 2 ? 'suspended' : 'revoked';
}

/** `bits` and the compressed `lst` of a status list token, JWT (text) or CWT (bytes). */
export function listOfToken(token: string | Uint8Array): { bits: number; lst: Uint8Array<ArrayBuffer> } {
  if (typeof token === 'string') {
    const payload = base64UrlToJson(token.split('.')[1] ?? '') as {
      status_list?: { bits?: unknown; lst?: unknown };
    };
    const { bits, lst } = payload.status_list ?? {};
    if (typeof bits !== 'number' || typeof lst !== 'string') throw new Error('not a status list JWT');
    return { bits, lst: fromBase64Url(lst) };
  }
  let sign1 = decodeCbor(token);
  if (sign1 instanceof CborTag) sign1 = sign1.value;
  const payload = Array.isArray(sign1) && sign1[2] instanceof Uint8Array ? decodeCbor(sign1[2]) : undefined;
  const list = payload instanceof Map ? payload.get(65533) : undefined;
  const bits = list instanceof Map ? list.get('bits') : undefined;
  const lst = list instanceof Map ? list.get('lst') : undefined;
  if (typeof bits !== 'number' || !(lst instanceof Uint8Array)) throw new Error('not a status list CWT');
  return { bits, lst: new Uint8Array(lst) };
}

export async function statusFromToken(token: string | Uint8Array, idx: number): Promise<CredentialStatus> {
  const { bits, lst } = listOfToken(token);
  return statusOfEntry(entryAt(await inflate(lst), bits, idx));
}

/** Fetches the list and reads the credential's entry; null when it cannot be read (offline). */
export async function fetchStatus(reference: StatusReference): Promise<CredentialStatus | null> {
  try {
    // Revalidated every time (ETag: a 304 costs little): a revocation must show at once.
    const response = await fetch(reference.uri, {
      cache: 'no-cache',
      headers: { accept: 'application/statuslist+jwt, application/statuslist+cwt' },
    });
    if (!response.ok) return null;
    const cwt = response.headers.get('content-type')?.includes('cwt');
    const token = cwt ? new Uint8Array(await response.arrayBuffer()) : (await response.text()).trim();
    return await statusFromToken(token, reference.idx);
  } catch {
    return null;
  }
}
