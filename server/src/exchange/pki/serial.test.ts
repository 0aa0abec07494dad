import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeSerial, randomSerialNumber } from './serial.ts';

describe('serial numbers', () => {
  it('are 16 bytes of lower-case hex with a clear top bit and no leading zero', () => {
    for (let i = 0; i < 200; i++) expect(randomSerialNumber()).toMatch(/^[1-7][0-9a-f]{31}$/);
  });

  it('compare equal whatever their case and leading zeros', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9a-f]{1,40}$/), fc.nat(3), (hex, zeros) => {
        expect(normalizeSerial('0'.repeat(zeros) + hex.toUpperCase())).toBe(normalizeSerial(hex));
      }),
    );
    expect(normalizeSerial('000')).toBe('0');
  });
});
