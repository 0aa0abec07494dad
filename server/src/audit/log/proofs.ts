import {
  consistencyProofRanges,
  inclusionProofRanges,
  perfectCover,
  type Range,
  rangeHash,
} from '../tlog/proof.ts';
import { nodeHashOf } from './hashing.ts';
import { type Subtree, subtreeKey, type TileStore } from './tile-store.ts';

/** Composite range hashes remembered (a tree size's right border has at most 64 of them). */
const COMPOSITE_CACHE = 4096;

/** RFC 9162 proofs served from the stored tiles (one query for the tiles not cached). */
export class LogProofs {
  private readonly tiles: TileStore;
  /**
   * Hashes of ranges that are no perfect subtree (the right border of a tree size, shared by
   * every proof at that size); they never change, since entries are only appended.
   */
  private readonly composites = new Map<string, Uint8Array>();

  constructor(tiles: TileStore) {
    this.tiles = tiles;
  }

  /** The inclusion proof of entry `index` in the tree of `size` entries (0 ≤ index < size). */
  inclusion(index: number, size: number): Promise<Uint8Array[]> {
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
  consistency(size1: number, size2: number): Promise<Uint8Array[]> {
    return this.rangeHashes(consistencyProofRanges(size1, size2));
  }

  /** The Merkle tree hashes of leaf ranges, from the hashes of their perfect subtrees. */
  private async rangeHashes(ranges: readonly Range[]): Promise<Uint8Array[]> {
    const answers: Array<Uint8Array | undefined> = ranges.map((range) =>
      this.composites.get(rangeKey(range)),
    );
    const covers = ranges.map((range, i) => (answers[i] ? [] : perfectCover(range)));
    const hashes = await this.tiles.hashes(covers.flat());
    return ranges.map((range, i) => {
      const known = answers[i];
      if (known) return known;
      const cover = covers[i]!;
      const hash = rangeHash(
        range,
        (subtree: Subtree) => {
          const own = hashes.get(subtreeKey(subtree));
          if (!own) throw new Error(`no hash for subtree ${subtreeKey(subtree)}`);
          return own;
        },
        nodeHashOf,
      );
      if (cover.length > 1) {
        if (this.composites.size >= COMPOSITE_CACHE) this.composites.clear();
        this.composites.set(rangeKey(range), hash);
      }
      return hash;
    });
  }
}

function rangeKey(range: Range): string {
  return `${range.start}-${range.end}`;
}
