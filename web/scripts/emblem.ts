/**
 * The Civitas emblem, a classical public building, as a handful of flat shapes in a unit
 * square. The same shapes become the SVG icon and the PNG icons, so the two never drift apart.
 */

export type Colour = readonly [red: number, green: number, blue: number];

export type Shape =
  | { kind: 'rect'; x: number; y: number; width: number; height: number; radius: number; fill: Colour }
  | { kind: 'polygon'; points: ReadonlyArray<readonly [number, number]>; fill: Colour };

export const BRAND_GREEN: Colour = [0x00, 0x56, 0x3f];
export const BRAND_GREEN_HEX = '#00563f';
const WHITE: Colour = [0xff, 0xff, 0xff];

const rect = (x: number, y: number, width: number, height: number, radius = 0): Shape => ({
  kind: 'rect',
  x,
  y,
  width,
  height,
  radius,
  fill: WHITE,
});

const COLUMN_LEFT_EDGES = [0.22, 0.38, 0.54, 0.7];

const building: Shape[] = [
  {
    kind: 'polygon',
    points: [
      [0.5, 0.18],
      [0.83, 0.36],
      [0.17, 0.36],
    ],
    fill: WHITE,
  },
  rect(0.2, 0.39, 0.6, 0.05),
  ...COLUMN_LEFT_EDGES.map((x) => rect(x, 0.47, 0.08, 0.23)),
  rect(0.17, 0.73, 0.66, 0.05),
  rect(0.12, 0.8, 0.76, 0.05),
];
const BUILDING_CENTRE = { x: 0.5, y: 0.515 };

/**
 * `maskable` icons are cropped by the platform to any shape inside the central 80% circle,
 * so the background bleeds to the edges and the building shrinks into that safe zone.
 */
export function emblemShapes(variant: 'any' | 'maskable'): Shape[] {
  if (variant === 'any') {
    return [{ ...rect(0, 0, 1, 1, 0.1875), fill: BRAND_GREEN }, ...building];
  }
  const scale = 0.74;
  return [{ ...rect(0, 0, 1, 1), fill: BRAND_GREEN }, ...building.map((shape) => scaled(shape, scale))];
}

function scaled(shape: Shape, scale: number): Shape {
  const x = (value: number) => 0.5 + (value - BUILDING_CENTRE.x) * scale;
  const y = (value: number) => 0.5 + (value - BUILDING_CENTRE.y) * scale;
  if (shape.kind === 'polygon') {
    return { ...shape, points: shape.points.map(([px, py]) => [x(px), y(py)] as const) };
  }
  return {
    ...shape,
    x: x(shape.x),
    y: y(shape.y),
    width: shape.width * scale,
    height: shape.height * scale,
    radius: shape.radius * scale,
  };
}

export function contains(shape: Shape, px: number, py: number): boolean {
  if (shape.kind === 'polygon') return insidePolygon(shape.points, px, py);
  const { x, y, width, height, radius } = shape;
  if (px < x || px > x + width || py < y || py > y + height) return false;
  // Inside the bounding box: only the four corner squares can still fall outside the curve.
  const cornerX = Math.min(Math.max(px, x + radius), x + width - radius);
  const cornerY = Math.min(Math.max(py, y + radius), y + height - radius);
  return (px - cornerX) ** 2 + (py - cornerY) ** 2 <= radius ** 2;
}

function insidePolygon(points: ReadonlyArray<readonly [number, number]>, px: number, py: number): boolean {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i]!;
    const [xj, yj] = points[j]!;
    if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function toSvg(shapes: Shape[], size = 512): string {
  const n = (value: number) => Number((value * size).toFixed(2));
  const hex = ([r, g, b]: Colour) => `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
  const elements = shapes.map((shape) =>
    shape.kind === 'polygon'
      ? `<polygon points="${shape.points.map(([x, y]) => `${n(x)},${n(y)}`).join(' ')}" fill="${hex(shape.fill)}"/>`
      : `<rect x="${n(shape.x)}" y="${n(shape.y)}" width="${n(shape.width)}" height="${n(shape.height)}"${
          shape.radius ? ` rx="${n(shape.radius)}"` : ''
        } fill="${hex(shape.fill)}"/>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" role="img" aria-label="Civitas">`,
    ...elements.map((element) => `  ${element}`),
    '</svg>',
    '',
  ].join('\n');
}
