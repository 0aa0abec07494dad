/**
 * The geometry of the odometer chart: readings over time on a year axis and a km axis that starts
 * at zero. Pure arithmetic in pixels, so the component only draws and the scaling is tested here.
 */
import type { OdometerAnalysis } from './report.ts';

type Reading = Pick<OdometerAnalysis['readings'][number], 'date' | 'km'>;
type Rollback = Pick<OdometerAnalysis['rollbacks'][number], 'toDate' | 'toKm'>;

export interface ChartPoint {
  x: number;
  y: number;
  date: string;
  km: number;
  /** Lower than an earlier reading. */
  rollback: boolean;
}

export interface OdometerChartLayout {
  width: number;
  height: number;
  /** The plotting area inside the axes. */
  plot: { left: number; top: number; right: number; bottom: number };
  points: ChartPoint[];
  /** SVG path data joining the readings in date order. */
  line: string;
  xTicks: Array<{ x: number; year: number }>;
  yTicks: Array<{ y: number; km: number }>;
}

export interface ChartOptions {
  width: number;
  height: number;
  /** How the km axis labels will be written, to leave them room. */
  formatKm?: (km: number) => string;
}

const MS_PER_DAY = 86_400_000;
const TOP = 12;
const RIGHT = 16;
const BOTTOM = 28;
/** Pixels per character of a 12px axis label, and the gap between labels and axis. */
const CHAR_WIDTH = 7.2;
const LABEL_GAP = 10;
/** The least room a year label needs. */
const MIN_YEAR_SPACING = 40;

/** Days since 1970-01-01 of a calendar date (YYYY-MM-DD). */
export function dayNumber(isoDate: string): number {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

const januaryFirst = (year: number) => Date.UTC(year, 0, 1) / MS_PER_DAY;

/** The smallest "round" step (1, 2, 2.5 or 5 times a power of ten) of at least `rough`. */
export function niceStep(rough: number): number {
  if (!(rough > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/** Km axis ticks from 0 up to a round value at or above `maxKm`, in about `intervals` steps. */
export function kmTicks(maxKm: number, intervals = 4): number[] {
  const step = Math.max(1000, niceStep(maxKm / intervals));
  const top = Math.max(step, Math.ceil(maxKm / step) * step);
  const ticks: number[] = [];
  for (let km = 0; km <= top; km += step) ticks.push(km);
  return ticks;
}

/** Year ticks from `firstYear` to `lastYear`, every 1, 2, 5, 10 … years so that at most `maxTicks` fit. */
export function yearTicks(firstYear: number, lastYear: number, maxTicks: number): number[] {
  const span = lastYear - firstYear;
  const steps = [1, 2, 5, 10, 20, 50, 100];
  const step = steps.find((candidate) => Math.floor(span / candidate) + 1 <= Math.max(2, maxTicks)) ?? 100;
  const years: number[] = [];
  for (let year = firstYear; year <= lastYear; year++) if (year % step === 0) years.push(year);
  return years;
}

/**
 * Lays the readings out in a `width` × `height` box. The time axis runs from 1 January of the
 * first reading's year to 1 January after the last one, so every reading has a year on each side.
 */
export function odometerChartLayout(
  readings: readonly Reading[],
  rollbacks: readonly Rollback[],
  { width, height, formatKm = String }: ChartOptions,
): OdometerChartLayout {
  const sorted = readings.toSorted((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const maxKm = sorted.reduce((max, reading) => Math.max(max, reading.km), 0);
  const kms = kmTicks(maxKm);
  const topKm = kms.at(-1)!;
  const labelChars = Math.max(...kms.map((km) => formatKm(km).length));
  const plot = {
    left: Math.ceil(labelChars * CHAR_WIDTH + LABEL_GAP),
    top: TOP,
    right: Math.max(width - RIGHT, 0),
    bottom: Math.max(height - BOTTOM, TOP),
  };
  plot.right = Math.max(plot.right, plot.left + 1);

  const currentYear = new Date().getUTCFullYear();
  const firstYear = sorted[0] ? Number(sorted[0].date.slice(0, 4)) : currentYear;
  const lastYear = (sorted.at(-1) ? Number(sorted.at(-1)!.date.slice(0, 4)) : currentYear) + 1;
  const startDay = januaryFirst(firstYear);
  const endDay = januaryFirst(lastYear);
  const plotWidth = plot.right - plot.left;
  const plotHeight = plot.bottom - plot.top;
  const xOf = (day: number) => round(plot.left + ((day - startDay) / (endDay - startDay)) * plotWidth);
  const yOf = (km: number) => round(plot.bottom - (km / topKm) * plotHeight);

  const rolledBack = new Set(rollbacks.map((rollback) => `${rollback.toDate}|${rollback.toKm}`));
  const points = sorted.map((reading) => ({
    x: xOf(dayNumber(reading.date)),
    y: yOf(reading.km),
    date: reading.date,
    km: reading.km,
    rollback: rolledBack.has(`${reading.date}|${reading.km}`),
  }));
  const maxYearTicks = Math.floor(plotWidth / MIN_YEAR_SPACING) + 1;
  return {
    width,
    height,
    plot,
    points,
    line: points.map((point, i) => `${i === 0 ? 'M' : 'L'}${point.x} ${point.y}`).join(' '),
    xTicks: yearTicks(firstYear, lastYear, maxYearTicks).map((year) => ({
      x: xOf(januaryFirst(year)),
      year,
    })),
    yTicks: kms.map((km) => ({ y: yOf(km), km })),
  };
}

const round = (value: number) => Math.round(value * 10) / 10;
