import crypto from 'node:crypto';

/**
 * RFC 9162 hashing on node:crypto for the server's hot paths (the sequencer hashes every
 * entry). The browser-safe `tlog/hash.ts` computes the same values; a test holds them equal.
 */
const LEAF_PREFIX = Buffer.from([0]);

export function leafHashOf(data: Uint8Array): Buffer {
  return crypto.createHash('sha256').update(LEAF_PREFIX).update(data).digest();
}

/** 0x01 ‖ left ‖ right, reused: a one-shot hash of one buffer costs less than a Hash object. */
const nodeInput = Buffer.alloc(65, 1);

export function nodeHashOf(left: Uint8Array, right: Uint8Array): Buffer {
  nodeInput.set(left, 1);
  nodeInput.set(right, 33);
  return crypto.hash('sha256', nodeInput, 'buffer');
}

/** The rows of the perfect subtrees inside one tile: rows[k][j] hashes 2^k entries of row 0. */
export function expandTile(row0: readonly Uint8Array[]): Uint8Array[][] {
  const rows: Uint8Array[][] = [row0.slice()];
  for (let k = 1; k <= 8; k++) {
    const below = rows[k - 1]!;
    const row: Uint8Array[] = [];
    for (let j = 0; j + 1 < below.length; j += 2) row.push(nodeHashOf(below[j]!, below[j + 1]!));
    rows.push(row);
  }
  return rows;
}

/** Splits a stored tile (concatenated 32-byte hashes) into its hashes. */
export function splitTile(bytes: Uint8Array): Uint8Array[] {
  const hashes: Uint8Array[] = [];
  for (let offset = 0; offset + 32 <= bytes.length; offset += 32)
    hashes.push(bytes.subarray(offset, offset + 32));
  return hashes;
}

export function joinTile(hashes: readonly Uint8Array[]): Buffer {
  return Buffer.concat(hashes);
}

/**
 * A stored tile with the perfect subtrees inside it, all in one buffer: row k holds the hashes of
 * 2^k consecutive row-0 hashes. One object per cached tile instead of hundreds keeps the
 * garbage collector's work (and the proofs' tail latency) small.
 */
export class PackedTile {
  readonly widths: number[];
  private readonly offsets: number[];
  private readonly data: Buffer;

  constructor(stored: Uint8Array) {
    const widths = [Math.floor(stored.length / 32)];
    for (let k = 1; k <= 8; k++) widths.push(Math.floor(widths[k - 1]! / 2));
    const offsets: number[] = [];
    let total = 0;
    for (const width of widths) {
      offsets.push(total);
      total += width * 32;
    }
    const data = Buffer.allocUnsafe(total);
    data.set(stored.subarray(0, widths[0]! * 32), 0);
    for (let k = 1; k <= 8; k++) {
      const below = offsets[k - 1]!;
      for (let j = 0; j < widths[k]!; j++) {
        const left = below + 64 * j;
        data.copy(nodeInput, 1, left, left + 64);
        crypto.hash('sha256', nodeInput, 'buffer').copy(data, offsets[k]! + 32 * j);
      }
    }
    this.widths = widths;
    this.offsets = offsets;
    this.data = data;
  }

  /** The hash at `position` of row `row`, or undefined if the tile does not (yet) hold it. */
  hash(row: number, position: number): Uint8Array | undefined {
    if (row < 0 || row > 8 || position < 0 || position >= (this.widths[row] ?? 0)) return undefined;
    const start = this.offsets[row]! + 32 * position;
    return this.data.subarray(start, start + 32);
  }

  /** Whether the tile holds all 256 hashes of its row 0. */
  get full(): boolean {
    return this.widths[0] === 256;
  }
}
