import { addYears, dayFromIso } from '@civitas/contracts/days.ts';
import { describe, expect, it } from 'vitest';
import { demoEgns } from '../population/demo.ts';
import { generatePopulation, SYNTHETIC_TODAY } from '../population/generate.ts';
import { generateConvictions } from './generate.ts';
import { statusOf } from './queries.ts';

const SEED = 'criminal-records-test';
const people = Array.from(generatePopulation({ seed: SEED, count: 5_000 }), (bundle) => bundle.person);
const records = people.map((person) => generateConvictions(person, SEED));

describe('the synthetic criminal-records register', () => {
  it('is deterministic', () => {
    for (const index of [0, 42, 4_999])
      expect(generateConvictions(people[index]!, SEED)).toEqual(records[index]);
  });

  it('convicts about one adult in twenty, never a minor, never a demo person', () => {
    const demo = demoEgns(SEED);
    const adults = people.filter(
      (person) => addYears(dayFromIso(person.birth_date), 18) < dayFromIso(SYNTHETIC_TODAY),
    );
    const convicted = records.filter((convictions) => convictions.length > 0).length;
    expect(convicted / adults.length).toBeGreaterThan(0.03);
    expect(convicted / adults.length).toBeLessThan(0.08);
    for (const [index, convictions] of records.entries()) {
      const person = people[index]!;
      if (demo.has(person.egn)) expect(convictions).toEqual([]);
      for (const conviction of convictions) {
        expect(dayFromIso(conviction.final_on)).toBeGreaterThanOrEqual(
          addYears(dayFromIso(person.birth_date), 18),
        );
        expect(conviction.final_on < SYNTHETIC_TODAY).toBe(true);
        expect(conviction.egn).toBe(person.egn);
        // A fine has an amount and no months; any other sentence, months and no amount.
        expect(conviction.sentence === 'fine').toBe(
          conviction.fine_cents !== null && conviction.months === null,
        );
      }
    }
  });

  it('numbers each bulletin once', () => {
    const bulletins = records.flat().map((conviction) => conviction.bulletin);
    expect(new Set(bulletins).size).toBe(bulletins.length);
  });

  it('rehabilitates only convictions more than ten years old', () => {
    const convictions = records.flat();
    expect(convictions.some((conviction) => conviction.rehabilitated)).toBe(true);
    for (const conviction of convictions.filter((c) => c.rehabilitated))
      expect(dayFromIso(conviction.final_on)).toBeLessThan(dayFromIso(SYNTHETIC_TODAY) - 3_652);
  });
});

describe('what a certificate of criminal record says', () => {
  it('is "no convictions" without any, "rehabilitated" when all are erased, else "convicted"', () => {
    expect(statusOf([])).toBe('no-convictions');
    expect(statusOf([{ rehabilitated: true }, { rehabilitated: true }])).toBe('rehabilitated');
    expect(statusOf([{ rehabilitated: true }, { rehabilitated: false }])).toBe('convicted');
  });
});
