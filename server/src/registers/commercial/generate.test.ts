import { addYears, dayFromIso } from '@civitas/contracts/days.ts';
import { checkEik } from '@civitas/contracts/ids/eik.ts';
import { describe, expect, it } from 'vitest';
import { demoEgns } from '../population/demo.ts';
import { generatePopulation, SYNTHETIC_TODAY } from '../population/generate.ts';
import { COMPANY_BASES, COMPANY_POOL } from '../vehicles/generate.ts';
import { type CompanyBundle, CompanyGenerator } from './generate.ts';

const SEED = 'commercial-test';
const bundles = Array.from(generatePopulation({ seed: SEED, count: 4_000 }));
const demoCitizen = [...demoEgns(SEED)][0]!;

function generate(): CompanyBundle[] {
  const generator = new CompanyGenerator(SEED, demoCitizen);
  return bundles.flatMap((bundle) => generator.offer(bundle) ?? []);
}

const companies = generate();
const persons = new Map(bundles.map((bundle) => [bundle.person.egn, bundle.person]));

describe('the synthetic commercial register', () => {
  it('is the same for the same seed and persons', () => {
    expect(generate()).toEqual(companies);
  });

  it('has the demo citizen manage an active one-person company alone', () => {
    const own = companies.filter((company) =>
      company.representatives.some((representative) => representative.egn === demoCitizen),
    );
    expect(own.length).toBeGreaterThanOrEqual(1);
    expect(own[0]!.company).toMatchObject({ legal_form: 'eood', status: 'active' });
    expect(own[0]!.representatives).toEqual([
      expect.objectContaining({ egn: demoCitizen, role: 'manager', alone: true }),
    ]);
  });

  it('gives every company a valid, unique EIK that no vehicle-owning company has', () => {
    const eiks = companies.map((company) => company.company.eik);
    for (const eik of eiks) expect(checkEik(eik)).toBeNull();
    expect(new Set(eiks).size).toBe(eiks.length);
    const vehicleOwners = new Set(
      Array.from({ length: COMPANY_POOL }, (_, index) =>
        String(COMPANY_BASES.scramble(index)).padStart(8, '0'),
      ),
    );
    for (const eik of eiks) expect(vehicleOwners.has(eik.slice(0, 8))).toBe(false);
  });

  it('names living adults of the population as representatives, adult since they were named', () => {
    const rate = companies.length / bundles.length;
    expect(rate).toBeGreaterThan(0.01);
    expect(rate).toBeLessThan(0.06);
    for (const { company, representatives } of companies) {
      expect(representatives.length).toBeGreaterThanOrEqual(1);
      for (const representative of representatives) {
        const person = persons.get(representative.egn)!;
        expect(person.deceased).toBe(false);
        expect(representative.name).toBe(`${person.given_name} ${person.father_name} ${person.family_name}`);
        expect(dayFromIso(representative.since)).toBeGreaterThanOrEqual(
          addYears(dayFromIso(person.birth_date), 18),
        );
        expect(representative.since >= company.registered_on && representative.since < SYNTHETIC_TODAY).toBe(
          true,
        );
      }
    }
  });

  it('has some limited companies with two representatives, who act alone or only jointly', () => {
    const pairs = companies.filter((company) => company.representatives.length === 2);
    expect(pairs.length).toBeGreaterThan(0);
    for (const { company, representatives } of pairs) {
      expect(['ood', 'ad']).toContain(company.legal_form);
      expect(representatives[0]!.egn).not.toBe(representatives[1]!.egn);
      expect(representatives[0]!.alone).toBe(representatives[1]!.alone);
    }
  });

  it('names each company by its legal form', () => {
    for (const { company } of companies) {
      const suffix = { et: /^ЕТ „/, eood: / ЕООД$/, ood: / ООД$/, ead: / ЕАД$/, ad: / АД$/ }[
        company.legal_form
      ];
      expect(company.name).toMatch(suffix);
      expect(company.name_latin).toMatch(/^[\x20-\x7e„“–]+$/);
    }
  });
});
