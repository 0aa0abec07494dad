import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkEgn, parseEgn } from '../platform/ids/egn.ts';
import { checkEik } from '../platform/ids/eik.ts';
import { checkPlate } from '../platform/ids/plate.ts';
import { checkVin } from '../platform/ids/vin.ts';
import { generateDrivingLicence } from './driving-licences/generate.ts';
import { generateIdentityDocuments } from './identity-documents/generate.ts';
import { generatePopulation } from './population/generate.ts';
import { generateVehicles } from './vehicles/generate.ts';

const seeds = fc.string({ minLength: 1, maxLength: 24 });

function population(seed: string, count: number) {
  return [...generatePopulation({ seed, count })];
}

function vehicles(seed: string, count: number, persons: string[]) {
  return [...generateVehicles({ seed, count, owners: { persons, demoCitizen: persons[0]! } })];
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
