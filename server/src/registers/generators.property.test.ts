import { checkEgn, parseEgn } from '@civitas/contracts/ids/egn.ts';
import { checkEik } from '@civitas/contracts/ids/eik.ts';
import { checkPlate } from '@civitas/contracts/ids/plate.ts';
import { checkVin } from '@civitas/contracts/ids/vin.ts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateDrivingLicence } from './driving-licences/generate.ts';
import { generateIdentityDocuments } from './identity-documents/generate.ts';
import { DEMO_PERSON_COUNT, generatePopulation, SYNTHETIC_TODAY } from './population/generate.ts';
import { generateVehicles, type VehicleBundle } from './vehicles/generate.ts';

const seeds = fc.string({ minLength: 1, maxLength: 24 });

function population(seed: string, count: number) {
  return [...generatePopulation({ seed, count })];
}

function vehicles(seed: string, count: number, persons: string[]) {
  return [...generateVehicles({ seed, count, owners: { persons, demoCitizen: persons[0]! } })];
}

/** The owners `civitas seed` hands vehicles to: living adults, the demo accounts apart. */
function seededOwners(seed: string, count: number): { demoCitizen: string; persons: string[] } {
  const people = population(seed, count).map(({ person }) => person);
  return {
    demoCitizen: people[0]!.egn,
    persons: people
      .slice(DEMO_PERSON_COUNT)
      .filter((p) => !p.deceased)
      .map((person) => person.egn),
  };
}

const yearsLater = (iso: string, years: number) => `${Number(iso.slice(0, 4)) + years}${iso.slice(4)}`;

/**
 * Everything in one vehicle's records that contradicts the rest, in words (empty when coherent).
 * The registers are separate, but they describe one car: a history report puts them side by side.
 */
function contradictions(bundle: VehicleBundle): string[] {
  const found: string[] = [];
  const expect = (ok: boolean, what: string) => {
    if (!ok) found.push(`${bundle.vehicle.vin}: ${what}`);
  };
  const { vehicle, registrations, inspections, policies, fines, taxes } = bundle;
  const first = registrations[0];
  if (!first) return [`${vehicle.vin}: no registration history`];
  const start = first.event_date;
  // When the car left the road: deregistered, or stolen (no one drives it to an inspection then).
  const end =
    registrations.find((row) => row.event === 'deregistration')?.event_date ??
    vehicle.stolen_since ??
    SYNTHETIC_TODAY;

  // The history starts at the first registration (in Bulgaria: new, or after import).
  expect(
    (first.event === 'first_registration' && start === vehicle.first_registration_date) ||
      (first.event === 'import_registration' && start > vehicle.first_registration_date),
    `history starts with ${first.event} on ${start}, first registration ${vehicle.first_registration_date}`,
  );
  expect(
    vehicle.first_registration_date >= `${vehicle.model_year - 1}-01-01`,
    'registered before its model year',
  );
  expect(vehicle.first_registration_date <= SYNTHETIC_TODAY, 'first registration in the future');
  registrations.forEach((row, i) => {
    expect(row.seq === i, `registration ${i} has seq ${row.seq}`);
    if (i > 0) {
      expect(!['first_registration', 'import_registration'].includes(row.event), `a second ${row.event}`);
      expect(
        row.event_date >= registrations[i - 1]!.event_date,
        `registration ${i} before the one before it`,
      );
    }
    expect(row.event_date <= end, `${row.event} on ${row.event_date}, after the car left the road (${end})`);
    expect((row.plate === null) === (row.event === 'deregistration'), `${row.event} with plate ${row.plate}`);
  });
  const last = registrations.at(-1)!;
  expect((last.event === 'deregistration') === (vehicle.status !== 'registered'), `status ${vehicle.status}`);
  if (vehicle.status === 'registered')
    expect(vehicle.plate === last.plate, 'plate is not the last registered');
  if (vehicle.stolen_since) expect(vehicle.stolen_since >= start, 'stolen before it was registered');

  // Owners: a person is an adult when they acquire the car.
  for (const row of registrations) {
    if (row.owner_kind !== 'person') continue;
    const { birthDate } = parseEgn(row.owner_id);
    expect(
      yearsLater(birthDate, 18) <= row.event_date,
      `owner born ${birthDate} acquires it on ${row.event_date}`,
    );
  }
  const ownerOn = (day: string) => registrations.filter((row) => row.event_date <= day).at(-1) ?? first;

  // Inspections: from the first registration until it left the road, dates ascending.
  inspections.forEach((row, i) => {
    expect(row.inspected_on >= start, `inspection on ${row.inspected_on}, before registration on ${start}`);
    expect(row.inspected_on <= end, `inspection on ${row.inspected_on}, after it left the road (${end})`);
    if (i > 0) expect(row.inspected_on > inspections[i - 1]!.inspected_on, `inspection ${i} out of order`);
  });
  // The odometer only goes up, unless the generator rolled it back on purpose (once).
  const drops = inspections.filter((row, i) => i > 0 && row.odometer_km < inspections[i - 1]!.odometer_km);
  expect(drops.length <= (bundle.anomalies.odometerRollback ? 1 : 0), `${drops.length} odometer drops`);

  for (const policy of policies) {
    expect(policy.starts_on >= start, `insurance from ${policy.starts_on}, before registration on ${start}`);
    expect(policy.starts_on <= end, `insurance from ${policy.starts_on}, after it left the road (${end})`);
    expect(policy.starts_on <= policy.ends_on, 'a policy ending before it starts');
  }
  for (const fine of fines) {
    expect(fine.issued_on >= start, `fine on ${fine.issued_on}, before registration on ${start}`);
    expect(fine.issued_on <= SYNTHETIC_TODAY, `fine in the future (${fine.issued_on})`);
    const owner = ownerOn(fine.issued_on);
    expect(
      owner.owner_kind === 'person' && owner.owner_id === fine.egn,
      `fine on ${fine.issued_on} to a non-owner`,
    );
    const plate = registrations.filter((row) => row.event_date <= fine.issued_on && row.plate).at(-1)?.plate;
    expect(fine.plate === plate, `fine on ${fine.issued_on} names plate ${fine.plate}, the car had ${plate}`);
  }
  for (const tax of taxes) {
    expect(tax.year >= Number(start.slice(0, 4)), `tax for ${tax.year}, before registration on ${start}`);
    const owner = ownerOn(`${tax.year}-01-01` > start ? `${tax.year}-01-01` : start);
    expect(owner.owner_id === tax.owner_id, `tax for ${tax.year} assessed on someone else`);
  }
  return found;
}

describe('synthetic registers, for any seed', () => {
  it('every generated personal number is valid and agrees with the birth date and sex', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 7, max: 60 }), (seed, count) => {
        for (const { person, addresses } of population(seed, count)) {
          expect(checkEgn(person.egn)).toBeNull();
          expect(parseEgn(person.egn)).toMatchObject({ birthDate: person.birth_date, sex: person.sex });
          expect(addresses.some((address) => address.kind === 'permanent')).toBe(true);
          for (const document of generateIdentityDocuments(person, seed))
            expect(document.egn).toBe(person.egn);
          const licence = generateDrivingLicence(person, seed);
          if (licence) expect(licence.licence.egn).toBe(person.egn);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('every generated VIN, plate and company number is valid', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 2, max: 40 }), (seed, count) => {
        const owners = population(seed, 30).map(({ person }) => person.egn);
        for (const bundle of vehicles(seed, count, owners)) {
          expect(checkVin(bundle.vehicle.vin)).toBeNull();
          if (bundle.vehicle.plate) expect(checkPlate(bundle.vehicle.plate)).toBeNull();
          for (const registration of bundle.registrations) {
            if (registration.plate) expect(checkPlate(registration.plate)).toBeNull();
            if (registration.owner_kind === 'company') expect(checkEik(registration.owner_id)).toBeNull();
            else expect(checkEgn(registration.owner_id)).toBeNull();
          }
          for (const inspection of bundle.inspections) expect(inspection.vin).toBe(bundle.vehicle.vin);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('every vehicle tells one story: history, inspections, insurance, fines, taxes and owners agree', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 2, max: 600 }), (seed, count) => {
        const owners = seededOwners(seed, 300);
        const fleet = [...generateVehicles({ seed, count, owners })];
        expect(fleet.flatMap(contradictions)).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  it('the same seed gives the same data, and a longer run starts with the shorter one', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 7, max: 40 }), (seed, count) => {
        const first = population(seed, count);
        expect(population(seed, count)).toEqual(first);
        expect(population(seed, count + 5).slice(0, count)).toEqual(first);
        const owners = first.map(({ person }) => person.egn);
        expect(vehicles(seed, 10, owners)).toEqual(vehicles(seed, 10, owners));
      }),
      { numRuns: 20 },
    );
  });
});
