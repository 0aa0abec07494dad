import { dayFromIso, yearsBetween } from '@civitas/contracts/days.ts';
import { describe, expect, it } from 'vitest';
import { DEMO_PERSON_COUNT, generatePopulation, SYNTHETIC_TODAY } from '../population/generate.ts';
import { FULL_POINTS, generateDrivingLicence } from './generate.ts';

const SEED = 'licences-test';
const people = Array.from(generatePopulation({ seed: SEED, count: 10_000 }), (bundle) => bundle.person);
const licences = people.map((person) => generateDrivingLicence(person, SEED));
const age = (birth: string) => yearsBetween(dayFromIso(birth), dayFromIso(SYNTHETIC_TODAY));

describe('generateDrivingLicence', () => {
  it('is deterministic', () => {
    expect(generateDrivingLicence(people[123]!, SEED)).toEqual(licences[123]);
  });

  it('licenses about 65% of living adults and nobody else', () => {
    const adults = people.filter((p) => !p.deceased && age(p.birth_date) >= 18);
    const licensed = licences.filter(Boolean).length;
    expect(licensed / adults.length).toBeGreaterThan(0.55);
    expect(licensed / adults.length).toBeLessThan(0.75);
    people.forEach((person, i) => {
      if (person.deceased || age(person.birth_date) < 18) expect(licences[i]).toBeNull();
    });
  });

  it('issues B (with AM) to nearly all, unique numbers, points within 0..39', () => {
    const issued = licences.filter((l) => l !== null);
    expect(new Set(issued.map((l) => l.licence.number)).size).toBe(issued.length);
    for (const { licence, categories } of issued) {
      expect(licence.number).toMatch(/^\d{9}$/);
      expect(categories.map((c) => c.category)).toEqual(expect.arrayContaining(['AM', 'B']));
      expect(licence.points_remaining).toBeGreaterThanOrEqual(0);
      expect(licence.points_remaining).toBeLessThanOrEqual(FULL_POINTS);
      expect(licence.valid_until > licence.issued_on).toBe(true);
    }
    expect(issued.some(({ categories }) => categories.some((c) => c.category === 'CE'))).toBe(true);
    expect(issued.some(({ categories }) => categories.some((c) => c.category === 'A'))).toBe(true);
  });

  it('gives every demo person a valid licence with category B', () => {
    for (let i = 0; i < DEMO_PERSON_COUNT; i++) {
      const licence = licences[i];
      expect(licence?.licence.status).toBe('valid');
      expect(licence!.licence.valid_until > SYNTHETIC_TODAY).toBe(true);
      expect(licence!.categories.some((c) => c.category === 'B')).toBe(true);
    }
  });
});
