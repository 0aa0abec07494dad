import { OFFENCES } from '@civitas/contracts/registers/fines.ts';
import { INSPECTION_RESULTS } from '@civitas/contracts/registers/inspections.ts';
import {
  BODY_TYPES,
  COLOURS,
  FUELS,
  VEHICLE_CATEGORIES,
  VEHICLE_STATUSES,
} from '@civitas/contracts/registers/vehicles.ts';
import { describe, expect, it } from 'vitest';
import { generatePopulation } from './population/generate.ts';
import { generateVehicles } from './vehicles/generate.ts';
import { BODY_WORDS, COLOUR_WORDS, OFFENCE_WORDS } from './words-to-codes.ts';

const SEED = 'register-codes';
const people = Array.from(generatePopulation({ seed: SEED, count: 2_000 }), (bundle) => bundle.person);
const fleet = Array.from(
  generateVehicles({
    seed: SEED,
    count: 3_000,
    owners: { persons: people.slice(7).map((person) => person.egn), demoCitizen: people[0]!.egn },
  }),
);
const values = <T>(pick: (bundle: (typeof fleet)[number]) => T[]) => new Set(fleet.flatMap(pick));

describe('register enumerations', () => {
  it('are stored as codes, never as words in one language', () => {
    for (const [seen, codes] of [
      [values((b) => [b.vehicle.body]), BODY_TYPES],
      [values((b) => [b.vehicle.colour]), COLOURS],
      [values((b) => [b.vehicle.fuel]), FUELS],
      [values((b) => [b.vehicle.category]), VEHICLE_CATEGORIES],
      [values((b) => [b.vehicle.status]), VEHICLE_STATUSES],
      [values((b) => b.fines.map((fine) => fine.offence)), OFFENCES],
      [values((b) => b.inspections.map((inspection) => inspection.result)), INSPECTION_RESULTS],
    ] as const) {
      expect([...seen].filter((value) => !(codes as readonly string[]).includes(value))).toEqual([]);
      expect(seen.size).toBeGreaterThan(1);
    }
  });

  it('use every colour and every body type the code lists name', () => {
    expect([...values((b) => [b.vehicle.colour])].sort()).toEqual([...COLOURS].sort());
    expect([...values((b) => [b.vehicle.body])].sort()).toEqual([...BODY_TYPES].sort());
  });

  it('map every word stored before codes onto a distinct code', () => {
    for (const [words, codes] of [
      [BODY_WORDS, BODY_TYPES],
      [COLOUR_WORDS, COLOURS],
      [OFFENCE_WORDS, OFFENCES],
    ] as const) {
      const mapped = Object.values(words);
      expect(new Set(mapped).size).toBe(mapped.length);
      expect([...mapped].sort()).toEqual([...codes].sort());
    }
  });
});
