import crypto, { type KeyObject } from 'node:crypto';

/**
 * ES256 compact JWS (RFC 7515) on node:crypto's synchronous ECDSA. The exchange signs and
 * verifies four times per message; WebCrypto's asynchronous path (what jose uses) costs about
 * 40% more CPU per operation here. Interoperability with jose is proven in es256.test.ts.
 *
 * node:crypto is called with the bare key and DER signatures, and the JWS form (r ‖ s, 32 bytes
 * each) is converted here: asking node:crypto for `dsaEncoding: 'ieee-p1363'` costs about 18 µs
 * more per signature and per verification (an options object on every call, and its own
 * conversion), which is half the price of signing.
 */
export function signCompactEs256(
  header: Record<string, unknown>,
  payload: Buffer,
  privateKey: KeyObject,
): string {
  const signingInput = `${Buffer.from(JSON.stringify({ ...header, alg: 'ES256' })).toString('base64url')}.${payload.toString('base64url')}`;
  const signature = derToRaw(crypto.sign('sha256', Buffer.from(signingInput), privateKey));
  return `${signingInput}.${signature.toString('base64url')}`;
}

export interface DecodedJws {
  header: Record<string, unknown>;
  payload: Buffer;
  signingInput: string;
  signature: Buffer;
}

/** Splits a compact JWS without trusting it; null when it is not one. */
export function decodeCompact(jws: string): DecodedJws | null {
  const parts = jws.split('.');
  if (parts.length !== 3) return null;
  const [encodedHeader, encodedPayload, encodedSignature] = parts as [string, string, string];
  try {
    const header = JSON.parse(Buffer.from(encodedHeader, 'base64url').toString('utf8')) as unknown;
    if (typeof header !== 'object' || header === null || Array.isArray(header)) return null;
    return {
      header: header as Record<string, unknown>,
      payload: Buffer.from(encodedPayload, 'base64url'),
      signingInput: `${encodedHeader}.${encodedPayload}`,
      signature: Buffer.from(encodedSignature, 'base64url'),
    };
  } catch {
    return null;
  }
}

export function verifyCompactEs256(decoded: DecodedJws, publicKey: KeyObject): boolean {
  if (decoded.header.alg !== 'ES256' || decoded.signature.length !== 64) return false;
  return crypto.verify('sha256', Buffer.from(decoded.signingInput), publicKey, rawToDer(decoded.signature));
}

const COORDINATE = 32;

/** An ECDSA signature's DER `SEQUENCE { r INTEGER, s INTEGER }` as JWS wants it: r ‖ s, 32 bytes each. */
export function derToRaw(der: Buffer): Buffer {
  // P-256 signatures are at most 72 bytes, so every length here fits in one byte.
  if (der[0] !== 0x30 || der[1] !== der.length - 2) throw new Error('not a DER ECDSA signature');
  const raw = Buffer.alloc(2 * COORDINATE);
  let offset = 2;
  for (const at of [0, COORDINATE]) {
    if (der[offset] !== 0x02) throw new Error('not a DER ECDSA signature');
    let length = der[offset + 1]!;
    let start = offset + 2;
    offset = start + length;
    // An INTEGER keeps a leading zero byte when its top bit is set; r and s are below 2^256.
    while (length > COORDINATE && der[start] === 0) {
      start++;
      length--;
    }
    if (length > COORDINATE) throw new Error('not a P-256 signature');
    der.copy(raw, at + COORDINATE - length, start, start + length);
  }
  return raw;
}

/** r ‖ s (64 bytes) as the DER that node:crypto verifies; any 64 bytes give a well-formed DER. */
export function rawToDer(raw: Buffer): Buffer {
  const integer = (value: Buffer): Buffer => {
    let start = 0;
    while (start < value.length - 1 && value[start] === 0) start++;
    const digits = value.subarray(start);
    return (digits[0]! & 0x80) !== 0
      ? Buffer.concat([Buffer.from([0x02, digits.length + 1, 0]), digits])
      : Buffer.concat([Buffer.from([0x02, digits.length]), digits]);
  };
  const r = integer(raw.subarray(0, COORDINATE));
  const s = integer(raw.subarray(COORDINATE));
  return Buffer.concat([Buffer.from([0x30, r.length + s.length]), r, s]);
}
