/**
 * The layout of a result's trend chart: values over time, the reference range as a band, values
 * outside it marked. The value axis fits the values and the range; the time axis labels measured
 * dates. Pure arithmetic in pixels (`shared/ui/line-chart.ts`), so the chart only draws.
 */
import {
  chartScales,
  dayNumber,
  type LineChartLayout,
  type LineChartOptions,
  linePath,
  niceStep,
  type PlotArea,
  plotArea,
  type TimeTick,
} from '../../shared/ui/line-chart.ts';
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

export interface DateTick extends TimeTick {
  date: string;
}

export type TrendChartLayout = LineChartLayout<TrendPoint, DateTick>;

/** The room a date label ("03/2026", "03.2026 г.") needs. */
const MIN_DATE_SPACING = 72;

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

const isOut = (flag: ResultFlag) => flag === 'high' || flag === 'low' || flag === 'abnormal';

/** Lays the values (oldest first) and their range out in a `width` × `height` box. */
export function trendChartLayout(
  values: readonly TrendInput[],
  range: ResultRange | null,
  { width, height, formatValue = String }: LineChartOptions,
): TrendChartLayout {
  const sorted = values.toSorted((a, b) => a.date.localeCompare(b.date));
  const bounds = [
    ...sorted.map((point) => point.value),
    ...(range?.low != null ? [range.low] : []),
    ...(range?.high != null ? [range.high] : []),
  ];
  const ticks = valueTicks(
    Math.min(...bounds, Number.POSITIVE_INFINITY),
    Math.max(...bounds, Number.NEGATIVE_INFINITY),
  );
  const plot = plotArea(width, height, Math.max(...ticks.map((value) => formatValue(value).length)));

  const firstDay = sorted[0] ? dayNumber(sorted[0].date) : 0;
  const lastDay = sorted.at(-1) ? dayNumber(sorted.at(-1)!.date) : 0;
  // A single day (or one value) sits in the middle; otherwise a little room on each side.
  const margin = lastDay > firstDay ? (lastDay - firstDay) * 0.05 : 1;
  const { xOf, yOf } = chartScales(
    plot,
    { start: firstDay - margin, end: lastDay + margin },
    { low: ticks[0] ?? 0, high: ticks.at(-1) ?? 1 },
  );
  const clampY = (y: number) => Math.min(plot.bottom, Math.max(plot.top, y));

  const points = sorted.map((point) => ({
    ...point,
    x: xOf(dayNumber(point.date)),
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

  return {
    width,
    height,
    plot,
    points,
    line: linePath(points),
    band,
    yTicks: ticks.map((value) => ({ y: yOf(value), value })),
    xTicks: anchored(
      spacedTicks(
        points.map((point) => ({ x: point.x, date: point.date.slice(0, 10) })),
        MIN_DATE_SPACING,
      ),
      plot,
    ),
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

/**
 * A date label is centred on its value, unless that would take it past the plot's edge: then it
 * starts (or ends) at its value.
 */
function anchored(ticks: Array<{ x: number; date: string }>, plot: PlotArea): DateTick[] {
  const half = MIN_DATE_SPACING / 2;
  return ticks.map((tick) => ({
    ...tick,
    anchor: tick.x - plot.left < half ? 'start' : plot.right - tick.x < half ? 'end' : 'middle',
  }));
}

const tidy = (value: number) => Number.parseFloat(value.toPrecision(12));
