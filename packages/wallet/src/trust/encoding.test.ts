import fc from 'fast-check';
import { expect, test } from 'vitest';
import { base64, base64url, fromBase64, fromBase64url } from './encoding.ts';

test('base64url and base64 round-trip any bytes, and match Node', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
      expect(base64url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
      expect(fromBase64url(base64url(bytes))).toEqual(bytes);
      expect(fromBase64(base64(bytes))).toEqual(bytes);
    }),
  );
});

test('only the canonical encoding decodes: padding, foreign characters and stray bits are refused', () => {
  expect(() => fromBase64url('AQ==')).toThrow();
  expect(() => fromBase64url('A+/Q')).toThrow();
  expect(() => fromBase64url('A')).toThrow();
  expect(() => fromBase64url('AR')).toThrow(/canonical/);
  expect(fromBase64url('AQ')).toEqual(new Uint8Array([1]));
  expect(() => fromBase64('AQ')).toThrow();
  expect(() => fromBase64('AQ==\n')).toThrow();
});
