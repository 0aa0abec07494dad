import { dayFromIso, isoFromDay } from '@civitas/contracts/days.ts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseOdometer, type OdometerReading } from './odometer.ts';

const TODAY = '2026-11-20';
const at = (date: string, km: number, source = 'inspection'): OdometerReading => ({ date, km, source });

describe('analyseOdometer', () => {
  it('has insufficient data with fewer than two readings', () => {
    expect(analyseOdometer([], TODAY)).toEqual({
      verdict: 'insufficient-data',
      readings: [],
      rollbacks: [],
      implausible: [],
      averageKmPerYear: null,
      lastReading: null,
    });
    const one = analyseOdometer([at('2024-05-01', 42_000)], TODAY);
    expect(one.verdict).toBe('insufficient-data');
    expect(one.lastReading).toEqual({ date: '2024-05-01', km: 42_000 });
  });

  it('finds a steadily rising series consistent and gives its yearly average', () => {
    const result = analyseOdometer(
      [at('2022-03-01', 60_000), at('2020-03-01', 20_000), at('2021-03-01', 40_000)],
      TODAY,
    );
    expect(result.verdict).toBe('consistent');
    expect(result.readings.map((reading) => reading.date)).toEqual([
      '2020-03-01',
      '2021-03-01',
      '2022-03-01',
    ]);
    expect(result.averageKmPerYear).toBe(Math.round((40_000 / 730) * 365.25));
    expect(result.lastReading).toEqual({ date: '2022-03-01', km: 60_000 });
  });

  it('reports every reading below the highest earlier one as a rollback from that reading', () => {
    const result = analyseOdometer(
      [
        at('2019-06-01', 100_000),
        at('2020-06-01', 120_000),
        at('2021-06-01', 80_000),
        at('2022-06-01', 95_000),
      ],
      TODAY,
    );
    expect(result.verdict).toBe('rollback');
    expect(result.rollbacks).toEqual([
      { fromDate: '2020-06-01', fromKm: 120_000, toDate: '2021-06-01', toKm: 80_000, dropKm: 40_000 },
      { fromDate: '2020-06-01', fromKm: 120_000, toDate: '2022-06-01', toKm: 95_000, dropKm: 25_000 },
    ]);
    expect(result.implausible).toEqual([]);
  });

  it('averages from the first reading to the highest, so a rollback does not lower the average', () => {
    const result = analyseOdometer(
      [at('2020-01-01', 100_000), at('2021-01-01', 130_000), at('2022-01-01', 50_000)],
      TODAY,
    );
    expect(result.averageKmPerYear).toBe(Math.round((30_000 / 731) * 365.25));
  });

  it('has no average for readings less than 30 days apart', () => {
    expect(
      analyseOdometer([at('2024-01-01', 1_000), at('2024-01-30', 2_000)], TODAY).averageKmPerYear,
    ).toBeNull();
    expect(
      analyseOdometer([at('2024-01-01', 1_000), at('2024-01-31', 2_000)], TODAY).averageKmPerYear,
    ).not.toBeNull();
  });

  it('flags more than 100,000 km a year over a month or more', () => {
    const result = analyseOdometer([at('2020-01-01', 10_000), at('2021-01-01', 160_000)], TODAY);
    expect(result.verdict).toBe('implausible');
    expect(result.implausible).toEqual([
      {
        fromDate: '2020-01-01',
        toDate: '2021-01-01',
        kmPerYear: Math.round((150_000 / 366) * 365.25),
        reason: expect.stringContaining('150,000 km in 366 days'),
      },
    ]);
    expect(analyseOdometer([at('2020-01-01', 10_000), at('2021-01-01', 105_000)], TODAY).verdict).toBe(
      'consistent',
    );
  });

  it('flags more than 3,000 km a day over a short gap, and counts a same-day pair as one day', () => {
    const fast = analyseOdometer([at('2024-03-01', 10_000), at('2024-03-11', 45_000)], TODAY);
    expect(fast.implausible).toEqual([
      expect.objectContaining({
        fromDate: '2024-03-01',
        toDate: '2024-03-11',
        reason: expect.stringMatching(/a day/),
      }),
    ]);
    expect(analyseOdometer([at('2024-03-01', 10_000), at('2024-03-11', 30_000)], TODAY).verdict).toBe(
      'consistent',
    );
    const sameDay = analyseOdometer([at('2024-03-01', 10_000, 'a'), at('2024-03-01', 14_000, 'b')], TODAY);
    expect(sameDay.implausible).toHaveLength(1);
  });

  it('flags a reading dated after today', () => {
    const result = analyseOdometer([at('2025-01-01', 10_000), at('2027-01-01', 20_000)], TODAY);
    expect(result.verdict).toBe('implausible');
    expect(result.implausible).toEqual([
      {
        fromDate: '2027-01-01',
        toDate: '2027-01-01',
        kmPerYear: 0,
        reason: expect.stringContaining('after today'),
      },
    ]);
  });

  it('prefers rollback to implausible in the verdict', () => {
    const result = analyseOdometer(
      [at('2020-01-01', 10_000), at('2020-01-02', 90_000), at('2021-01-01', 50_000)],
      TODAY,
    );
    expect(result.implausible).toHaveLength(1);
    expect(result.verdict).toBe('rollback');
  });

  it('measures honest readings after a rollback from the highest reading, not from the rolled-back one', () => {
    const result = analyseOdometer(
      [at('2020-01-01', 200_000), at('2021-01-01', 20_000), at('2022-01-01', 210_000)],
      TODAY,
    );
    expect(result.implausible).toEqual([]);
    expect(result.rollbacks).toHaveLength(1);
  });

  it('drops exact duplicates but keeps the same reading from another source', () => {
    const result = analyseOdometer(
      [at('2024-01-01', 5_000), at('2024-01-01', 5_000), at('2024-01-01', 5_000, 'insurance')],
      TODAY,
    );
    expect(result.readings).toEqual([at('2024-01-01', 5_000), at('2024-01-01', 5_000, 'insurance')]);
  });

  it('rejects malformed readings', () => {
    expect(() => analyseOdometer([at('2024-02-30', 1)], TODAY)).toThrow(RangeError);
    expect(() => analyseOdometer([at('2024-02-01', -1)], TODAY)).toThrow(RangeError);
    expect(() => analyseOdometer([at('2024-02-01', 1.5)], TODAY)).toThrow(RangeError);
  });
});

/** Readings rising at most 270 km a day (under both plausibility limits), from 1990 on. */
const plausibleSeries = fc
  .array(
    fc.record({ gap: fc.integer({ min: 0, max: 400 }), share: fc.double({ min: 0, max: 1, noNaN: true }) }),
    {
      minLength: 2,
      maxLength: 40,
    },
  )
  .map((steps) => {
    let day = dayFromIso('1990-01-01');
    let km = 0;
    return steps.map(({ gap, share }, i) => {
      day += gap;
      km += Math.floor(gap * 270 * share);
      return at(isoFromDay(day), km, `source-${i}`);
    });
  });

describe('analyseOdometer properties', () => {
  it('finds any plausibly rising series consistent', () => {
    fc.assert(
      fc.property(plausibleSeries, (readings) => {
        const result = analyseOdometer(readings, '2100-01-01');
        expect(result.verdict).toBe('consistent');
        expect(result.rollbacks).toEqual([]);
      }),
    );
  });

  it('finds a reading inserted below the highest earlier one as a rollback at its date', () => {
    const withInsertion = plausibleSeries.chain((readings) =>
      fc.record({
        readings: fc.constant(readings),
        after: fc.integer({ min: 0, max: readings.length - 1 }),
        days: fc.integer({ min: 1, max: 100 }),
        fraction: fc.double({ min: 0, max: 0.999, noNaN: true }),
      }),
    );
    fc.assert(
      fc.property(withInsertion, ({ readings, after, days, fraction }) => {
        const date = isoFromDay(dayFromIso(readings[after]!.date) + days);
        const highestBefore = Math.max(...readings.filter((r) => r.date < date).map((r) => r.km));
        fc.pre(highestBefore > 0);
        const km = Math.floor(highestBefore * fraction);
        const result = analyseOdometer([...readings, at(date, km, 'tampered')], '2100-01-01');
        expect(result.verdict).toBe('rollback');
        expect(result.rollbacks).toContainEqual(
          expect.objectContaining({
            fromKm: highestBefore,
            toDate: date,
            toKm: km,
            dropKm: highestBefore - km,
          }),
        );
      }),
    );
  });

  it('gives the same analysis whatever the order of the readings, duplicates included', () => {
    const reading = fc.record({
      date: fc.integer({ min: dayFromIso('2015-01-01'), max: dayFromIso('2027-12-31') }).map(isoFromDay),
      km: fc.integer({ min: 0, max: 400_000 }),
      source: fc.constantFrom('inspection', 'insurance', 'registration'),
    });
    const shuffled = fc
      .array(reading, { maxLength: 30 })
      .chain((readings) =>
        fc.tuple(
          fc.constant([...readings, ...readings.slice(0, 3)]),
          fc.shuffledSubarray(readings, { minLength: readings.length, maxLength: readings.length }),
        ),
      );
    fc.assert(
      fc.property(shuffled, ([original, permuted]) => {
        expect(analyseOdometer(permuted, TODAY)).toEqual(analyseOdometer(original, TODAY));
      }),
    );
  });
});
