import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesKey, fromBase64Url, toBase64, toBase64Url } from './crypto.ts';

describe('mdoc base64', () => {
  it('agrees with Node for every byte string, both alphabets, and round-trips', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
        expect(toBase64Url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
        expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
      }),
    );
  });

  it('refuses characters outside base64url and impossible lengths', () => {
    for (const text of ['a+b/', 'abc=', 'ab c', 'é', 'abcde'])
      expect(() => fromBase64Url(text)).toThrow(TypeError);
  });

  it('gives distinct cache keys to distinct bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.uint8Array({ maxLength: 40 }), (a, b) => {
        expect(bytesKey(a) === bytesKey(b)).toBe(Buffer.from(a).equals(Buffer.from(b)));
      }),
    );
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(new Set(bytesKey(all)).size).toBe(256);
  });
});
