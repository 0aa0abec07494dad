import { buildConsistencyProof, rootHash, toBase64 } from '@civitas/tlog';
import { memoryTree } from '@civitas/tlog/test-trees.ts';
import { describe, expect, it } from 'vitest';
import {
  checkConsistency,
  needsConsistencyProof,
  type SeenCheckpoint,
  type TrustedLog,
} from './log-consistency.ts';

const ORIGIN = 'civitas.example/log';
const leaves = Array.from({ length: 13 }, (_, index) => new TextEncoder().encode(`entry ${index}`));
const tree = memoryTree(leaves);
const forkedTree = memoryTree(
  leaves.map((leaf, index) => (index === 2 ? new TextEncoder().encode('forged') : leaf)),
);

const logAt = (size: number, hashes = tree): TrustedLog => ({
  kind: 'trusted',
  origin: ORIGIN,
  size,
  root: rootHash(size, hashes),
  cosignedBy: [],
});
const seenAt = (size: number, hashes = tree): SeenCheckpoint => ({
  origin: ORIGIN,
  size,
  root: toBase64(rootHash(size, hashes)),
});
const proof = (from: number, to: number) => buildConsistencyProof(from, to, tree).map(toBase64);

describe("the auditor's check that the log only grew", () => {
  it('trusts the first checkpoint this browser sees, and needs no proof for it', () => {
    expect(needsConsistencyProof(null, logAt(13))).toBe(false);
    expect(checkConsistency(null, logAt(13), null)).toEqual({ kind: 'first', size: 13 });
    const otherLog = { ...seenAt(5), origin: 'elsewhere.example/log' };
    expect(checkConsistency(otherLog, logAt(13), null)).toEqual({ kind: 'first', size: 13 });
  });

  it('proves every larger checkpoint consistent with every smaller one', () => {
    for (let from = 1; from < 13; from++) {
      for (let to = from + 1; to <= 13; to++) {
        expect(needsConsistencyProof(seenAt(from), logAt(to))).toBe(true);
        expect(checkConsistency(seenAt(from), logAt(to), proof(from, to))).toEqual({
          kind: 'grown',
          from,
          to,
        });
      }
    }
  });

  it('accepts the same checkpoint again', () => {
    expect(needsConsistencyProof(seenAt(8), logAt(8))).toBe(false);
    expect(checkConsistency(seenAt(8), logAt(8), null)).toEqual({ kind: 'unchanged', size: 8 });
  });

  it('fails a log that lost entries, or whose history was rewritten', () => {
    expect(checkConsistency(seenAt(9), logAt(7), null)).toEqual({
      kind: 'failed',
      reason: 'shrunk',
      from: 9,
      to: 7,
    });
    expect(checkConsistency(seenAt(8), logAt(8, forkedTree), null)).toMatchObject({ reason: 'forked' });
    const forkedProof = buildConsistencyProof(5, 13, forkedTree).map(toBase64);
    expect(checkConsistency(seenAt(5), logAt(13, forkedTree), forkedProof)).toMatchObject({
      kind: 'failed',
      reason: 'forked',
    });
  });

  it('fails a malformed or missing proof', () => {
    const good = proof(5, 13);
    expect(checkConsistency(seenAt(5), logAt(13), good.slice(1))).toMatchObject({ reason: 'proof-invalid' });
    expect(checkConsistency(seenAt(5), logAt(13), ['%%%'])).toMatchObject({ reason: 'proof-invalid' });
    expect(checkConsistency(seenAt(5), logAt(13), null)).toMatchObject({ reason: 'unavailable' });
    const swapped = [...good].reverse();
    expect(checkConsistency(seenAt(5), logAt(13), swapped)).toMatchObject({ kind: 'failed' });
  });
});
