import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chartScales, dayNumber, linePath, niceStep, plotArea } from './line-chart.ts';

describe('niceStep', () => {
  it('rounds up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceStep(0.8)).toBe(1);
    expect(niceStep(0.3)).toBe(0.5);
    expect(niceStep(13_000)).toBe(20_000);
    expect(niceStep(21_000)).toBe(25_000);
    expect(niceStep(30_000)).toBe(50_000);
    expect(niceStep(60_000)).toBe(100_000);
    expect(niceStep(50_000)).toBe(50_000);
  });
});

describe('dayNumber', () => {
  it('counts calendar days in UTC, for a date or a date-time as written', () => {
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('2024-03-01') - dayNumber('2024-02-28')).toBe(2);
    expect(dayNumber('2024-03-01T23:30:00+02:00')).toBe(dayNumber('2024-03-01'));
  });
});

describe('the plotting area', () => {
  it('leaves room on the left for the longest value label', () => {
    expect(plotArea(320, 200, 10).left).toBeGreaterThan(plotArea(320, 200, 3).left);
  });

  it('keeps a plot of at least one pixel in a box too small for it', () => {
    const plot = plotArea(10, 10, 12);
    expect(plot.right).toBeGreaterThan(plot.left);
    expect(plot.bottom).toBeGreaterThan(plot.top);
  });
});

describe('the scales', () => {
  it('maps the first day and the lowest value to the bottom left, the last and highest to the top right (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 1000 }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.double({ min: 0.1, max: 1e6, noNaN: true }),
        (width, start, span, low, valueSpan) => {
          const plot = plotArea(width, 200, 5);
          const { xOf, yOf } = chartScales(
            plot,
            { start, end: start + span },
            { low, high: low + valueSpan },
          );
          expect(xOf(start)).toBeCloseTo(plot.left, 0);
          expect(xOf(start + span)).toBeCloseTo(plot.right, 0);
          expect(yOf(low)).toBeCloseTo(plot.bottom, 0);
          expect(yOf(low + valueSpan)).toBeCloseTo(plot.top, 0);
        },
      ),
    );
  });

  it('puts a single day or a flat series somewhere on the plot, not at infinity', () => {
    const plot = plotArea(300, 200, 4);
    const { xOf, yOf } = chartScales(plot, { start: 5, end: 5 }, { low: 3, high: 3 });
    expect(Number.isFinite(xOf(5))).toBe(true);
    expect(Number.isFinite(yOf(3))).toBe(true);
  });
});

describe('linePath', () => {
  it('moves to the first point and draws a line to each next one', () => {
    expect(
      linePath([
        { x: 1, y: 2 },
        { x: 3.5, y: 4 },
        { x: 5, y: 6 },
      ]),
    ).toBe('M1 2 L3.5 4 L5 6');
  });
});
