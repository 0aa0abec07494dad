import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_ROOT,
  equalBytes,
  fromBase64,
  HASH_SIZE,
  leafHash,
  nodeHash,
  toBase64,
  toHex,
} from './hash.ts';

const utf8 = new TextEncoder();

describe('RFC 9162 hashing', () => {
  it('hashes the empty tree, an empty leaf and a node to their known values', () => {
    expect(toHex(EMPTY_ROOT)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(toHex(leafHash(new Uint8Array(0)))).toBe(
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    );
    const left = leafHash(new Uint8Array(0));
    const right = leafHash(Uint8Array.of(0));
    expect(toHex(nodeHash(left, right))).toBe(
      'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    );
    expect(HASH_SIZE).toBe(32);
  });

  it('separates leaves from nodes', () => {
    const a = leafHash(utf8.encode('a'));
    const b = leafHash(utf8.encode('b'));
    expect(equalBytes(leafHash(new Uint8Array([...a, ...b])), nodeHash(a, b))).toBe(false);
  });

  it('compares bytes', () => {
    expect(equalBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBe(true);
    expect(equalBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 3))).toBe(false);
    expect(equalBytes(Uint8Array.of(1), Uint8Array.of(1, 0))).toBe(false);
  });
});

describe('base64', () => {
  it('encodes the RFC 4648 test vectors', () => {
    const vectors = ['', 'Zg==', 'Zm8=', 'Zm9v', 'Zm9vYg==', 'Zm9vYmE=', 'Zm9vYmFy'];
    vectors.forEach((want, i) => {
      expect(toBase64(utf8.encode('foobar'.slice(0, i)))).toBe(want);
      expect(fromBase64(want)).toEqual(utf8.encode('foobar'.slice(0, i)));
    });
    expect(toBase64(Uint8Array.of(0xfb, 0xff, 0xbf))).toBe('+/+/');
  });

  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        expect(fromBase64(toBase64(bytes))).toEqual(bytes);
      }),
    );
  });

  it.each(['Zg', 'Zg=', 'Zh==', 'Zm9=', 'Z===', '====', 'Zg==Zg==', 'Zm9v\n', ' Zm9v', 'Zm-v', 'Zm_v'])(
    'rejects %j',
    (text) => {
      expect(() => fromBase64(text)).toThrow(SyntaxError);
    },
  );

  it('accepts only the canonical encoding of any bytes', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'AZaz09+/=x'), maxLength: 12 }), (text) => {
        let decoded: Uint8Array | null = null;
        try {
          decoded = fromBase64(text);
        } catch {
          return;
        }
        expect(toBase64(decoded)).toBe(text);
      }),
    );
  });

  it('writes lower-case hex', () => {
    expect(toHex(Uint8Array.of(0, 15, 160, 255))).toBe('000fa0ff');
  });
});
