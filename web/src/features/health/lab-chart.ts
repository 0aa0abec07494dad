/**
 * The geometry of a result's trend chart: values over time, the reference range as a band, values
 * outside it marked. Pure arithmetic in pixels, so the component only draws and the scaling is
 * tested here.
 */
import type { ResultFlag, ResultRange } from './lab-results.ts';

export interface TrendInput {
  date: string;
  value: number;
  flag: ResultFlag;
}

export interface TrendPoint extends TrendInput {
  x: number;
  y: number;
  /** Above or below the range (or flagged abnormal by the lab). */
  outOfRange: boolean;
}

export interface TrendChartLayout {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  points: TrendPoint[];
  /** SVG path data joining the values in date order. */
  line: string;
  /** The reference range as a band across the plot (open ends reach the plot's edge); null without a range. */
  band: { top: number; bottom: number } | null;
  yTicks: Array<{ y: number; value: number }>;
  xTicks: Array<{ x: number; date: string }>;
}

export interface TrendOptions {
  width: number;
  height: number;
  /** How the value axis labels will be written, to leave them room. */
  formatValue?: (value: number) => string;
}

const TOP = 10;
const RIGHT = 14;
const BOTTOM = 26;
const CHAR_WIDTH = 7.2;
const LABEL_GAP = 8;
/** The room a date label ("03/2026", "03.2026 г.") needs. */
const MIN_DATE_SPACING = 72;
const MS_PER_DAY = 86_400_000;

/** The smallest "round" step (1, 2, 2.5 or 5 times a power of ten) of at least `rough`. */
export function niceStep(rough: number): number {
  if (!(rough > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/** Round ticks covering [min, max] in about `intervals` steps (a flat series still gets a span). */
export function valueTicks(min: number, max: number, intervals = 4): number[] {
  const span = max - min;
  const padding = span > 0 ? span * 0.1 : Math.max(Math.abs(max) * 0.1, 1);
  // Nothing measured here is below zero: the axis never starts below it.
  const low = min >= 0 ? Math.max(0, min - padding) : min - padding;
  const high = max + padding;
  const step = niceStep((high - low) / intervals);
  const first = Math.floor(low / step) * step;
  const ticks: number[] = [];
  for (let value = first; value < high + step * 0.999; value += step) ticks.push(tidy(value));
  return ticks;
}

/** Days since the epoch of a date or date-time (its calendar day as written). */
export function dayOf(isoDate: string): number {
  const [year, month, day] = isoDate.slice(0, 10).split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

const isOut = (flag: ResultFlag) => flag === 'high' || flag === 'low' || flag === 'abnormal';

/** Lays the values (oldest first) and their range out in a `width` × `height` box. */
export function trendChartLayout(
  values: readonly TrendInput[],
  range: ResultRange | null,
  { width, height, formatValue = String }: TrendOptions,
): TrendChartLayout {
  const sorted = values.toSorted((a, b) => a.date.localeCompare(b.date));
  const measured = sorted.map((point) => point.value);
  const bounds = [
    ...measured,
    ...(range?.low != null ? [range.low] : []),
    ...(range?.high != null ? [range.high] : []),
  ];
  const ticks = valueTicks(
    Math.min(...bounds, Number.POSITIVE_INFINITY),
    Math.max(...bounds, Number.NEGATIVE_INFINITY),
  );
  const bottomValue = ticks[0] ?? 0;
  const topValue = ticks.at(-1) ?? 1;
  const labelChars = Math.max(1, ...ticks.map((value) => formatValue(value).length));
  const plot = {
    left: Math.ceil(labelChars * CHAR_WIDTH + LABEL_GAP),
    top: TOP,
    right: Math.max(width - RIGHT, 0),
    bottom: Math.max(height - BOTTOM, TOP + 1),
  };
  plot.right = Math.max(plot.right, plot.left + 1);
  const plotWidth = plot.right - plot.left;
  const plotHeight = plot.bottom - plot.top;

  const firstDay = sorted[0] ? dayOf(sorted[0].date) : 0;
  const lastDay = sorted.at(-1) ? dayOf(sorted.at(-1)!.date) : 0;
  // A single day (or one value) sits in the middle; otherwise a little room on each side.
  const margin = lastDay > firstDay ? (lastDay - firstDay) * 0.05 : 1;
  const startDay = firstDay - margin;
  const endDay = lastDay + margin;
  const xOf = (day: number) => round(plot.left + ((day - startDay) / (endDay - startDay)) * plotWidth);
  const yOf = (value: number) =>
    round(plot.bottom - ((value - bottomValue) / (topValue - bottomValue || 1)) * plotHeight);
  const clampY = (y: number) => Math.min(plot.bottom, Math.max(plot.top, y));

  const points = sorted.map((point) => ({
    ...point,
    x: xOf(dayOf(point.date)),
    y: yOf(point.value),
    outOfRange: isOut(point.flag),
  }));
  const band =
    range && (range.low !== null || range.high !== null)
      ? {
          top: clampY(range.high !== null ? yOf(range.high) : plot.top),
          bottom: clampY(range.low !== null ? yOf(range.low) : plot.bottom),
        }
      : null;

  const xTicks = spacedTicks(
    points.map((point) => ({ x: point.x, date: point.date.slice(0, 10) })),
    MIN_DATE_SPACING,
  );
  return {
    width,
    height,
    plot,
    points,
    line: points.map((point, i) => `${i === 0 ? 'M' : 'L'}${point.x} ${point.y}`).join(' '),
    band,
    yTicks: ticks.map((value) => ({ y: yOf(value), value })),
    xTicks,
  };
}

/**
 * The measured dates to label on the time axis: the last one always, then going back, each at
 * least `spacing` pixels from the one labelled after it, so that no two labels overlap.
 */
export function spacedTicks(
  ticks: ReadonlyArray<{ x: number; date: string }>,
  spacing: number,
): Array<{ x: number; date: string }> {
  const picked: Array<{ x: number; date: string }> = [];
  for (const tick of ticks.toReversed()) {
    const next = picked[0];
    if (!next || next.x - tick.x >= spacing) picked.unshift(tick);
  }
  return picked;
}

const round = (value: number) => Math.round(value * 10) / 10;
const tidy = (value: number) => Number.parseFloat(value.toPrecision(12));
