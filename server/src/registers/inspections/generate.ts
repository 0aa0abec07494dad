/**
 * Periodic technical inspections of one vehicle: first three years after first registration, then yearly,
 * odometer growing 8–30 thousand km a year; about 1% fail and are re-inspected within days; a rolled-back
 * odometer shows as a later reading lower than an earlier one.
 */

import { addYears, dayFromIso, isoFromDay } from '@civitas/contracts/days.ts';
import { makeScrambler } from '@civitas/contracts/ids/scramble.ts';
import { forkRandom } from '../../kernel/index.ts';
import { REGIONS, type Region } from '../instance/bg/geography.ts';
import { SYNTHETIC_TODAY } from '../population/generate.ts';
import { INSPECTION_STATION_BRANDS, inspectionStationName } from '../vehicles/catalogue.ts';
import type { VehicleHistory } from '../vehicles/history.ts';
import type { InspectionRow } from './tables.ts';

const TODAY = dayFromIso(SYNTHETIC_TODAY);
const PROTOCOLS = makeScrambler(10_000_000_000, 777_777, 1_234_567_891);
const MAX_INSPECTIONS = 64;

interface Station {
  code: string;
  name: string;
}

// A few stations per region, named after the towns they are in.
const STATIONS = new Map<string, readonly Station[]>(
  REGIONS.map((region, regionIndex) => [
    region.code,
    Array.from({ length: 6 }, (_, i) => {
      const town = region.municipalities[i % region.municipalities.length]!.settlements[0]!.name;
      const brand = INSPECTION_STATION_BRANDS[(regionIndex * 3 + i) % INSPECTION_STATION_BRANDS.length]!;
      return {
        code: `${String(regionIndex + 1).padStart(2, '0')}${String(i + 1).padStart(2, '0')}`,
        name: inspectionStationName(brand, town),
      };
    }),
  ]),
);

function regionAt(history: VehicleHistory, day: number): Region {
  for (const ownership of history.ownerships) if (day < ownership.toDay) return ownership.region;
  return history.ownerships[history.ownerships.length - 1]!.region;
}

export function generateInspections(history: VehicleHistory): InspectionRow[] {
  const random = forkRandom(history.seed, 'inspections', history.index);
  const rows: InspectionRow[] = [];
  const kmPerDay = random.int(8_000, 30_000) / 365;
  const firstDue = addYears(history.firstRegistrationDay, 3);
  // Three years after the first registration, give or take a few weeks; a used import is first
  // inspected in Bulgaria on or after its registration here, never before it.
  const jitter = random.int(-20, 20);
  let day = Math.max(firstDue + jitter, history.importDay + Math.abs(jitter));
  const end = Math.min(history.activeUntilDay, TODAY);
  const rollbackAt = history.anomalies.odometerRollback ? random.int(1, 3) : -1;
  let seq = 0;
  let passedCount = 0;
  let rolledBack = false;
  let previousKm = 0;
  let previousDay = history.firstRegistrationDay;
  while (day <= end && seq < MAX_INSPECTIONS) {
    const stations = STATIONS.get(regionAt(history, day).code)!;
    const station = stations[random.int(0, stations.length - 1)]!;
    // Mileage accrues between readings at the vehicle's own rate, give or take 30%; a rollback cuts the
    // reading to 40–70% of the previous one and the next readings continue from there.
    let km: number;
    // Once: a rolled-back reading that fails is inspected again days later without a second cut.
    if (passedCount === rollbackAt && previousKm > 0 && !rolledBack) {
      km = Math.round(previousKm * (0.4 + random.next() * 0.3));
      rolledBack = true;
    } else if (previousKm === 0)
      km = Math.round((day - history.firstRegistrationDay) * kmPerDay * (0.8 + random.next() * 0.4));
    else
      km =
        previousKm +
        Math.round((day - previousDay) * kmPerDay * (0.7 + random.next() * 0.6)) +
        random.int(5, 50);
    const fails = !history.clean && random.chance(0.01);
    const nextDue = fails ? null : isoFromDay(addYears(day, 1));
    rows.push({
      vin: history.vin,
      seq,
      inspected_on: isoFromDay(day),
      station_code: station.code,
      station_name: station.name,
      result: fails ? 'failed' : 'passed',
      odometer_km: km,
      next_due: nextDue,
      protocol_number: PROTOCOLS.digits(history.index * MAX_INSPECTIONS + seq),
    });
    seq++;
    previousKm = km;
    previousDay = day;
    if (fails) {
      day += random.int(2, 14);
      continue;
    }
    passedCount++;
    day = addYears(day, 1) - random.int(0, 25);
  }
  return rows;
}
