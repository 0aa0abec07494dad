/**
 * A small CBOR reader (RFC 8949) for showing an mdoc's fields in the wallet: maps, arrays, text,
 * bytes, integers, floats, simple values and tags (24: embedded CBOR, decoded; 1004/0: dates,
 * kept as their text). Display only: the issuer's signature is the verifier's business.
 */
export class CborTag {
  readonly tag: number;
  readonly value: unknown;
  constructor(tag: number, value: unknown) {
    this.tag = tag;
    this.value = value;
  }
}

const MAX_DEPTH = 32;

class Reader {
  offset = 0;
  readonly bytes: Uint8Array;
  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }

  take(length: number): Uint8Array {
    if (this.offset + length > this.bytes.length) throw new Error('CBOR truncated');
    const slice = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return slice;
  }

  argument(info: number): number {
    if (info < 24) return info;
    const size = { 24: 1, 25: 2, 26: 4, 27: 8 }[info];
    if (size === undefined) throw new Error('CBOR indefinite or reserved length');
    let value = 0;
    for (const byte of this.take(size)) value = value * 256 + byte;
    if (!Number.isSafeInteger(value)) throw new Error('CBOR integer too large');
    return value;
  }

  float(info: number): number | boolean | null | undefined {
    if (info === 20) return false;
    if (info === 21) return true;
    if (info === 22) return null;
    if (info === 23) return undefined;
    const view = (size: number) => new DataView(this.take(size).slice().buffer);
    if (info === 25) return view(2).getFloat16?.(0) ?? Number.NaN;
    if (info === 26) return view(4).getFloat32(0);
    if (info === 27) return view(8).getFloat64(0);
    throw new Error('CBOR simple value not supported');
  }

  item(depth: number): unknown {
    if (depth > MAX_DEPTH) throw new Error('CBOR nested too deeply');
    const [initial] = this.take(1) as unknown as [number];
    const major = initial >> 5;
    const info = initial & 0x1f;
    if (major === 7) return this.float(info);
    const argument = this.argument(info);
    switch (major) {
      case 0:
        return argument;
      case 1:
        return -1 - argument;
      case 2:
        return this.take(argument).slice();
      case 3:
        return new TextDecoder('utf-8', { fatal: true }).decode(this.take(argument));
      case 4:
        return Array.from({ length: argument }, () => this.item(depth + 1));
      case 5:
        return this.map(argument, depth);
      default:
        return this.tagged(argument, depth);
    }
  }

  map(size: number, depth: number): Map<unknown, unknown> {
    const map = new Map<unknown, unknown>();
    for (let index = 0; index < size; index++) map.set(this.item(depth + 1), this.item(depth + 1));
    return map;
  }

  tagged(tag: number, depth: number): unknown {
    const value = this.item(depth + 1);
    if (tag === 24 && value instanceof Uint8Array) return decodeCbor(value);
    if ((tag === 1004 || tag === 0) && typeof value === 'string') return value;
    return new CborTag(tag, value);
  }
}

export function decodeCbor(bytes: Uint8Array): unknown {
  const reader = new Reader(bytes);
  const value = reader.item(0);
  if (reader.offset !== bytes.length) throw new Error('CBOR has trailing bytes');
  return value;
}
