/**
 * Odometer history: the readings the registers hold (inspections, insurance, ...), checked for
 * rollbacks and for mileage no car could have driven in the time.
 *
 * Plausibility limits (a report calls a stretch "implausible" beyond them):
 * - over 30 days or more, more than 100,000 km a year: about 275 km every day of the year, which is
 *   beyond even a taxi's working year;
 * - over fewer than 30 days (where one long trip skews a yearly rate), more than 3,000 km a day:
 *   25 hours at 120 km/h, i.e. not physically possible. Two readings on the same day count as one day.
 * Each stretch runs from the highest earlier reading, so a reading already reported as a rollback does
 * not also make the honest readings after it look implausible.
 */

import type { OdometerAnalysis } from '@civitas/contracts/api/vehicle-report.ts';
import { dayFromIso } from '@civitas/contracts/days.ts';

export interface OdometerReading {
  date: string;
  km: number;
  source: string;
}

export const PLAUSIBILITY_LIMITS = { maxKmPerYear: 100_000, maxKmPerDay: 3_000, shortGapDays: 30 } as const;

const DAYS_PER_YEAR = 365.25;

type Rollback = OdometerAnalysis['rollbacks'][number];
type Implausible = OdometerAnalysis['implausible'][number];

/** Analyses a vehicle's odometer readings as of `today` (YYYY-MM-DD); throws RangeError on a malformed reading. */
export function analyseOdometer(readings: readonly OdometerReading[], today: string): OdometerAnalysis {
  const todayDay = dayFromIso(today);
  const sorted = sortAndDeduplicate(readings.map(checkedReading));
  const rollbacks: Rollback[] = [];
  const implausible: Implausible[] = [];
  let highest: OdometerReading | undefined;
  for (const reading of sorted) {
    if (dayFromIso(reading.date) > todayDay) implausible.push(futureReading(reading, today));
    if (highest && reading.km < highest.km) rollbacks.push(rollbackFrom(highest, reading));
    else if (highest) {
      const stretch = implausibleStretch(highest, reading);
      if (stretch) implausible.push(stretch);
    }
    if (!highest || reading.km >= highest.km) highest = reading;
  }
  const last = sorted.at(-1);
  return {
    verdict: verdictOf(sorted.length, rollbacks.length, implausible.length),
    readings: sorted,
    rollbacks,
    implausible,
    averageKmPerYear: averageKmPerYear(sorted),
    lastReading: last ? { date: last.date, km: last.km } : null,
  };
}

/** A copy of the reading holding only the schema's fields; throws on a bad date or a negative or fractional km. */
function checkedReading({ date, km, source }: OdometerReading): OdometerReading {
  dayFromIso(date);
  if (!Number.isSafeInteger(km) || km < 0) throw new RangeError(`not an odometer reading in km: ${km}`);
  return { date, km, source };
}

/**
 * Readings by date; readings of the same day by km (they cannot be told apart in time, so the
 * day's readings are taken as rising) and then by source, which makes the result independent of
 * the input's order. Exact duplicates (same date, km and source) are kept once.
 */
function sortAndDeduplicate(readings: OdometerReading[]): OdometerReading[] {
  const sorted = readings.toSorted(
    (a, b) => compare(a.date, b.date) || a.km - b.km || compare(a.source, b.source),
  );
  return sorted.filter(
    (reading, i) =>
      i === 0 ||
      reading.date !== sorted[i - 1]!.date ||
      reading.km !== sorted[i - 1]!.km ||
      reading.source !== sorted[i - 1]!.source,
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The drop from the highest earlier reading to a lower one. */
function rollbackFrom(highest: OdometerReading, reading: OdometerReading): Rollback {
  return {
    fromDate: highest.date,
    fromKm: highest.km,
    toDate: reading.date,
    toKm: reading.km,
    dropKm: highest.km - reading.km,
  };
}

/** The stretch from `from` to `to` if its rate is beyond the plausibility limits. */
function implausibleStretch(from: OdometerReading, to: OdometerReading): Implausible | null {
  const days = Math.max(1, dayFromIso(to.date) - dayFromIso(from.date));
  const km = to.km - from.km;
  const kmPerYear = Math.round((km / days) * DAYS_PER_YEAR);
  const { maxKmPerDay, maxKmPerYear, shortGapDays } = PLAUSIBILITY_LIMITS;
  if (days < shortGapDays && km / days > maxKmPerDay) {
    const reason = `${grouped(km)} km in ${days} day(s): more than ${grouped(maxKmPerDay)} km a day`;
    return { fromDate: from.date, toDate: to.date, kmPerYear, reason };
  }
  if (days >= shortGapDays && kmPerYear > maxKmPerYear) {
    const reason = `${grouped(km)} km in ${days} days: about ${grouped(kmPerYear)} km a year, more than ${grouped(maxKmPerYear)}`;
    return { fromDate: from.date, toDate: to.date, kmPerYear, reason };
  }
  return null;
}

/** A reading dated after today; it has no rate, so `kmPerYear` is 0. */
function futureReading(reading: OdometerReading, today: string): Implausible {
  const reason = `reading of ${grouped(reading.km)} km dated ${reading.date}, after today (${today})`;
  return { fromDate: reading.date, toDate: reading.date, kmPerYear: 0, reason };
}

function verdictOf(readings: number, rollbacks: number, implausible: number): OdometerAnalysis['verdict'] {
  if (readings < 2) return 'insufficient-data';
  if (rollbacks > 0) return 'rollback';
  return implausible > 0 ? 'implausible' : 'consistent';
}

/** Km a year from the first reading to the last, counting the highest reading so that a rollback is not subtracted. */
function averageKmPerYear(sorted: readonly OdometerReading[]): number | null {
  const first = sorted[0];
  const last = sorted.at(-1);
  if (!first || !last) return null;
  const days = dayFromIso(last.date) - dayFromIso(first.date);
  if (days < PLAUSIBILITY_LIMITS.shortGapDays) return null;
  const highest = sorted.reduce((max, reading) => Math.max(max, reading.km), 0);
  return Math.round(((highest - first.km) / days) * DAYS_PER_YEAR);
}

/** 123456 → "123,456". */
function grouped(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
