import crypto from 'node:crypto';

/**
 * RFC 9162 hashing on node:crypto for the server's hot paths (the sequencer hashes every
 * entry). The browser-safe `tlog/hash.ts` computes the same values; a test holds them equal.
 */
const LEAF_PREFIX = Buffer.from([0]);
const NODE_PREFIX = Buffer.from([1]);

export function leafHashOf(data: Uint8Array): Buffer {
  return crypto.createHash('sha256').update(LEAF_PREFIX).update(data).digest();
}

export function nodeHashOf(left: Uint8Array, right: Uint8Array): Buffer {
  return crypto.createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
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
