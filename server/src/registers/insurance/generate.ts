/**
 * Compulsory motor third-party liability policies of one vehicle: one a year from its first registration in
 * Bulgaria, insurer changing now and then; a lapsed vehicle's last policy ended months ago.
 */
import { addYears, dayFromIso, isoFromDay } from '@civitas/contracts/days.ts';
import { makeScrambler } from '@civitas/contracts/ids/scramble.ts';
import { forkRandom, WeightedTable } from '../../kernel/index.ts';
import { SYNTHETIC_TODAY } from '../population/generate.ts';
import { type Insurer, MTPL_INSURERS } from '../vehicles/catalogue.ts';
import type { VehicleHistory } from '../vehicles/history.ts';
import type { PolicyRow } from './tables.ts';

const TODAY = dayFromIso(SYNTHETIC_TODAY);
const INSURERS = new WeightedTable<Insurer>(MTPL_INSURERS.map((insurer) => [insurer, insurer.weight]));
const POLICY_NUMBERS = makeScrambler(1_000_000_000_000, 7_919, 104_729);
const MAX_POLICIES = 64;

export function generatePolicies(history: VehicleHistory): PolicyRow[] {
  const random = forkRandom(history.seed, 'insurance', history.index);
  const rows: PolicyRow[] = [];
  // Lapsed: insurance stopped between one month and a year ago while the vehicle stayed registered.
  const stopDay = history.anomalies.lapsedInsurance ? TODAY - random.int(30, 365) : history.activeUntilDay;
  let insurer = INSURERS.pick(random);
  let start = history.importDay;
  let seq = 0;
  while (start <= Math.min(stopDay, TODAY) && seq < MAX_POLICIES) {
    const end = addYears(start, 1) - 1;
    if (random.chance(0.25)) insurer = INSURERS.pick(random);
    rows.push({
      policy_number: `BG/${insurer.code}/${POLICY_NUMBERS.digits(history.index * MAX_POLICIES + seq)}`,
      vin: history.vin,
      insurer: insurer.name,
      starts_on: isoFromDay(start),
      ends_on: isoFromDay(end),
      // A policy running when the vehicle leaves the register is cancelled.
      cancelled:
        history.activeUntilDay < TODAY && end > history.activeUntilDay && !history.anomalies.stolenSinceDay,
    });
    seq++;
    start = end + 1;
  }
  if (history.anomalies.lapsedInsurance) {
    // Make sure the last policy really ended before the stop day (the loop may overshoot it by a year).
    while (rows.length > 1 && rows[rows.length - 1]!.ends_on >= isoFromDay(stopDay)) rows.pop();
  }
  return rows;
}
