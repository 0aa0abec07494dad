import {
  consistencyProofRanges,
  inclusionProofRanges,
  perfectCover,
  type Range,
  rangeHash,
} from '@civitas/tlog';
import { nodeHashOf } from './hashing.ts';
import { type Subtree, subtreeKey, type TileStore } from './tile-store.ts';

/** Tree sizes whose right-border range hashes are remembered (each has at most 64 of them). */
const COMPOSITE_SIZES = 64;

/**
 * RFC 9162 proofs served from the stored tiles. When every hash a proof needs is in memory
 * (the steady state: the tile cache is warm) the proof is computed synchronously, with no query
 * and no keys built; otherwise the tiles not cached are read with one query.
 */
export class LogProofs {
  private readonly tiles: TileStore;
  /**
   * Hashes of ranges that are no perfect subtree (the right border of a tree size, shared by
   * every proof at that size), by the range's end, then its start; they never change, since
   * entries are only appended.
   */
  private readonly composites = new Map<number, Map<number, Uint8Array>>();

  constructor(tiles: TileStore) {
    this.tiles = tiles;
  }

  /** The inclusion proof of entry `index` in the tree of `size` entries (0 ≤ index < size). */
  async inclusion(index: number, size: number): Promise<Uint8Array[]> {
    return this.rangeHashes(inclusionProofRanges(index, size));
  }

  /** The inclusion proof of entry `index` and its leaf hash, read together (one query at most). */
  async inclusionWithLeaf(
    index: number,
    size: number,
  ): Promise<{ proof: Uint8Array[]; leafHash: Uint8Array }> {
    const [leafHash, ...proof] = await this.rangeHashes([
      { start: index, end: index + 1 },
      ...inclusionProofRanges(index, size),
    ]);
    return { proof, leafHash: leafHash! };
  }

  /** The consistency proof between the trees of `size1` and `size2` entries (size1 ≤ size2). */
  async consistency(size1: number, size2: number): Promise<Uint8Array[]> {
    return this.rangeHashes(consistencyProofRanges(size1, size2));
  }

  /** The Merkle tree hashes of leaf ranges: from memory if it holds them all, else read. */
  private rangeHashes(ranges: readonly Range[]): Uint8Array[] | Promise<Uint8Array[]> {
    const hashes: Uint8Array[] = [];
    for (const range of ranges) {
      const hash = this.rangeHashInMemory(range);
      if (!hash) return this.rangeHashesRead(ranges);
      hashes.push(hash);
    }
    return hashes;
  }

  /** A range's hash from the cached tiles and remembered composites; undefined if one is missing. */
  private rangeHashInMemory(range: Range): Uint8Array | undefined {
    const width = range.end - range.start;
    if (isPerfectSubtree(range.start, width))
      return this.tiles.cachedHash({ level: Math.log2(width), index: range.start / width });
    const known = this.composites.get(range.end)?.get(range.start);
    if (known) return known;
    let complete = true;
    const hash = rangeHash(
      range,
      (subtree: Subtree) => {
        const own = this.tiles.cachedHash(subtree);
        if (own) return own;
        complete = false;
        return NOT_IN_MEMORY;
      },
      nodeHashOf,
    );
    if (!complete) return undefined;
    this.rememberComposite(range, hash);
    return hash;
  }

  /** The ranges' hashes with the tiles not in memory read in one query. */
  private async rangeHashesRead(ranges: readonly Range[]): Promise<Uint8Array[]> {
    const covers = ranges.map((range) => perfectCover(range));
    const hashes = await this.tiles.hashes(covers.flat());
    return ranges.map((range, i) => {
      const hash = rangeHash(
        range,
        (subtree: Subtree) => {
          const own = hashes.get(subtreeKey(subtree));
          if (!own) throw new Error(`no hash for subtree ${subtreeKey(subtree)}`);
          return own;
        },
        nodeHashOf,
      );
      if (covers[i]!.length > 1) this.rememberComposite(range, hash);
      return hash;
    });
  }

  private rememberComposite(range: Range, hash: Uint8Array): void {
    let byStart = this.composites.get(range.end);
    if (!byStart) {
      if (this.composites.size >= COMPOSITE_SIZES) this.composites.clear();
      byStart = new Map();
      this.composites.set(range.end, byStart);
    }
    byStart.set(range.start, hash);
  }
}

/** Whether leaves [start, start + width) form a perfect subtree: width a power of two dividing start. */
function isPerfectSubtree(start: number, width: number): boolean {
  return width > 0 && Number.isInteger(Math.log2(width)) && start % width === 0;
}

/** Folded in place of a subtree hash that is not in memory; the result is then thrown away. */
const NOT_IN_MEMORY = new Uint8Array(32);
