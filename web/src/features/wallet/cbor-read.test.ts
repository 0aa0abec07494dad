import { describe, expect, it } from 'vitest';
import { CborTag, decodeCbor } from './cbor-read.ts';

const hex = (text: string) => Uint8Array.from(text.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));

describe('the CBOR reader the wallet shows mdoc fields with', () => {
  it('reads RFC 8949 Appendix A examples', () => {
    expect(decodeCbor(hex('1903e8'))).toBe(1000);
    expect(decodeCbor(hex('3863'))).toBe(-100);
    expect(decodeCbor(hex('6449455446'))).toBe('IETF');
    expect(decodeCbor(hex('83010203'))).toEqual([1, 2, 3]);
    expect(decodeCbor(hex('f5'))).toBe(true);
    expect(decodeCbor(hex('fb3ff199999999999a'))).toBe(1.1);
    expect(decodeCbor(hex('a201020304'))).toEqual(
      new Map([
        [1, 2],
        [3, 4],
      ]),
    );
  });

  it('opens embedded CBOR (tag 24) and keeps full-dates as text (tag 1004)', () => {
    // 24(<< "a" >>) and 1004("2030-01-01")
    expect(decodeCbor(hex('d818426161'))).toBe('a');
    expect(decodeCbor(hex('d903ec6a323033302d30312d3031'))).toBe('2030-01-01');
    expect(decodeCbor(hex('c11a514b67b0'))).toEqual(new CborTag(1, 1363896240));
  });

  it('refuses truncated, trailing and indefinite input', () => {
    expect(() => decodeCbor(hex('64494554'))).toThrow('truncated');
    expect(() => decodeCbor(hex('0101'))).toThrow('trailing');
    expect(() => decodeCbor(hex('9fff'))).toThrow('indefinite');
  });

  it('refuses input nested too deeply', () => {
    expect(() => decodeCbor(new Uint8Array(100).fill(0x81))).toThrow('deeply');
  });
});
