/**
 * The layout of the odometer chart: readings over time on a year axis and a km axis that starts
 * at zero. Pure arithmetic in pixels (`shared/ui/line-chart.ts`), so the chart only draws.
 */
import {
  chartScales,
  dayNumber,
  type LineChartLayout,
  type LineChartOptions,
  linePath,
  niceStep,
  plotArea,
} from '../../shared/ui/line-chart.ts';
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

/** The value ticks are km. */
export type OdometerChartLayout = LineChartLayout<ChartPoint, { x: number; year: number }>;

/** The least room a year label needs. */
const MIN_YEAR_SPACING = 40;

const januaryFirst = (year: number) => dayNumber(`${year}-01-01`);

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
  { width, height, formatValue: formatKm = String }: LineChartOptions,
): OdometerChartLayout {
  const sorted = readings.toSorted((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const maxKm = sorted.reduce((max, reading) => Math.max(max, reading.km), 0);
  const kms = kmTicks(maxKm);
  const plot = plotArea(width, height, Math.max(...kms.map((km) => formatKm(km).length)));

  const currentYear = new Date().getUTCFullYear();
  const firstYear = sorted[0] ? Number(sorted[0].date.slice(0, 4)) : currentYear;
  const lastYear = (sorted.at(-1) ? Number(sorted.at(-1)!.date.slice(0, 4)) : currentYear) + 1;
  const { xOf, yOf } = chartScales(
    plot,
    { start: januaryFirst(firstYear), end: januaryFirst(lastYear) },
    { low: 0, high: kms.at(-1)! },
  );

  const rolledBack = new Set(rollbacks.map((rollback) => `${rollback.toDate}|${rollback.toKm}`));
  const points = sorted.map((reading) => ({
    x: xOf(dayNumber(reading.date)),
    y: yOf(reading.km),
    date: reading.date,
    km: reading.km,
    rollback: rolledBack.has(`${reading.date}|${reading.km}`),
  }));
  const maxYearTicks = Math.floor((plot.right - plot.left) / MIN_YEAR_SPACING) + 1;
  return {
    width,
    height,
    plot,
    points,
    line: linePath(points),
    band: null,
    xTicks: yearTicks(firstYear, lastYear, maxYearTicks).map((year) => ({
      x: xOf(januaryFirst(year)),
      year,
    })),
    yTicks: kms.map((km) => ({ y: yOf(km), value: km })),
  };
}
