/**
 * The photo the identity documents register holds for a person: a drawn silhouette (no real
 * face, no external image) with colours and shape derived from the person's number and sex, so the
 * same seed gives the same picture. A small indexed PNG (about 1 kB), well under 10 kB.
 */
import crypto from 'node:crypto';
import zlib from 'node:zlib';

export const PORTRAIT_WIDTH = 90;
export const PORTRAIT_HEIGHT = 120;

const BACKGROUNDS = ['#dfe7ef', '#e8e4da', '#dde8df', '#ece0e4', '#e2e2e2'];
const SKINS = ['#f1c9a5', '#e0ac84', '#c68e63', '#a86f4c', '#f5d6bf'];
const HAIRS = ['#2b1d14', '#4a3021', '#7b5a3a', '#b08a54', '#8d8d8d', '#d9d2c5', '#1c1c1c'];
const CLOTHES = ['#1f3b63', '#3c3c3c', '#5a2e3e', '#2f5d4a', '#6b6b8a', '#7a4b2a'];

type Rgb = [number, number, number];

function rgb(hex: string): Rgb {
  return [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16)) as Rgb;
}

function pick<T>(list: readonly T[], byte: number): T {
  return list[byte % list.length]!;
}

/** Inside an ellipse centred at (cx, cy) with radii rx, ry. */
function inEllipse(x: number, y: number, cx: number, cy: number, rx: number, ry: number): boolean {
  return ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;
}

/** The palette index of each pixel: 0 background, 1 clothes, 2 skin, 3 hair. */
function draw(sex: 'M' | 'F', bytes: Buffer): Uint8Array {
  const pixels = new Uint8Array(PORTRAIT_WIDTH * PORTRAIT_HEIGHT);
  const headRx = 19 + (bytes[4]! % 4);
  const headRy = 25 + (bytes[5]! % 4);
  const [cx, cy] = [PORTRAIT_WIDTH / 2, 50];
  const long = sex === 'F' ? bytes[6]! % 4 !== 0 : bytes[6]! % 9 === 0;
  for (let y = 0; y < PORTRAIT_HEIGHT; y++) {
    for (let x = 0; x < PORTRAIT_WIDTH; x++) {
      let index = 0;
      if (long && inEllipse(x, y, cx, cy + 12, headRx + 7, headRy + 14) && y < 96) index = 3;
      if (inEllipse(x, y, cx, 128, 42, 34)) index = 1;
      if (y > cy && y < 92 && Math.abs(x - cx) < 8) index = 2; // neck
      if (inEllipse(x, y, cx, cy, headRx, headRy)) index = 2;
      if (inEllipse(x, y, cx, cy - 8, headRx + 2, headRy - 6) && y < cy - 10) index = 3;
      pixels[y * PORTRAIT_WIDTH + x] = index;
    }
  }
  return pixels;
}

function crc32(data: Buffer): number {
  let crc = ~0;
  for (const byte of data) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit indexed PNG of the pixels with the palette. */
function png(pixels: Uint8Array, palette: readonly Rgb[]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(PORTRAIT_WIDTH, 0);
  header.writeUInt32BE(PORTRAIT_HEIGHT, 4);
  header.set([8, 3, 0, 0, 0], 8); // bit depth 8, indexed colour, deflate, no filter, no interlace
  const rows = Buffer.alloc((PORTRAIT_WIDTH + 1) * PORTRAIT_HEIGHT);
  for (let y = 0; y < PORTRAIT_HEIGHT; y++) {
    rows[y * (PORTRAIT_WIDTH + 1)] = 0;
    rows.set(pixels.subarray(y * PORTRAIT_WIDTH, (y + 1) * PORTRAIT_WIDTH), y * (PORTRAIT_WIDTH + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('PLTE', Buffer.from(palette.flat())),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The person's portrait as PNG bytes: the same person and seed always give the same bytes. */
export function portraitOf(person: { egn: string; sex: 'M' | 'F'; birthYear: number }, seed: string): Buffer {
  const bytes = crypto.createHash('sha256').update(`${seed}\u0000portrait\u0000${person.egn}`).digest();
  // Grey hair grows likelier with age.
  const grey = person.birthYear < 1960 && bytes[3]! % 3 !== 0;
  const palette: Rgb[] = [
    rgb(pick(BACKGROUNDS, bytes[0]!)),
    rgb(pick(CLOTHES, bytes[1]!)),
    rgb(pick(SKINS, bytes[2]!)),
    rgb(grey ? pick(HAIRS.slice(4, 6), bytes[3]!) : pick(HAIRS.slice(0, 4), bytes[3]!)),
  ];
  return png(draw(person.sex, bytes), palette);
}
