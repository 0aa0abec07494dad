import { leafHash, nodeHash, toBase64 } from '@civitas/tlog';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64Of, expandTile, leafHashOf, nodeHashOf, PackedTile } from './hashing.ts';

describe('server-side hashing', () => {
  it('encodes base64 as the browser-safe library does, also for a view into a larger buffer', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), fc.nat(8), (bytes, offset) => {
        const framed = new Uint8Array(offset + bytes.length + 3);
        framed.set(bytes, offset);
        const view = framed.subarray(offset, offset + bytes.length);
        expect(base64Of(view)).toBe(toBase64(bytes));
      }),
    );
  });

  it('computes the same leaf and node hashes as the browser-safe library', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (data, other) => {
          expect(Buffer.from(leafHashOf(data))).toEqual(Buffer.from(leafHash(data)));
          expect(Buffer.from(nodeHashOf(other, leafHash(data)))).toEqual(
            Buffer.from(nodeHash(other, leafHash(data))),
          );
        },
      ),
    );
  });

  it('packs a tile with the same subtree hashes as expanding it row by row', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 256 }), (width) => {
        const row0 = Array.from({ length: width }, (_, i) => leafHashOf(new Uint8Array([i, width])));
        const rows = expandTile(row0);
        const packed = new PackedTile(Buffer.concat(row0));
        expect(packed.full).toBe(width === 256);
        for (let row = 0; row <= 8; row++) {
          expect(packed.widths[row]).toBe(rows[row]!.length);
          for (const [position, hash] of rows[row]!.entries()) {
            expect(Buffer.from(packed.hash(row, position)!)).toEqual(Buffer.from(hash));
          }
          expect(packed.hash(row, rows[row]!.length)).toBeUndefined();
        }
      }),
      { numRuns: 40 },
    );
  });
});
