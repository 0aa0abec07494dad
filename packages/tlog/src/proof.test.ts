import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_ROOT, leafHash, toHex } from './hash.ts';
import {
  buildConsistencyProof,
  buildInclusionProof,
  consistencyProofRanges,
  inclusionProofRanges,
  ProofError,
  type ProofErrorReason,
  perfectCover,
  rangeHash,
  rootFromInclusionProof,
  rootHash,
  verifyConsistency,
  verifyInclusion,
} from './proof.ts';
import { distinctLeaves, memoryTree, sparseTree } from './test-trees.ts';

const hex = (text: string): Uint8Array =>
  Uint8Array.from(text.match(/../g) ?? [], (byte) => Number.parseInt(byte, 16));

/** The RFC 6962 reference tree (transparency-dev/merkle testonly): leaves and the root at each size. */
const referenceLeaves = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map(hex);
const referenceRoots = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

function reasonOf(action: () => unknown): ProofErrorReason | 'accepted' {
  try {
    action();
    return 'accepted';
  } catch (error) {
    if (error instanceof ProofError) return error.reason;
    throw error;
  }
}

const bitLength = (n: bigint): number => (n === 0n ? 0 : n.toString(2).length);
const popCount = (n: bigint): number => [...n.toString(2)].filter((bit) => bit === '1').length;
const trailingZeros = (n: bigint): number => n.toString(2).length - n.toString(2).lastIndexOf('1') - 1;

/** The inclusion proof length RFC 9162 implies, by transparency-dev/merkle's bit formula. */
function inclusionLength(index: number, size: number): number {
  const inner = bitLength(BigInt(index) ^ BigInt(size - 1));
  return inner + popCount(BigInt(index) >> BigInt(inner));
}

/** The consistency proof length, by the same formula (0 < size1 < size2). */
function consistencyLength(size1: number, size2: number): number {
  const shift = trailingZeros(BigInt(size1));
  const isPower = BigInt(size1) === 1n << BigInt(shift);
  return (isPower ? 0 : 1) + inclusionLength(size1 - 1, size2) - shift;
}

function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const copy = bytes.slice();
  copy[Math.floor(bit / 8) % copy.length]! ^= 1 << (bit % 8);
  return copy;
}

describe('Merkle tree hashes', () => {
  it('gives the empty tree the hash of the empty string', () => {
    expect(toHex(rootHash(0, memoryTree([])))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(rootHash(0, memoryTree([]))).toEqual(EMPTY_ROOT);
  });

  it('gives the RFC 6962 reference tree its known root at every size', () => {
    const hashOf = memoryTree(referenceLeaves);
    for (let size = 1; size <= 8; size++)
      expect(toHex(rootHash(size, hashOf))).toBe(referenceRoots[size - 1]);
    expect(toHex(rootHash(8, hashOf))).toBe(
      '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
    );
  });

  it('covers a range with perfect subtrees, largest first', () => {
    expect(perfectCover({ start: 0, end: 7 })).toEqual([
      { level: 2, index: 0 },
      { level: 1, index: 2 },
      { level: 0, index: 6 },
    ]);
    expect(perfectCover({ start: 8, end: 12 })).toEqual([{ level: 2, index: 2 }]);
    expect(perfectCover({ start: 2 ** 52, end: 2 ** 53 - 1 })).toHaveLength(52);
  });

  it('refuses ranges that are not nodes of a tree', () => {
    expect(reasonOf(() => perfectCover({ start: 1, end: 3 }))).toBe('bad-argument');
    expect(reasonOf(() => perfectCover({ start: 4, end: 4 }))).toBe('bad-argument');
    expect(reasonOf(() => perfectCover({ start: -1, end: 4 }))).toBe('bad-argument');
  });

  it('refuses a stored hash of the wrong size', () => {
    expect(reasonOf(() => rangeHash({ start: 0, end: 2 }, () => new Uint8Array(31)))).toBe('bad-hash-size');
  });
});

describe('proof ranges', () => {
  it('lists the inclusion proof of the reference tree in RFC 9162 order (leaf first)', () => {
    expect(inclusionProofRanges(2, 5)).toEqual([
      { start: 3, end: 4 },
      { start: 0, end: 2 },
      { start: 4, end: 5 },
    ]);
    expect(inclusionProofRanges(0, 1)).toEqual([]);
  });

  it('lists the consistency proof of the reference tree in RFC 9162 order', () => {
    expect(consistencyProofRanges(3, 7)).toEqual([
      { start: 2, end: 3 },
      { start: 3, end: 4 },
      { start: 0, end: 2 },
      { start: 4, end: 7 },
    ]);
    expect(consistencyProofRanges(4, 7)).toEqual([{ start: 4, end: 7 }]);
    expect(consistencyProofRanges(5, 5)).toEqual([]);
  });

  it('rejects arguments no proof exists for', () => {
    expect(reasonOf(() => inclusionProofRanges(3, 3))).toBe('index-out-of-range');
    expect(reasonOf(() => inclusionProofRanges(0, 0))).toBe('index-out-of-range');
    expect(reasonOf(() => inclusionProofRanges(-1, 3))).toBe('bad-argument');
    expect(reasonOf(() => inclusionProofRanges(0.5, 3))).toBe('bad-argument');
    expect(reasonOf(() => inclusionProofRanges(0, 2 ** 53))).toBe('bad-argument');
    expect(reasonOf(() => consistencyProofRanges(4, 3))).toBe('size-order');
    expect(reasonOf(() => consistencyProofRanges(0, 3))).toBe('empty-tree');
    expect(reasonOf(() => consistencyProofRanges(Number.NaN, 3))).toBe('bad-argument');
  });
});

describe('proofs of the RFC 6962 reference tree (transparency-dev/merkle known answers)', () => {
  const hashOf = memoryTree(referenceLeaves);
  const root = (size: number): Uint8Array => hex(referenceRoots[size - 1]!);
  const inclusions: [number, number, string[]][] = [
    [
      0,
      8,
      [
        '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
        '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
        '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
      ],
    ],
    [
      5,
      8,
      [
        'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
        'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
        'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
      ],
    ],
    [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
    [
      1,
      5,
      [
        '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
        '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
        'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      ],
    ],
  ];
  const consistencies: [number, number, string[]][] = [
    [
      1,
      8,
      [
        '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
        '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
        '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
      ],
    ],
    [
      6,
      8,
      [
        '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
        'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
        'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
      ],
    ],
    [
      2,
      5,
      [
        '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
        'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      ],
    ],
    [
      6,
      7,
      [
        '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
        'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
        'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
      ],
    ],
  ];

  it.each(inclusions)(
    'builds and verifies the inclusion proof of leaf %i in the tree of %i',
    (index, size, want) => {
      const proof = buildInclusionProof(index, size, hashOf);
      expect(proof.map(toHex)).toEqual(want);
      const leaf = leafHash(referenceLeaves[index]!);
      expect(() => verifyInclusion(index, size, leaf, proof, root(size))).not.toThrow();
      expect(toHex(rootFromInclusionProof(index, size, leaf, proof))).toBe(referenceRoots[size - 1]);
    },
  );

  it.each(consistencies)('builds and verifies the consistency proof from %i to %i', (size1, size2, want) => {
    const proof = buildConsistencyProof(size1, size2, hashOf);
    expect(proof.map(toHex)).toEqual(want);
    expect(() => verifyConsistency(size1, size2, proof, root(size1), root(size2))).not.toThrow();
  });
});

describe('proofs of any tree (properties)', () => {
  const treeSize = fc.integer({ min: 1, max: 300 });
  const largeSize = fc.integer({ min: 2 ** 20, max: Number.MAX_SAFE_INTEGER });

  it('proves every leaf of a tree of 1..300 entries with a proof of the RFC length', () => {
    fc.assert(
      fc.property(treeSize, fc.nat(), (size, seed) => {
        const leaves = distinctLeaves(size, seed);
        const hashOf = memoryTree(leaves);
        const root = rootHash(size, hashOf);
        for (let index = 0; index < size; index++) {
          const proof = buildInclusionProof(index, size, hashOf);
          expect(proof).toHaveLength(inclusionLength(index, size));
          verifyInclusion(index, size, leafHash(leaves[index]!), proof, root);
        }
      }),
      { numRuns: 25 },
    );
  });

  // 45,150 proofs: about a second alone, several on a machine shared with other test runs.
  it('proves consistency between every pair of sizes up to 300', { timeout: 30_000 }, () => {
    const hashOf = memoryTree(distinctLeaves(300));
    const roots = [EMPTY_ROOT, ...Array.from({ length: 300 }, (_, i) => rootHash(i + 1, hashOf))];
    for (let size2 = 1; size2 <= 300; size2++) {
      for (let size1 = 1; size1 <= size2; size1++) {
        const proof = buildConsistencyProof(size1, size2, hashOf);
        if (size1 < size2) expect(proof.length).toBe(consistencyLength(size1, size2));
        verifyConsistency(size1, size2, proof, roots[size1]!, roots[size2]!);
      }
    }
  });

  it('proves inclusion in trees of up to 2^53 − 1 entries', () => {
    fc.assert(
      fc.property(largeSize, fc.double({ min: 0, max: 1, noNaN: true }), (size, where) => {
        const index = Math.min(size - 1, Math.floor(where * size));
        const hashOf = sparseTree(size, [index, size - 1]);
        const proof = buildInclusionProof(index, size, hashOf);
        expect(proof).toHaveLength(inclusionLength(index, size));
        verifyInclusion(index, size, hashOf({ level: 0, index }), proof, rootHash(size, hashOf));
        const wrong = flipBit(proof[0]!, 3);
        expect(
          reasonOf(() =>
            verifyInclusion(
              index,
              size,
              hashOf({ level: 0, index }),
              [wrong, ...proof.slice(1)],
              rootHash(size, hashOf),
            ),
          ),
        ).toBe('root-mismatch');
      }),
      { numRuns: 60 },
    );
  });

  it('proves consistency between trees of up to 2^53 − 1 entries', () => {
    fc.assert(
      fc.property(largeSize, largeSize, (a, b) => {
        const [size1, size2] = a <= b ? [a, b] : [b, a];
        const hashOf = sparseTree(size2, [size1 - 1, size2 - 1, Math.floor(size1 / 3)]);
        const proof = buildConsistencyProof(size1, size2, hashOf);
        if (size1 < size2) expect(proof).toHaveLength(consistencyLength(size1, size2));
        verifyConsistency(size1, size2, proof, rootHash(size1, hashOf), rootHash(size2, hashOf));
      }),
      { numRuns: 60 },
    );
  });

  it('rejects an inclusion proof once any bit of the proof, leaf or root changes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 300 }), fc.nat(), fc.nat(), fc.nat(), (size, seed, at, bit) => {
        const leaves = distinctLeaves(size, seed);
        const hashOf = memoryTree(leaves);
        const index = at % size;
        const proof = buildInclusionProof(index, size, hashOf);
        const leaf = leafHash(leaves[index]!);
        const root = rootHash(size, hashOf);
        const element = bit % proof.length;
        const tampered = proof.map((hash, i) => (i === element ? flipBit(hash, bit) : hash));
        expect(reasonOf(() => verifyInclusion(index, size, leaf, tampered, root))).toBe('root-mismatch');
        expect(reasonOf(() => verifyInclusion(index, size, flipBit(leaf, bit), proof, root))).toBe(
          'root-mismatch',
        );
        expect(reasonOf(() => verifyInclusion(index, size, leaf, proof, flipBit(root, bit)))).toBe(
          'root-mismatch',
        );
        expect(reasonOf(() => verifyInclusion(index, size, leaf, [...proof, root], root))).toBe(
          'wrong-proof-size',
        );
        expect(reasonOf(() => verifyInclusion(index, size, leaf, proof.slice(1), root))).toBe(
          'wrong-proof-size',
        );
      }),
      { numRuns: 200 },
    );
  });

  it('rejects an inclusion proof for another index or another tree size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 300 }), fc.nat(), fc.nat(), fc.nat(), (size, seed, at, other) => {
        const leaves = distinctLeaves(size, seed);
        const hashOf = memoryTree(leaves);
        const index = at % size;
        const proof = buildInclusionProof(index, size, hashOf);
        const leaf = leafHash(leaves[index]!);
        const otherIndex = (index + 1 + (other % (size - 1))) % size;
        expect(
          reasonOf(() => verifyInclusion(otherIndex, size, leaf, proof, rootHash(size, hashOf))),
        ).not.toBe('accepted');
        const otherSize = index + 1 + (other % (size - index));
        if (otherSize !== size) {
          expect(
            reasonOf(() => verifyInclusion(index, otherSize, leaf, proof, rootHash(otherSize, hashOf))),
          ).not.toBe('accepted');
        }
      }),
      { numRuns: 200 },
    );
  });

  it('rejects a consistency proof once any bit of the proof or a root changes, or a size changes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 300 }),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        (size2, seed, a, bit, c) => {
          const hashOf = memoryTree(distinctLeaves(size2, seed));
          const size1 = 1 + (a % (size2 - 1));
          const root = (size: number): Uint8Array => rootHash(size, hashOf);
          const proof = buildConsistencyProof(size1, size2, hashOf);
          const element = bit % proof.length;
          const tampered = proof.map((hash, i) => (i === element ? flipBit(hash, bit) : hash));
          const check = (s1: number, s2: number, p: Uint8Array[], r1: Uint8Array, r2: Uint8Array) =>
            reasonOf(() => verifyConsistency(s1, s2, p, r1, r2));
          expect(check(size1, size2, tampered, root(size1), root(size2))).toBe('root-mismatch');
          expect(check(size1, size2, proof, flipBit(root(size1), bit), root(size2))).toBe('root-mismatch');
          expect(check(size1, size2, proof, root(size1), flipBit(root(size2), bit))).toBe('root-mismatch');
          expect(check(size1, size2, [...proof, root(size1)], root(size1), root(size2))).toBe(
            'wrong-proof-size',
          );
          expect(check(size1, size2, [], root(size1), root(size2))).toBe('wrong-proof-size');
          const otherSize1 = 1 + (c % (size2 - 1));
          if (otherSize1 !== size1) {
            expect(check(otherSize1, size2, proof, root(otherSize1), root(size2))).not.toBe('accepted');
          }
          const otherSize2 = size1 + 1 + (c % (size2 - size1));
          if (otherSize2 !== size2) {
            expect(check(size1, otherSize2, proof, root(size1), root(otherSize2))).not.toBe('accepted');
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('consistency edge cases (as transparency-dev/merkle decides them)', () => {
  const some = leafHash(new Uint8Array([1]));
  it('accepts equal sizes with an empty proof and equal roots', () => {
    expect(reasonOf(() => verifyConsistency(5, 5, [], some, some))).toBe('accepted');
  });
  it('rejects equal sizes with a proof or different roots', () => {
    expect(reasonOf(() => verifyConsistency(5, 5, [some], some, some))).toBe('wrong-proof-size');
    expect(reasonOf(() => verifyConsistency(5, 5, [], some, EMPTY_ROOT))).toBe('root-mismatch');
  });
  it('rejects any proof from the empty tree, even to the empty tree', () => {
    expect(reasonOf(() => verifyConsistency(0, 0, [], EMPTY_ROOT, EMPTY_ROOT))).toBe('empty-tree');
    expect(reasonOf(() => verifyConsistency(0, 3, [], EMPTY_ROOT, some))).toBe('empty-tree');
  });
  it('rejects a shrinking tree', () => {
    expect(reasonOf(() => verifyConsistency(3, 2, [], some, some))).toBe('size-order');
  });
  it('rejects hashes of the wrong size', () => {
    expect(reasonOf(() => verifyInclusion(0, 1, new Uint8Array(0), [], some))).toBe('bad-hash-size');
    expect(reasonOf(() => verifyInclusion(0, 2, some, [new Uint8Array(0)], some))).toBe('bad-hash-size');
    expect(reasonOf(() => verifyConsistency(1, 2, [some], some, new Uint8Array(31)))).toBe('bad-hash-size');
  });
});
