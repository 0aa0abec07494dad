import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PORTRAIT_HEIGHT, PORTRAIT_WIDTH, portraitOf } from './portrait.ts';

/** The PNG's chunks, each checked against its CRC by re-encoding nothing: only structure and sizes. */
function chunks(png: Buffer): Array<{ type: string; data: Buffer }> {
  const found: Array<{ type: string; data: Buffer }> = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    found.push({ type: png.toString('latin1', at + 4, at + 8), data: png.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
  }
  return found;
}

describe('portraitOf', () => {
  const person = { egn: '8507146243', sex: 'M' as const, birthYear: 1985 };

  it('is a well-formed PNG of the portrait size, under 10 kB', () => {
    const png = portraitOf(person, 'seed');
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.length).toBeLessThan(10_240);
    const parts = chunks(png);
    expect(parts.map((part) => part.type)).toEqual(['IHDR', 'PLTE', 'IDAT', 'IEND']);
    expect(parts[0]!.data.readUInt32BE(0)).toBe(PORTRAIT_WIDTH);
    expect(parts[0]!.data.readUInt32BE(4)).toBe(PORTRAIT_HEIGHT);
    const raw = zlib.inflateSync(parts[2]!.data);
    expect(raw.length).toBe((PORTRAIT_WIDTH + 1) * PORTRAIT_HEIGHT);
    // A face: the centre of the head is skin (palette index 2), the top corner background (0).
    expect(raw[50 * (PORTRAIT_WIDTH + 1) + 1 + PORTRAIT_WIDTH / 2]).toBe(2);
    expect(raw[1]).toBe(0);
  });

  it('is the same for the same person and seed, and differs between people and seeds', () => {
    const png = portraitOf(person, 'seed');
    expect(portraitOf(person, 'seed').equals(png)).toBe(true);
    expect(portraitOf(person, 'other seed').equals(png)).toBe(false);
    expect(portraitOf({ ...person, egn: '8507146254' }, 'seed').equals(png)).toBe(false);
  });
});
