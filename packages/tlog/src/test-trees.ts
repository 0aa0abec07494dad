import { leafHash, nodeHash } from './hash.ts';
import type { Subtree, SubtreeHashes } from './proof.ts';

/**
 * Trees for tests: stored-subtree hash functions as a log server would have, built from real
 * leaves or, for sizes up to 2^53 − 1, from a sparse tree of default leaves with a few marked ones.
 */

const utf8 = new TextEncoder();

/** The subtree hashes of a tree with the given leaves (memoised). */
export function memoryTree(leaves: readonly Uint8Array[]): SubtreeHashes {
  const leafHashes = leaves.map((leaf) => leafHash(leaf));
  const memo = new Map<string, Uint8Array>();
  const hashOf = (subtree: Subtree): Uint8Array => {
    const { level, index } = subtree;
    if (level === 0) return leafHashes[index] ?? fail(subtree);
    if ((index + 1) * 2 ** level > leafHashes.length) fail(subtree);
    const key = `${level}/${index}`;
    let hash = memo.get(key);
    if (!hash) {
      hash = nodeHash(
        hashOf({ level: level - 1, index: 2 * index }),
        hashOf({ level: level - 1, index: 2 * index + 1 }),
      );
      memo.set(key, hash);
    }
    return hash;
  };
  return hashOf;
}

/** Distinct leaves for a tree of `size` entries, varied by `seed`. */
export function distinctLeaves(size: number, seed = 0): Uint8Array[] {
  return Array.from({ length: size }, (_, i) => utf8.encode(`entry ${seed}/${i}`));
}

/**
 * A tree of `size` leaves (any safe size) where every leaf is the same default entry except
 * the `marked` indexes: subtree hashes cost O(levels) per marked leaf instead of O(size).
 */
export function sparseTree(size: number, marked: readonly number[]): SubtreeHashes {
  const defaults = [leafHash(utf8.encode('default entry'))];
  for (let level = 1; level <= 53; level++)
    defaults.push(nodeHash(defaults[level - 1]!, defaults[level - 1]!));
  const memo = new Map<string, Uint8Array>();
  const hashOf = (subtree: Subtree): Uint8Array => {
    const { level, index } = subtree;
    const start = index * 2 ** level;
    const end = start + 2 ** level;
    if (end > size) fail(subtree);
    if (!marked.some((m) => m >= start && m < end)) return defaults[level]!;
    if (level === 0) return leafHash(utf8.encode(`marked entry ${index}`));
    const key = `${level}/${index}`;
    let hash = memo.get(key);
    if (!hash) {
      hash = nodeHash(
        hashOf({ level: level - 1, index: 2 * index }),
        hashOf({ level: level - 1, index: 2 * index + 1 }),
      );
      memo.set(key, hash);
    }
    return hash;
  };
  return hashOf;
}

function fail(subtree: Subtree): never {
  throw new Error(`no subtree ${subtree.level}/${subtree.index} in this tree`);
}
