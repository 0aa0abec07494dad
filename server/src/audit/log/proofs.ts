import {
  consistencyProofRanges,
  inclusionProofRanges,
  perfectCover,
  type Range,
  rangeHash,
} from '../tlog/proof.ts';
import { type Subtree, subtreeKey, type TileStore } from './tile-store.ts';

/** RFC 9162 proofs served from the stored tiles (one query for the tiles not cached). */
export class LogProofs {
  private readonly tiles: TileStore;

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
    const covers = ranges.map((range) => perfectCover(range));
    const hashes = await this.tiles.hashes(covers.flat());
    return ranges.map((range) =>
      rangeHash(range, (subtree: Subtree) => {
        const hash = hashes.get(subtreeKey(subtree));
        if (!hash) throw new Error(`no hash for subtree ${subtreeKey(subtree)}`);
        return hash;
      }),
    );
  }
}
