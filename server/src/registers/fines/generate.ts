/**
 * Traffic fines for one vehicle, issued to its owner (persons only: companies' drivers are not known here),
 * most of them paid within weeks.
 */
import { dayFromIso, isoFromDay } from '@civitas/contracts/days.ts';
import { makeScrambler } from '@civitas/contracts/ids/scramble.ts';
import type { Offence } from '@civitas/contracts/registers/fines.ts';
import { forkRandom, WeightedTable } from '../../kernel/index.ts';
import { SYNTHETIC_TODAY } from '../population/generate.ts';
import type { VehicleHistory } from '../vehicles/history.ts';
import type { FineRow } from './tables.ts';

const TODAY = dayFromIso(SYNTHETIC_TODAY);
const FINE_NUMBERS = makeScrambler(1_000_000_000, 1_000_003, 424_242_424);
const MAX_FINES = 16;

/** Offences (codes, see `codes.ts`) with the fine in euro cents (the statutory amounts converted from leva). */
const OFFENCES = new WeightedTable<readonly [Offence, number]>([
  [['speeding-11-20', 2556], 30],
  [['speeding-21-30', 5113], 15],
  [['speeding-over-30', 15339], 5],
  [['improper-parking', 1023], 15],
  [['no-seat-belt', 2556], 10],
  [['mobile-phone', 5113], 8],
  [['red-light', 5113], 5],
  [['right-of-way', 5113], 4],
  [['no-mtpl-insurance', 20452], 2],
  [['no-technical-inspection', 10226], 2],
]);

function issuerFor(regionCode: string, regionName: string): string {
  return regionCode === 'BG-22' ? 'СДВР' : `ОДМВР – ${regionName}`;
}

export function generateFines(history: VehicleHistory): FineRow[] {
  const random = forkRandom(history.seed, 'fines', history.index);
  const rows: FineRow[] = [];
  let unpaidLeft = history.anomalies.unpaidFine ? 1 : 0;
  for (const ownership of history.ownerships) {
    if (ownership.ownerKind !== 'person') continue;
    const from = Math.max(ownership.fromDay, TODAY - 8 * 365);
    const to = Math.min(ownership.toDay, TODAY);
    if (to <= from) continue;
    let count = Math.floor(((to - from) / 365) * random.next() * 0.5);
    const isCurrent = ownership === history.ownerships[history.ownerships.length - 1];
    if (isCurrent && unpaidLeft > 0) count = Math.max(count, 1);
    if (history.clean) count = Math.min(count, 2);
    for (let i = 0; i < count && rows.length < MAX_FINES; i++) {
      const [offence, amount] = OFFENCES.pick(random);
      const issued = random.int(from, to - 1);
      const unpaid = isCurrent && unpaidLeft > 0 && i === count - 1;
      if (unpaid) unpaidLeft--;
      const paidDay = Math.min(TODAY, issued + random.int(3, 60));
      rows.push({
        number: `К${FINE_NUMBERS.digits(history.index * MAX_FINES + rows.length)}`,
        egn: ownership.ownerId,
        vin: history.vin,
        plate: ownership.plate,
        issued_on: isoFromDay(issued),
        issuer: issuerFor(ownership.region.code, ownership.region.name),
        offence,
        amount_cents: amount,
        paid: !unpaid,
        paid_on: unpaid ? null : isoFromDay(paidDay),
      });
    }
  }
  return rows;
}
