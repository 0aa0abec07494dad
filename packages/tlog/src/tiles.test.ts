import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeEntryBundle,
  encodeEntryBundle,
  entriesPath,
  parseTilePath,
  TileError,
  type TileErrorReason,
  tileCount,
  tilePath,
  tileSubtrees,
} from './tiles.ts';

function reasonOf(action: () => unknown): TileErrorReason | 'accepted' {
  try {
    action();
    return 'accepted';
  } catch (error) {
    if (error instanceof TileError) return error.reason;
    throw error;
  }
}

describe('tile paths', () => {
  it('encodes indexes in 3-digit groups as the spec shows', () => {
    expect(tilePath(0, 1234067)).toBe('tile/0/x001/x234/067');
    expect(tilePath(2, 0)).toBe('tile/2/000');
    expect(tilePath(1, 1000)).toBe('tile/1/x001/000');
    expect(tilePath(63, 5, 17)).toBe('tile/63/005.p/17');
    expect(entriesPath(1234067)).toBe('tile/entries/x001/x234/067');
    expect(entriesPath(0, 255)).toBe('tile/entries/000.p/255');
    expect(tilePath(0, Number.MAX_SAFE_INTEGER)).toBe('tile/0/x009/x007/x199/x254/x740/991');
  });

  it('refuses coordinates no path exists for', () => {
    expect(reasonOf(() => tilePath(64, 0))).toBe('bad-argument');
    expect(reasonOf(() => tilePath(-1, 0))).toBe('bad-argument');
    expect(reasonOf(() => tilePath(0, 0, 0))).toBe('bad-argument');
    expect(reasonOf(() => tilePath(0, 0, 257))).toBe('bad-argument');
    expect(reasonOf(() => entriesPath(2 ** 53))).toBe('bad-argument');
    expect(reasonOf(() => entriesPath(1.5))).toBe('bad-argument');
  });

  it('parses what it encodes', () => {
    const width = fc.integer({ min: 1, max: 256 });
    const index = fc.oneof(fc.nat(2000), fc.maxSafeNat());
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 63 }), index, width, (level, n, w) => {
        expect(parseTilePath(tilePath(level, n, w))).toEqual({ kind: 'hash', level, index: n, width: w });
        expect(parseTilePath(entriesPath(n, w))).toEqual({ kind: 'entries', index: n, width: w });
      }),
    );
  });

  it.each([
    'tile/00/000',
    'tile/01/000',
    'tile/64/000',
    'tile/-1/000',
    'tile/0/0',
    'tile/0/00',
    'tile/0/0000',
    'tile/0/x000/001',
    'tile/0/x001',
    'tile/0/001/002',
    'tile/0/X001/000',
    'tile/0/x01/000',
    'tile/0/000.p/0',
    'tile/0/000.p/256',
    'tile/0/000.p/017',
    'tile/0/000.p/',
    'tile/0/000.p',
    'tile/0/000/',
    '/tile/0/000',
    'tile//000',
    'tile/0/000?x',
    'tile/entries/x000/000',
    'tile/entries/000.p/300',
    'tile/Entries/000',
    'tile/0/x009/x007/x199/x254/x740/992',
    'tile/0/x999/x999/x999/x999/x999/x999/999',
    'tiles/0/000',
    '',
  ])('rejects %j', (path) => {
    expect(parseTilePath(path)).toBeNull();
  });

  it('accepts only canonical encodings when a path is mutated', () => {
    const edit = fc.tuple(
      fc.nat(),
      fc.constantFrom(...'0123456789x/.pe-'),
      fc.constantFrom('insert', 'delete', 'replace'),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 63 }),
        fc.maxSafeNat(),
        fc.integer({ min: 1, max: 256 }),
        edit,
        (l, n, w, e) => {
          const path = tilePath(l, n, w);
          const [at, char, how] = e;
          const i = at % (path.length + 1);
          const mutated =
            how === 'insert'
              ? path.slice(0, i) + char + path.slice(i)
              : path.slice(0, i) + (how === 'replace' ? char : '') + path.slice(i + 1);
          const parsed = parseTilePath(mutated);
          if (parsed === null) return;
          const again =
            parsed.kind === 'hash'
              ? tilePath(parsed.level, parsed.index, parsed.width)
              : entriesPath(parsed.index, parsed.width);
          expect(again).toBe(mutated);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('tile counts', () => {
  it('matches the spec example of a tree of 70,000 entries', () => {
    expect(tileCount(70_000, 0)).toEqual({ full: 273, partialWidth: 112 });
    expect(tileCount(70_000, 1)).toEqual({ full: 1, partialWidth: 17 });
    expect(tileCount(70_000, 2)).toEqual({ full: 0, partialWidth: 1 });
    expect(tileCount(70_000, 3)).toEqual({ full: 0, partialWidth: 0 });
  });

  it('represents a tree of 256 entries as one full level-0 tile and a level-1 tile of width 1', () => {
    expect(tileCount(256, 0)).toEqual({ full: 1, partialWidth: 0 });
    expect(tileCount(256, 1)).toEqual({ full: 0, partialWidth: 1 });
  });

  it('lists the perfect subtrees a tile holds', () => {
    expect(tileSubtrees(1, 2, 3)).toEqual([
      { level: 8, index: 512 },
      { level: 8, index: 513 },
      { level: 8, index: 514 },
    ]);
    expect(tileSubtrees(0, 0)).toHaveLength(256);
  });
});

describe('entry bundles', () => {
  it('prefixes each entry with its big-endian 16-bit length', () => {
    const bundle = encodeEntryBundle([Uint8Array.of(7), new Uint8Array(0), new Uint8Array(0x102).fill(9)]);
    expect([...bundle.subarray(0, 5)]).toEqual([0, 1, 7, 0, 0]);
    expect([...bundle.subarray(5, 8)]).toEqual([1, 2, 9]);
    expect(bundle).toHaveLength(3 + 2 + 2 + 0x102);
  });

  it('round-trips up to 256 entries', () => {
    const entries = fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 256 });
    fc.assert(
      fc.property(entries, (list) => {
        expect(decodeEntryBundle(encodeEntryBundle(list))).toEqual(list);
      }),
      { numRuns: 50 },
    );
  });

  it('holds entries of up to 65535 bytes and refuses larger ones', () => {
    const largest = new Uint8Array(0xffff).fill(1);
    expect(decodeEntryBundle(encodeEntryBundle([largest]))).toEqual([largest]);
    expect(reasonOf(() => encodeEntryBundle([new Uint8Array(0x10000)]))).toBe('entry-too-large');
  });

  it('refuses more than 256 entries', () => {
    const many = Array.from({ length: 257 }, () => new Uint8Array(0));
    expect(reasonOf(() => encodeEntryBundle(many))).toBe('too-many-entries');
    expect(reasonOf(() => decodeEntryBundle(new Uint8Array(2 * 257)))).toBe('too-many-entries');
  });

  it('rejects any truncated bundle', () => {
    const bundle = encodeEntryBundle([Uint8Array.of(1, 2, 3), Uint8Array.of(4, 5)]);
    for (let length = 1; length < bundle.length; length++) {
      if (length === 5) continue; // exactly the first entry: a valid bundle of one
      expect(reasonOf(() => decodeEntryBundle(bundle.subarray(0, length)))).toBe('malformed-bundle');
    }
    expect(decodeEntryBundle(bundle.subarray(0, 5))).toEqual([Uint8Array.of(1, 2, 3)]);
  });
});
