/**
 * Renders the Civitas emblem to the icons the web app manifest and index.html refer to.
 * Run from the repository root: `node web/scripts/make-icons.ts` (Node 24 strips the types).
 * The outputs are committed, so the build does not depend on running this.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { contains, emblemShapes, type Shape, toSvg } from './emblem.ts';
import { encodePng, type RgbaImage } from './png.ts';

const OUTPUT_DIR = new URL('../public/icons/', import.meta.url);
// 4 x 4 samples per pixel smooth the diagonal edges of the pediment.
const SAMPLES_PER_AXIS = 4;

function rasterize(shapes: Shape[], size: number): RgbaImage {
  const pixels = new Uint8Array(size * size * 4);
  const samples = SAMPLES_PER_AXIS * SAMPLES_PER_AXIS;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let red = 0;
      let green = 0;
      let blue = 0;
      let covered = 0;
      for (let sy = 0; sy < SAMPLES_PER_AXIS; sy++) {
        for (let sx = 0; sx < SAMPLES_PER_AXIS; sx++) {
          const x = (px + (sx + 0.5) / SAMPLES_PER_AXIS) / size;
          const y = (py + (sy + 0.5) / SAMPLES_PER_AXIS) / size;
          const top = shapes.findLast((shape) => contains(shape, x, y));
          if (!top) continue;
          red += top.fill[0];
          green += top.fill[1];
          blue += top.fill[2];
          covered++;
        }
      }
      const offset = (py * size + px) * 4;
      if (covered === 0) continue;
      pixels[offset] = Math.round(red / covered);
      pixels[offset + 1] = Math.round(green / covered);
      pixels[offset + 2] = Math.round(blue / covered);
      pixels[offset + 3] = Math.round((255 * covered) / samples);
    }
  }
  return { width: size, height: size, pixels };
}

const outputs: Array<{ file: string; variant: 'any' | 'maskable'; size: number }> = [
  { file: 'icon-192.png', variant: 'any', size: 192 },
  { file: 'icon-512.png', variant: 'any', size: 512 },
  { file: 'icon-maskable-192.png', variant: 'maskable', size: 192 },
  { file: 'icon-maskable-512.png', variant: 'maskable', size: 512 },
  // iOS ignores the manifest icons and masks apple-touch-icon itself, so it gets the full-bleed variant.
  { file: 'apple-touch-icon-180.png', variant: 'maskable', size: 180 },
];

mkdirSync(OUTPUT_DIR, { recursive: true });
for (const { file, variant, size } of outputs) {
  writeFileSync(new URL(file, OUTPUT_DIR), encodePng(rasterize(emblemShapes(variant), size)));
  console.log(`wrote web/public/icons/${file}`);
}
writeFileSync(new URL('icon.svg', OUTPUT_DIR), toSvg(emblemShapes('any')));
console.log('wrote web/public/icons/icon.svg');
