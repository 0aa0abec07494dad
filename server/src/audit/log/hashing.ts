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

/** Standard base64 of a hash, by node:crypto's Buffer: one native call (the route's hot path). */
export function base64Of(hash: Uint8Array): string {
  return Buffer.from(hash.buffer, hash.byteOffset, hash.byteLength).toString('base64');
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

/** Rows of a tile kept in a `PackedTile`: row 0 and rows 3..8 (rows 1 and 2 are rehashed when asked). */
const KEPT_ROWS = [true, false, false, true, true, true, true, true, true];

/**
 * A stored tile with the perfect subtrees inside it, in one buffer: row k holds the hashes of
 * 2^k consecutive row-0 hashes. One object per cached tile instead of hundreds keeps the
 * garbage collector's work (and the proofs' tail latency) small. Rows 1 and 2 are not kept: a
 * proof needs one hash of each, which costs one and three hashings from row 0, and leaving them
 * out makes a cached tile 10 KiB instead of 16 KiB.
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
    for (let k = 0; k <= 8; k++) {
      offsets.push(total);
      if (KEPT_ROWS[k]) total += widths[k]! * 32;
    }
    const data = Buffer.allocUnsafe(total);
    data.set(stored.subarray(0, widths[0]! * 32), 0);
    // Rows 1 and 2 are computed in a scratch buffer on the way to row 3.
    let below = data.subarray(0, widths[0]! * 32);
    for (let k = 1; k <= 8; k++) {
      const row = KEPT_ROWS[k]
        ? data.subarray(offsets[k]!, offsets[k]! + widths[k]! * 32)
        : scratchRows[k]!.subarray(0, widths[k]! * 32);
      for (let j = 0; j < widths[k]!; j++) {
        below.copy(nodeInput, 1, 64 * j, 64 * j + 64);
        crypto.hash('sha256', nodeInput, 'buffer').copy(row, 32 * j);
      }
      below = row;
    }
    this.widths = widths;
    this.offsets = offsets;
    this.data = data;
  }

  /** The hash at `position` of row `row`, or undefined if the tile does not (yet) hold it. */
  hash(row: number, position: number): Uint8Array | undefined {
    if (row < 0 || row > 8 || position < 0 || position >= (this.widths[row] ?? 0)) return undefined;
    if (row === 1) return nodeHashOf(this.row0(2 * position), this.row0(2 * position + 1));
    if (row === 2) {
      const left = nodeHashOf(this.row0(4 * position), this.row0(4 * position + 1));
      return nodeHashOf(left, nodeHashOf(this.row0(4 * position + 2), this.row0(4 * position + 3)));
    }
    const start = this.offsets[row]! + 32 * position;
    return this.data.subarray(start, start + 32);
  }

  /** Whether the tile holds all 256 hashes of its row 0. */
  get full(): boolean {
    return this.widths[0] === 256;
  }

  /** The memory the tile takes, for the cache's budget. */
  get byteLength(): number {
    return this.data.length;
  }

  private row0(position: number): Uint8Array {
    return this.data.subarray(32 * position, 32 * position + 32);
  }
}

const scratchRows = [undefined, Buffer.alloc(128 * 32), Buffer.alloc(64 * 32)];
