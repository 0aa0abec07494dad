/**
 * Annual local vehicle tax of one vehicle for the last five years it was registered, assessed by the owner's
 * municipality; most paid between March and October, a few outstanding.
 */
import { dayFromIso, dayFromParts, isoFromDay, partsFromDay } from '@civitas/contracts/days.ts';
import { forkRandom } from '../../kernel/index.ts';
import { SYNTHETIC_TODAY } from '../population/generate.ts';
import type { Ownership, VehicleHistory } from '../vehicles/history.ts';
import type { VehicleTaxRow } from './tables.ts';

const TODAY = dayFromIso(SYNTHETIC_TODAY);
const THIS_YEAR = partsFromDay(TODAY).year;

/** Euro cents per kW by power band, roughly the municipal rates; older cars pay more. */
function annualTaxCents(history: VehicleHistory, year: number): number {
  if (history.category === 'L3') return history.engineCc > 750 ? 7669 : 3068;
  const kw = history.powerKw;
  const perKw = kw <= 55 ? 35 : kw <= 74 ? 55 : kw <= 110 ? 140 : kw <= 150 ? 160 : kw <= 245 ? 210 : 270;
  const age = year - history.modelYear;
  const ageFactor = age > 14 ? 1.1 : age > 5 ? 1 : 0.9;
  const electric = history.engineCc === 0 ? 0 : 1;
  return Math.round(kw * perKw * ageFactor * electric);
}

function ownerOn(history: VehicleHistory, day: number): Ownership {
  for (const ownership of history.ownerships) if (day < ownership.toDay) return ownership;
  return history.ownerships[history.ownerships.length - 1]!;
}

export function generateVehicleTaxes(history: VehicleHistory): VehicleTaxRow[] {
  const random = forkRandom(history.seed, 'vehicle-tax', history.index);
  const rows: VehicleTaxRow[] = [];
  const firstYear = Math.max(partsFromDay(history.importDay).year, THIS_YEAR - 4);
  const lastYear = Math.min(partsFromDay(history.activeUntilDay).year, THIS_YEAR);
  for (let year = firstYear; year <= lastYear; year++) {
    // The tax is owed by whoever owns the vehicle on 1 January (or at registration in its first year).
    const owner = ownerOn(history, Math.max(dayFromParts(year, 1, 1), history.importDay));
    const amount = annualTaxCents(history, year);
    const payChance = history.clean ? 1 : year === THIS_YEAR ? 0.85 : 0.96;
    const paid = amount === 0 || random.chance(payChance);
    const paidDay = Math.min(TODAY - 1, dayFromParts(year, 3, 1) + random.int(0, 240));
    rows.push({
      vin: history.vin,
      year,
      municipality_name: owner.municipalityName,
      owner_id: owner.ownerId,
      amount_cents: amount,
      paid,
      paid_on: paid ? isoFromDay(paidDay) : null,
    });
  }
  return rows;
}
