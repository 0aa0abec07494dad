import { dayFromIso, yearsBetween } from '@civitas/contracts/days.ts';
import { checkEgn, parseEgn } from '@civitas/contracts/ids/egn.ts';
import { transliterate } from '@civitas/contracts/text/translit.ts';
import { describe, expect, it } from 'vitest';
import { DEMO_PERSON_COUNT, generatePopulation, type PersonBundle, SYNTHETIC_TODAY } from './generate.ts';

const TODAY = dayFromIso(SYNTHETIC_TODAY);
const take = (seed: string, count: number): PersonBundle[] => Array.from(generatePopulation({ seed, count }));
const population = take('population-test', 20_000);
const byEgn = new Map(population.map((bundle) => [bundle.person.egn, bundle.person]));

describe('generatePopulation', () => {
  it('is deterministic per seed and differs across seeds', () => {
    expect(take('population-test', 300)).toEqual(population.slice(0, 300));
    expect(
      take('another-seed', 300)
        .slice(DEMO_PERSON_COUNT)
        .map((b) => b.person.egn),
    ).not.toEqual(population.slice(DEMO_PERSON_COUNT, 300).map((b) => b.person.egn));
  });

  it('yields exactly the requested count with unique, valid EGNs matching birth date and sex', () => {
    expect(population).toHaveLength(20_000);
    expect(byEgn.size).toBe(20_000);
    for (const { person } of population) {
      expect(checkEgn(person.egn)).toBeNull();
      expect(parseEgn(person.egn)).toEqual({ birthDate: person.birth_date, sex: person.sex });
    }
  });

  it('links children to existing parents 18–45 years older, sharing the father’s family and name', () => {
    let linked = 0;
    for (const { person } of population) {
      if (person.father_egn === null) {
        expect(person.mother_egn).toBeNull();
        continue;
      }
      linked++;
      const father = byEgn.get(person.father_egn);
      const mother = byEgn.get(person.mother_egn!);
      expect(father?.sex).toBe('M');
      expect(mother?.sex).toBe('F');
      for (const parent of [father!, mother!]) {
        const gap = yearsBetween(dayFromIso(parent.birth_date), dayFromIso(person.birth_date));
        expect(gap).toBeGreaterThanOrEqual(18);
        expect(gap).toBeLessThanOrEqual(45);
      }
      expect(person.father_name.startsWith(father!.given_name.slice(0, 3))).toBe(true);
      if (person.sex === 'M') expect(person.family_name).toBe(father!.family_name);
    }
    expect(linked / population.length).toBeGreaterThan(0.3);
  });

  it('has a plausible shape: sex balance, ages, deaths, addresses', () => {
    const people = population.map((bundle) => bundle.person);
    const men = people.filter((p) => p.sex === 'M').length / people.length;
    expect(men).toBeGreaterThan(0.45);
    expect(men).toBeLessThan(0.55);
    const deceased = people.filter((p) => p.deceased);
    expect(deceased.length / people.length).toBeGreaterThan(0.01);
    expect(deceased.length / people.length).toBeLessThan(0.04);
    for (const p of deceased) {
      expect(p.death_date! > p.birth_date).toBe(true);
      expect(p.death_date! <= SYNTHETIC_TODAY).toBe(true);
    }
    const years = people.map((p) => Number(p.birth_date.slice(0, 4)));
    expect(Math.min(...years)).toBeGreaterThanOrEqual(1929);
    expect(Math.max(...years)).toBeLessThanOrEqual(2025);
    const withCurrent = population.filter((b) => b.addresses.some((a) => a.kind === 'current')).length;
    expect(withCurrent / population.length).toBeGreaterThan(0.1);
    expect(withCurrent / population.length).toBeLessThan(0.2);
    for (const bundle of population) {
      expect(bundle.addresses.filter((a) => a.kind === 'permanent')).toHaveLength(1);
      for (const address of bundle.addresses) {
        expect(address.egn).toBe(bundle.person.egn);
        expect(address.settlement_ekatte).toMatch(/^\d{5}$/);
        expect(address.registered_on >= bundle.person.birth_date).toBe(true);
      }
    }
  });

  it('writes Latin names by the official transliteration', () => {
    for (const { person } of population.slice(0, 500)) {
      expect(person.given_name_latin).toBe(transliterate(person.given_name));
      expect(person.family_name_latin).toBe(transliterate(person.family_name));
      expect(person.father_name_latin).toBe(transliterate(person.father_name));
    }
  });

  it('starts with the demo accounts: living adults aged 25–60', () => {
    for (const { person } of population.slice(0, DEMO_PERSON_COUNT)) {
      const age = yearsBetween(dayFromIso(person.birth_date), TODAY);
      expect(person.deceased).toBe(false);
      expect(age).toBeGreaterThanOrEqual(25);
      expect(age).toBeLessThanOrEqual(60);
    }
    expect(population[0]!.person.given_name).toBe('Иван');
  });
});

describe('birth dates at scale', () => {
  it('spread over the calendar, so no day runs out of personal numbers', () => {
    const perDay = new Map<string, number>();
    for (const { person } of generatePopulation({ seed: 'spread', count: 100_000 })) {
      const key = `${person.birth_date} ${person.sex}`;
      perDay.set(key, (perDay.get(key) ?? 0) + 1);
    }
    // About 1.4 per day and sex on average; a clamp to one day once put over a hundred there.
    expect(Math.max(...perDay.values())).toBeLessThan(25);
  });
});
