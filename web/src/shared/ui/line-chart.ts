/**
 * The geometry every line chart of the app shares (a value over time: lab results, odometer
 * readings): the plotting area inside the axes, the scales from days and values to pixels, round
 * axis steps. Pure arithmetic in pixels, so the charts' own layouts only choose their axes and the
 * component only draws.
 */

export interface PlotArea {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** What `LineChart` draws: every position in pixels, every tick with its value. */
/** A tick on the time axis; its label is centred on it unless `anchor` says otherwise. */
export interface TimeTick {
  x: number;
  anchor?: 'start' | 'middle' | 'end';
}

export interface LineChartLayout<
  Point extends { x: number; y: number } = { x: number; y: number },
  XTick extends TimeTick = TimeTick,
> {
  width: number;
  height: number;
  /** The plotting area inside the axes. */
  plot: PlotArea;
  points: Point[];
  /** SVG path data joining the points in date order. */
  line: string;
  /** A band across the plot (a reference range), or null. */
  band: { top: number; bottom: number } | null;
  yTicks: Array<{ y: number; value: number }>;
  xTicks: XTick[];
}

/** The box a chart's layout fills, and how its value labels will be written (to leave them room). */
export interface LineChartOptions {
  width: number;
  height: number;
  formatValue?: (value: number) => string;
}

const MS_PER_DAY = 86_400_000;
const TOP = 12;
const RIGHT = 16;
const BOTTOM = 28;
/** Pixels per character of a 12px axis label, and the gap between the labels and the axis. */
const CHAR_WIDTH = 7.2;
const LABEL_GAP = 10;

/** Days since 1970-01-01 of a date or date-time (its calendar day as written). */
export function dayNumber(isoDate: string): number {
  const [year, month, day] = isoDate.slice(0, 10).split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/** The smallest "round" step (1, 2, 2.5 or 5 times a power of ten) of at least `rough`. */
export function niceStep(rough: number): number {
  if (!(rough > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/** The plotting area of a `width` × `height` chart whose longest value label is `labelChars` long. */
export function plotArea(width: number, height: number, labelChars: number): PlotArea {
  const left = Math.ceil(Math.max(1, labelChars) * CHAR_WIDTH + LABEL_GAP);
  return {
    left,
    top: TOP,
    right: Math.max(width - RIGHT, left + 1),
    bottom: Math.max(height - BOTTOM, TOP + 1),
  };
}

/**
 * Pixels from days (the time axis runs from `days.start` to `days.end`) and from values (the value
 * axis from `values.low` at the bottom to `values.high` at the top).
 */
export function chartScales(
  plot: PlotArea,
  days: { start: number; end: number },
  values: { low: number; high: number },
): { xOf: (day: number) => number; yOf: (value: number) => number } {
  const daySpan = days.end - days.start || 1;
  const valueSpan = values.high - values.low || 1;
  return {
    xOf: (day) => round(plot.left + ((day - days.start) / daySpan) * (plot.right - plot.left)),
    yOf: (value) => round(plot.bottom - ((value - values.low) / valueSpan) * (plot.bottom - plot.top)),
  };
}

/** SVG path data joining the points in order. */
export function linePath(points: ReadonlyArray<{ x: number; y: number }>): string {
  return points.map((point, i) => `${i === 0 ? 'M' : 'L'}${point.x} ${point.y}`).join(' ');
}

const round = (value: number) => Math.round(value * 10) / 10;
