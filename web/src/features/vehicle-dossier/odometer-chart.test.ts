import { describe, expect, it } from 'vitest';
import { kmTicks, odometerChartLayout, yearTicks } from './odometer-chart.ts';

describe('kmTicks', () => {
  it('starts at zero and ends at a round value at or above the highest reading', () => {
    expect(kmTicks(187_400)).toEqual([0, 50_000, 100_000, 150_000, 200_000]);
    expect(kmTicks(80_000)).toEqual([0, 20_000, 40_000, 60_000, 80_000]);
  });

  it('still has an axis when every reading is zero', () => {
    expect(kmTicks(0)).toEqual([0, 1000]);
  });
});

describe('yearTicks', () => {
  it('labels every year when there is room', () => {
    expect(yearTicks(2018, 2022, 10)).toEqual([2018, 2019, 2020, 2021, 2022]);
  });

  it('thins out to every 2nd, 5th or 10th year on a narrow chart', () => {
    expect(yearTicks(2011, 2026, 8)).toEqual([2012, 2014, 2016, 2018, 2020, 2022, 2024, 2026]);
    expect(yearTicks(2001, 2026, 6)).toEqual([2005, 2010, 2015, 2020, 2025]);
  });
});

describe('odometerChartLayout', () => {
  const readings = [
    { date: '2021-07-01', km: 60_000 },
    { date: '2019-01-01', km: 20_000 },
    { date: '2023-07-02', km: 40_000 },
  ];
  const rollbacks = [{ toDate: '2023-07-02', toKm: 40_000 }];
  const layout = odometerChartLayout(readings, rollbacks, { width: 400, height: 240 });

  it('plots readings in date order, left to right', () => {
    expect(layout.points.map((point) => point.date)).toEqual(['2019-01-01', '2021-07-01', '2023-07-02']);
    const xs = layout.points.map((point) => point.x);
    expect(xs).toEqual(xs.toSorted((a, b) => a - b));
  });

  it('runs the time axis from 1 January of the first year to 1 January after the last', () => {
    expect(layout.points[0]!.x).toBe(layout.plot.left);
    expect(layout.xTicks[0]).toEqual({ x: layout.plot.left, year: 2019 });
    expect(layout.xTicks.at(-1)).toEqual({ x: layout.plot.right, year: 2024 });
  });

  it('puts zero km at the bottom and the top tick at the top of the plot', () => {
    expect(layout.yTicks[0]).toEqual({ y: layout.plot.bottom, value: 0 });
    expect(layout.yTicks.at(-1)).toEqual({ y: layout.plot.top, value: 60_000 });
    expect(layout.points[1]!.y).toBe(layout.plot.top);
  });

  it('scales km linearly', () => {
    const a = layout.points[0]!;
    const b = layout.points[1]!;
    const height = layout.plot.bottom - layout.plot.top;
    expect(layout.plot.bottom - a.y).toBeCloseTo(height / 3, 0);
    expect(layout.plot.bottom - b.y).toBeCloseTo(height, 0);
  });

  it('marks the readings that are lower than an earlier one', () => {
    expect(layout.points.map((point) => point.rollback)).toEqual([false, false, true]);
  });

  it('joins the readings with one line', () => {
    expect(layout.line).toMatch(/^M[\d.]+ [\d.]+ L[\d.]+ [\d.]+ L[\d.]+ [\d.]+$/);
  });

  it('leaves room for the longest km label', () => {
    const narrow = odometerChartLayout(readings, [], { width: 400, height: 240, formatValue: String });
    const wide = odometerChartLayout(readings, [], {
      width: 400,
      height: 240,
      formatValue: (km) => `${km.toLocaleString('en-GB')} km`,
    });
    expect(wide.plot.left).toBeGreaterThan(narrow.plot.left);
  });

  it('draws a single reading inside its year', () => {
    const single = odometerChartLayout([{ date: '2024-07-01', km: 1234 }], [], { width: 300, height: 200 });
    expect(single.points).toHaveLength(1);
    expect(single.points[0]!.x).toBeGreaterThan(single.plot.left);
    expect(single.points[0]!.x).toBeLessThan(single.plot.right);
    expect(single.xTicks.map((tick) => tick.year)).toEqual([2024, 2025]);
  });
});
