import { describe, expect, it } from 'vitest';
import { DEMO_PERSON_COUNT, generatePopulation, SYNTHETIC_TODAY } from '../population/generate.ts';
import { generateHealthInsurance, NHIF } from './generate.ts';

const SEED = 'health-test';
const people = Array.from(generatePopulation({ seed: SEED, count: 5_000 }), (bundle) => bundle.person);
const records = people.map((person) => generateHealthInsurance(person, SEED));

describe('generateHealthInsurance', () => {
  it('is deterministic', () => {
    expect(generateHealthInsurance(people[42]!, SEED)).toEqual(records[42]);
  });

  it('registers every living person, about 9 in 10 insured, nobody deceased', () => {
    for (const [i, person] of people.entries()) expect(records[i] === null).toBe(person.deceased);
    const registered = records.filter((record) => record !== null);
    const insured = registered.filter((record) => record.status === 'insured').length / registered.length;
    expect(insured).toBeGreaterThan(0.85);
    expect(insured).toBeLessThan(0.95);
  });

  it('gives the insured a unique 20-digit EHIC valid five years, the others none', () => {
    const registered = records.filter((record) => record !== null);
    const numbers = registered.flatMap((record) => (record.ehic_number ? [record.ehic_number] : []));
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const record of registered) {
      expect(record.institution_id).toBe(NHIF.id);
      if (record.status === 'insured') {
        expect(record.ehic_number).toMatch(/^80100\d{15}$/);
        expect(record.card_valid_until! > SYNTHETIC_TODAY).toBe(true);
        expect(record.card_issued_on! <= SYNTHETIC_TODAY).toBe(true);
      } else {
        expect([record.ehic_number, record.card_valid_until]).toEqual([null, null]);
      }
    }
  });

  it('insures every demo person with a card', () => {
    for (const record of records.slice(0, DEMO_PERSON_COUNT)) expect(record?.status).toBe('insured');
  });
});
