import { checkEgn } from '@civitas/contracts/ids/egn.ts';
import { checkEik } from '@civitas/contracts/ids/eik.ts';
import { checkPlate } from '@civitas/contracts/ids/plate.ts';
import { hasCorrectCheckDigit } from '@civitas/contracts/ids/vin.ts';
import { describe, expect, it } from 'vitest';
import { generatePopulation, SYNTHETIC_TODAY } from '../population/generate.ts';
import { ANOMALY_RATES, generateVehicles, type VehicleBundle, type VehicleOwners } from './generate.ts';
import { modelYearCode } from './vin-maker.ts';

const SEED = 'vehicles-test';
const people = Array.from(generatePopulation({ seed: SEED, count: 5_000 }), (bundle) => bundle.person);
const owners: VehicleOwners = {
  persons: people
    .slice(7)
    .filter((p) => !p.deceased && p.birth_date <= '2008-11-22')
    .map((p) => p.egn),
  demoCitizen: people[0]!.egn,
};
const take = (count: number, seed = SEED): VehicleBundle[] =>
  Array.from(generateVehicles({ seed, count, owners }));
const fleet = take(20_000);
const sample = fleet.slice(0, 5_000);
const share = (predicate: (bundle: VehicleBundle) => boolean) =>
  sample.filter(predicate).length / sample.length;

function hasRollback(bundle: VehicleBundle): boolean {
  return bundle.inspections.some(
    (inspection, i) => i > 0 && inspection.odometer_km < bundle.inspections[i - 1]!.odometer_km,
  );
}
function lastPolicyEnd(bundle: VehicleBundle): string {
  return (
    bundle.policies
      .map((policy) => policy.ends_on)
      .sort()
      .at(-1) ?? ''
  );
}

// Each test walks a fleet of 20,000 vehicles: seconds on a busy machine, beyond the default 5 s.
describe('generateVehicles', { timeout: 30_000 }, () => {
  it('is deterministic per seed and differs across seeds', () => {
    expect(take(50)).toEqual(fleet.slice(0, 50));
    expect(take(50, 'other').map((b) => b.vehicle.vin)).not.toEqual(
      fleet.slice(0, 50).map((b) => b.vehicle.vin),
    );
  });

  it('generates vehicle i the same whether 10 or 1000 are generated', () => {
    const ten = take(10);
    const thousand = take(1_000);
    expect(thousand.slice(0, 10)).toEqual(ten);
    expect(thousand[999]).toEqual(fleet[999]);
  });

  it('gives valid, unique VINs with the model-year code and a correct check digit', () => {
    const vins = fleet.map((b) => b.vehicle.vin);
    expect(new Set(vins).size).toBe(vins.length);
    for (const { vehicle } of fleet) {
      expect(hasCorrectCheckDigit(vehicle.vin)).toBe(true);
      expect(vehicle.vin[9]).toBe(modelYearCode(vehicle.model_year));
    }
  });

  it('gives valid, unique plates and certificate numbers; no plate once off the register', () => {
    const plates = new Map<string, string>();
    const certificates = new Set<string>();
    for (const { vehicle, registrations } of fleet) {
      if (vehicle.status === 'registered') expect(checkPlate(vehicle.plate!)).toBeNull();
      else expect(vehicle.plate).toBeNull();
      expect(vehicle.registration_certificate_number).toMatch(/^\d{9}$/);
      for (const registration of registrations) {
        if (registration.plate !== null) {
          expect(checkPlate(registration.plate)).toBeNull();
          const holder = plates.get(registration.plate);
          expect(holder === undefined || holder === vehicle.vin).toBe(true);
          plates.set(registration.plate, vehicle.vin);
        }
        if (registration.certificate_number !== null) {
          expect(certificates.has(registration.certificate_number)).toBe(false);
          certificates.add(registration.certificate_number);
        }
      }
    }
  });

  it('keeps owners valid: persons from the pool, companies with a valid EIK and a name', () => {
    const pool = new Set(owners.persons);
    for (const { registrations } of sample) {
      registrations.forEach((registration, i) => {
        expect(registration.seq).toBe(i);
        if (registration.owner_kind === 'person') {
          expect(checkEgn(registration.owner_id)).toBeNull();
          expect(pool.has(registration.owner_id) || registration.owner_id === owners.demoCitizen).toBe(true);
          expect(registration.owner_name).toBeNull();
        } else {
          expect(checkEik(registration.owner_id)).toBeNull();
          expect(registration.owner_name).toMatch(/^„.+“ (ЕООД|ООД|АД|ЕАД)$/);
        }
      });
    }
    const companies = share((b) => b.registrations[b.registrations.length - 1]!.owner_kind === 'company');
    expect(companies).toBeGreaterThan(0.1);
    expect(companies).toBeLessThan(0.2);
  });

  it('has realistic inspections: ascending dates, about ten per vehicle, ~1% failed', () => {
    const inspections = fleet.flatMap((b) => b.inspections);
    const perVehicle = inspections.length / fleet.length;
    expect(perVehicle).toBeGreaterThan(7);
    expect(perVehicle).toBeLessThan(14);
    const failed = inspections.filter((i) => i.result === 'failed').length / inspections.length;
    expect(failed).toBeGreaterThan(0.004);
    expect(failed).toBeLessThan(0.02);
    for (const { inspections: rows, vehicle } of sample) {
      rows.forEach((row, i) => {
        expect(row.seq).toBe(i);
        expect(row.inspected_on <= SYNTHETIC_TODAY).toBe(true);
        if (i > 0) expect(row.inspected_on > rows[i - 1]!.inspected_on).toBe(true);
        expect(row.inspected_on >= vehicle.first_registration_date).toBe(true);
      });
    }
  });

  it('injects each anomaly in a few percent of vehicles', () => {
    const rates = {
      rollback: share(hasRollback),
      stolen: share((b) => b.vehicle.stolen),
      lapsed: share(
        (b) => b.vehicle.status === 'registered' && !b.vehicle.stolen && lastPolicyEnd(b) < SYNTHETIC_TODAY,
      ),
      unpaid: share((b) => b.fines.some((f) => !f.paid)),
      offRegister: share((b) => b.vehicle.status !== 'registered'),
    };
    for (const rate of Object.values(rates)) {
      expect(rate).toBeGreaterThan(0.005);
      expect(rate).toBeLessThan(0.06);
    }
    expect(rates.stolen).toBeGreaterThan(ANOMALY_RATES.stolen / 2);
    for (const { vehicle } of sample.filter((b) => b.vehicle.stolen))
      expect(vehicle.stolen_since! <= SYNTHETIC_TODAY).toBe(true);
  });

  it('keeps fines and taxes consistent with the vehicle', () => {
    for (const bundle of sample) {
      for (const fine of bundle.fines) {
        expect(fine.vin).toBe(bundle.vehicle.vin);
        expect(checkEgn(fine.egn)).toBeNull();
        expect(fine.paid).toBe(fine.paid_on !== null);
        expect(fine.amount_cents).toBeGreaterThan(0);
      }
      const years = bundle.taxes.map((t) => t.year);
      expect(new Set(years).size).toBe(years.length);
      for (const tax of bundle.taxes) {
        expect(tax.year).toBeGreaterThanOrEqual(2022);
        expect(tax.year).toBeLessThanOrEqual(2026);
        expect(tax.paid).toBe(tax.paid_on !== null);
      }
    }
    const fines = sample.flatMap((b) => b.fines);
    expect(fines.filter((f) => f.paid).length / fines.length).toBeGreaterThan(0.8);
  });

  it('gives the demo citizen a clean car (0) and one with a rolled-back odometer (1)', () => {
    const [clean, rolledBack] = fleet;
    for (const bundle of [clean!, rolledBack!]) {
      const current = bundle.registrations[bundle.registrations.length - 1]!;
      expect(current.owner_id).toBe(owners.demoCitizen);
      expect(bundle.vehicle.status).toBe('registered');
      expect(bundle.vehicle.stolen).toBe(false);
      expect(bundle.vehicle.category).toBe('M1');
      expect(lastPolicyEnd(bundle) > SYNTHETIC_TODAY).toBe(true);
      expect(bundle.inspections.length).toBeGreaterThan(2);
    }
    expect(hasRollback(clean!)).toBe(false);
    expect(clean!.inspections.every((i) => i.result === 'passed')).toBe(true);
    expect(clean!.fines.every((f) => f.paid)).toBe(true);
    expect(clean!.taxes.every((t) => t.paid)).toBe(true);
    expect(hasRollback(rolledBack!)).toBe(true);
  });
});
