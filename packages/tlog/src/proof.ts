import { EMPTY_ROOT, equalBytes, HASH_SIZE, nodeHash } from './hash.ts';

/**
 * RFC 9162 §2.1 Merkle inclusion and consistency proofs: verification (§2.1.3.2, §2.1.4.2) for
 * clients, and construction for a server that stores the hashes of perfect subtrees (as the
 * C2SP tlog-tiles layout does). Tree sizes and indexes are JS numbers, exact up to 2^53 − 1.
 */

/** Why a proof or an argument was rejected; stable codes callers may switch on. */
export type ProofErrorReason =
  | 'bad-argument'
  | 'index-out-of-range'
  | 'size-order'
  | 'empty-tree'
  | 'wrong-proof-size'
  | 'bad-hash-size'
  | 'root-mismatch';

/** A rejected proof, or an argument no proof can exist for. */
export class ProofError extends Error {
  readonly reason: ProofErrorReason;

  constructor(reason: ProofErrorReason, message: string) {
    super(message);
    this.name = 'ProofError';
    this.reason = reason;
  }
}

/** Leaves [start, end) of the tree. */
export interface Range {
  start: number;
  end: number;
}

/** A perfect subtree: leaves [index·2^level, (index+1)·2^level). */
export interface Subtree {
  level: number;
  index: number;
}

/** Where a proof builder gets the stored hash of a perfect subtree (level 0: a leaf hash). */
export type SubtreeHashes = (subtree: Subtree) => Uint8Array;

function requireCount(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new ProofError('bad-argument', `${what} must be a non-negative safe integer, not ${value}`);
  }
}

function requireHash(hash: Uint8Array, what: string): void {
  if (hash.length !== HASH_SIZE) {
    throw new ProofError('bad-hash-size', `${what} has ${hash.length} bytes, not ${HASH_SIZE}`);
  }
}

/** The largest power of two ≤ n (n ≥ 1), exact for every safe integer. */
function powerOfTwoAtMost(n: number): number {
  let power = 2 ** Math.floor(Math.log2(n));
  if (power > n) power /= 2;
  else if (power * 2 <= n) power *= 2;
  return power;
}

/** RFC 9162's split point k: the largest power of two < n (n ≥ 2). */
function splitSize(n: number): number {
  return powerOfTwoAtMost(n - 1);
}

const half = (n: number): number => Math.floor(n / 2);
const isOdd = (n: number): boolean => n % 2 === 1;

/** The leaf ranges whose tree hashes form the inclusion proof of `index` (RFC 9162 §2.1.3.1). */
export function inclusionProofRanges(index: number, size: number): Range[] {
  requireCount(index, 'index');
  requireCount(size, 'size');
  if (index >= size) throw new ProofError('index-out-of-range', `index ${index} is not below size ${size}`);
  const topDown: Range[] = [];
  let start = 0;
  let end = size;
  while (end - start > 1) {
    const middle = start + splitSize(end - start);
    if (index < middle) {
      topDown.push({ start: middle, end });
      end = middle;
    } else {
      topDown.push({ start, end: middle });
      start = middle;
    }
  }
  return topDown.reverse();
}

/** The leaf ranges whose tree hashes form the consistency proof size1 → size2 (RFC 9162 §2.1.4.1). */
export function consistencyProofRanges(size1: number, size2: number): Range[] {
  checkSizes(size1, size2);
  if (size1 === size2) return [];
  const topDown: Range[] = [];
  let start = 0;
  let end = size2;
  let wholeOldTree = true;
  while (end !== size1) {
    const middle = start + splitSize(end - start);
    if (size1 <= middle) {
      topDown.push({ start: middle, end });
      end = middle;
    } else {
      topDown.push({ start, end: middle });
      start = middle;
      wholeOldTree = false;
    }
  }
  // The old tree's last subtree starts the proof, unless it is the whole old tree (root1).
  if (!wholeOldTree) topDown.push({ start, end });
  return topDown.reverse();
}

function checkSizes(size1: number, size2: number): void {
  requireCount(size1, 'size1');
  requireCount(size2, 'size2');
  if (size1 > size2) throw new ProofError('size-order', `size1 ${size1} is greater than size2 ${size2}`);
  if (size1 === 0)
    throw new ProofError('empty-tree', 'a consistency proof from the empty tree is meaningless');
}

/** The perfect subtrees that make up an RFC 9162 tree range, left to right (largest first). */
export function perfectCover(range: Range): Subtree[] {
  requireCount(range.start, 'range start');
  requireCount(range.end, 'range end');
  if (range.end <= range.start)
    throw new ProofError('bad-argument', `empty range [${range.start}, ${range.end})`);
  const cover: Subtree[] = [];
  for (let start = range.start; start < range.end; ) {
    const width = powerOfTwoAtMost(range.end - start);
    if (start % width !== 0) {
      throw new ProofError('bad-argument', `range [${range.start}, ${range.end}) is not a node of any tree`);
    }
    cover.push({ level: Math.round(Math.log2(width)), index: start / width });
    start += width;
  }
  return cover;
}

/**
 * The Merkle tree hash of a range, from the hashes of its perfect cover combined right to left.
 * `combine` is the node hash (the server passes node:crypto's, which computes the same value).
 */
export function rangeHash(
  range: Range,
  hashOf: SubtreeHashes,
  combine: (left: Uint8Array, right: Uint8Array) => Uint8Array = nodeHash,
): Uint8Array {
  const cover = perfectCover(range);
  let hash: Uint8Array | undefined;
  for (let i = cover.length - 1; i >= 0; i--) {
    const subtree = cover[i]!;
    const own = hashOf(subtree);
    requireHash(own, `the hash of subtree ${subtree.level}/${subtree.index}`);
    hash = hash === undefined ? own : combine(own, hash);
  }
  return hash!;
}

/** The root hash of the tree of `size` leaves (EMPTY_ROOT for size 0). */
export function rootHash(size: number, hashOf: SubtreeHashes): Uint8Array {
  requireCount(size, 'size');
  return size === 0 ? EMPTY_ROOT.slice() : rangeHash({ start: 0, end: size }, hashOf);
}

/** The inclusion proof of leaf `index` in the tree of `size` leaves. */
export function buildInclusionProof(index: number, size: number, hashOf: SubtreeHashes): Uint8Array[] {
  return inclusionProofRanges(index, size).map((range) => rangeHash(range, hashOf));
}

/** The consistency proof between the trees of `size1` and `size2` leaves (0 < size1 ≤ size2). */
export function buildConsistencyProof(size1: number, size2: number, hashOf: SubtreeHashes): Uint8Array[] {
  return consistencyProofRanges(size1, size2).map((range) => rangeHash(range, hashOf));
}

function requireProofShape(proof: readonly Uint8Array[], expected: number): void {
  if (proof.length !== expected) {
    throw new ProofError('wrong-proof-size', `the proof has ${proof.length} hashes, not ${expected}`);
  }
  for (const [i, hash] of proof.entries()) requireHash(hash, `proof[${i}]`);
}

/** The root an inclusion proof leads to (RFC 9162 §2.1.3.2); throws ProofError if malformed. */
export function rootFromInclusionProof(
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
): Uint8Array {
  requireHash(leafHash, 'the leaf hash');
  requireProofShape(proof, inclusionProofRanges(index, size).length);
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) throw new ProofError('wrong-proof-size', 'the proof does not reach the root');
  return r;
}

/** Checks that leaf `index` with hash `leafHash` is in the tree of `size` leaves with `root`. */
export function verifyInclusion(
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): void {
  const computed = rootFromInclusionProof(index, size, leafHash, proof);
  requireHash(root, 'the root');
  if (!equalBytes(computed, root))
    throw new ProofError('root-mismatch', 'the inclusion proof leads to another root');
}

/**
 * Checks that the tree of `size2` leaves with `root2` extends the tree of `size1` leaves with
 * `root1` (RFC 9162 §2.1.4.2). As transparency-dev/merkle does, a proof from the empty tree is
 * rejected, and equal sizes need an empty proof and equal roots (their length is not checked).
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): void {
  checkSizes(size1, size2);
  if (size1 === size2) {
    if (proof.length !== 0) throw new ProofError('wrong-proof-size', 'equal sizes need an empty proof');
    if (!equalBytes(root1, root2)) throw new ProofError('root-mismatch', 'equal sizes with different roots');
    return;
  }
  requireHash(root1, 'root1');
  requireHash(root2, 'root2');
  requireProofShape(proof, consistencyProofRanges(size1, size2).length);
  const path = powerOfTwoAtMost(size1) === size1 ? [root1, ...proof] : proof;
  const [fr, sr] = chainConsistency(size1, size2, path);
  if (!equalBytes(fr, root1)) throw new ProofError('root-mismatch', 'the proof does not lead to root1');
  if (!equalBytes(sr, root2)) throw new ProofError('root-mismatch', 'the proof does not lead to root2');
}

/** RFC 9162 §2.1.4.2 steps 3–6: the old and new roots a consistency path leads to. */
function chainConsistency(
  size1: number,
  size2: number,
  path: readonly Uint8Array[],
): [Uint8Array, Uint8Array] {
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0]!;
  let sr = fr;
  for (const c of path.slice(1)) {
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) throw new ProofError('wrong-proof-size', 'the proof does not reach the root');
  return [fr, sr];
}
