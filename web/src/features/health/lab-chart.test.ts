import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { spacedTicks, trendChartLayout, valueTicks } from './lab-chart.ts';
import type { ResultFlag } from './lab-results.ts';

const point = (date: string, value: number, flag: ResultFlag = 'normal') => ({ date, value, flag });

describe('the trend chart', () => {
  it('draws the reference range as a band between its limits, and marks the values outside it', () => {
    const layout = trendChartLayout(
      [point('2023-01-01', 5.5), point('2024-01-01', 6.4, 'high'), point('2025-01-01', 3.8, 'low')],
      { low: 4, high: 6 },
      { width: 320, height: 200 },
    );
    const yOf = (value: number) => {
      const [a, b] = [layout.yTicks[0]!, layout.yTicks.at(-1)!];
      return a.y + ((value - a.value) / (b.value - a.value)) * (b.y - a.y);
    };
    expect(layout.band!.top).toBeCloseTo(yOf(6), 0);
    expect(layout.band!.bottom).toBeCloseTo(yOf(4), 0);
    expect(layout.points.map((p) => p.outOfRange)).toEqual([false, true, true]);
    // Above the band is higher on screen (smaller y), below it lower.
    expect(layout.points[1]!.y).toBeLessThan(layout.band!.top);
    expect(layout.points[2]!.y).toBeGreaterThan(layout.band!.bottom);
  });

  it('lets an open-ended range ("below 5.2") reach the bottom of the plot', () => {
    const layout = trendChartLayout(
      [point('2024-01-01', 4), point('2025-01-01', 6, 'high')],
      { low: null, high: 5.2 },
      { width: 320, height: 200 },
    );
    expect(layout.band!.bottom).toBe(layout.plot.bottom);
  });

  it('never starts the value axis below zero for values that cannot be negative', () => {
    expect(valueTicks(0.2, 5.9)[0]).toBe(0);
    expect(valueTicks(5.1, 6.2).every((tick) => tick >= 0)).toBe(true);
  });

  it('centres a date label on its value, except near an edge of the plot, where it stays inside', () => {
    const layout = trendChartLayout(
      [point('2022-01-01', 5), point('2023-06-01', 5.5), point('2025-01-01', 6)],
      null,
      { width: 600, height: 200 },
    );
    expect(layout.xTicks.map((tick) => tick.anchor)).toEqual(['start', 'middle', 'end']);
    // Measured well inside the time axis: centred (a single value sits in the middle).
    const single = trendChartLayout([point('2024-01-01', 5)], null, { width: 600, height: 200 });
    expect(single.xTicks.map((tick) => tick.anchor)).toEqual(['middle']);
  });

  it('labels dates far enough apart not to overlap, always the latest', () => {
    const ticks = spacedTicks(
      [0, 30, 60, 200, 260].map((x, i) => ({ x, date: `202${i}-01-01` })),
      72,
    );
    expect(ticks.map((tick) => tick.x)).toEqual([60, 260]);
  });

  it('keeps every value, the band and every tick inside the drawing, whatever the values (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            day: fc.integer({ min: 0, max: 4000 }),
            value: fc.double({ min: 0, max: 1e4, noNaN: true }),
          }),
          { minLength: 1, maxLength: 30 },
        ),
        fc.option(
          fc.record({
            low: fc.double({ min: 0, max: 1e4, noNaN: true }),
            high: fc.double({ min: 0, max: 1e4, noNaN: true }),
          }),
        ),
        fc.integer({ min: 200, max: 900 }),
        (values, range, width) => {
          const dated = values.map(({ day, value }) =>
            point(new Date(Date.UTC(2015, 0, 1 + day)).toISOString().slice(0, 10), value),
          );
          const sortedRange = range && {
            low: Math.min(range.low, range.high),
            high: Math.max(range.low, range.high),
          };
          const layout = trendChartLayout(dated, sortedRange, { width, height: 200 });
          for (const p of layout.points) {
            expect(p.x).toBeGreaterThanOrEqual(layout.plot.left - 0.1);
            expect(p.x).toBeLessThanOrEqual(layout.plot.right + 0.1);
            expect(p.y).toBeGreaterThanOrEqual(layout.plot.top - 0.1);
            expect(p.y).toBeLessThanOrEqual(layout.plot.bottom + 0.1);
          }
          if (layout.band) {
            expect(layout.band.top).toBeGreaterThanOrEqual(layout.plot.top);
            expect(layout.band.bottom).toBeLessThanOrEqual(layout.plot.bottom);
          }
          for (let i = 1; i < layout.xTicks.length; i++)
            expect(layout.xTicks[i]!.x - layout.xTicks[i - 1]!.x).toBeGreaterThanOrEqual(72);
        },
      ),
    );
  });
});
