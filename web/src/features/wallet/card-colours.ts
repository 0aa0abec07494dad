/**
 * A document card's colours from the catalogue, made readable: WCAG 2 asks 4.5:1 between text and
 * background, so a background too close to its text is darkened (light text) or lightened (dark
 * text) step by step until it is.
 */
const HEX = /^#([0-9a-f]{6})$/i;

type Rgb = [number, number, number];

function rgbOf(hex: string): Rgb | null {
  const match = HEX.exec(hex);
  if (!match) return null;
  const value = Number.parseInt(match[1] as string, 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

const hexOf = (rgb: Rgb) => `#${rgb.map((part) => Math.round(part).toString(16).padStart(2, '0')).join('')}`;

function luminance([r, g, b]: Rgb): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

export function contrast(a: string, b: string): number {
  const [x, y] = [rgbOf(a), rgbOf(b)];
  if (!x || !y) return 1;
  const [light, dark] = [luminance(x), luminance(y)].sort((p, q) => q - p) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

export function readableColours(background: string, text: string): { background: string; text: string } {
  let rgb = rgbOf(background);
  const textRgb = rgbOf(text);
  if (!rgb || !textRgb) return { background: '#1f2933', text: '#ffffff' };
  const darken = luminance(textRgb) > 0.5;
  for (let step = 0; step < 40 && contrast(hexOf(rgb), text) < 4.5; step++) {
    rgb = rgb.map((part) => (darken ? part * 0.92 : part + (255 - part) * 0.12)) as Rgb;
  }
  return { background: hexOf(rgb), text };
}
