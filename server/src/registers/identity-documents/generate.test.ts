import { dayFromIso, yearsBetween } from '@civitas/contracts/days.ts';
import { describe, expect, it } from 'vitest';
import { DEMO_PERSON_COUNT, generatePopulation, SYNTHETIC_TODAY } from '../population/generate.ts';
import { generateIdentityDocuments } from './generate.ts';

const SEED = 'documents-test';
const people = Array.from(generatePopulation({ seed: SEED, count: 10_000 }), (bundle) => bundle.person);
const documents = people.map((person) => generateIdentityDocuments(person, SEED));
const age = (birth: string) => yearsBetween(dayFromIso(birth), dayFromIso(SYNTHETIC_TODAY));

describe('generateIdentityDocuments', () => {
  it('is deterministic', () => {
    expect(generateIdentityDocuments(people[100]!, SEED)).toEqual(documents[100]);
  });

  it('gives an ID card to everyone who reached 14, and nothing to younger children', () => {
    people.forEach((person, i) => {
      const cards = documents[i]!.filter((d) => d.kind === 'id_card');
      if (age(person.birth_date) < 14) expect(documents[i]).toHaveLength(0);
      else if (!person.deceased) expect(cards.length).toBeGreaterThan(0);
    });
  });

  it('uses unique 9-digit numbers and sensible validity', () => {
    const all = documents.flat();
    expect(new Set(all.map((d) => d.number)).size).toBe(all.length);
    for (const document of all) {
      expect(document.number).toMatch(/^\d{9}$/);
      expect(document.valid_until > document.issued_on).toBe(true);
      expect(document.issuer).toMatch(/^МВР – /);
    }
    const passports = people.filter((_, i) => documents[i]!.some((d) => d.kind === 'passport')).length;
    const eligible = people.filter((p) => age(p.birth_date) >= 14).length;
    expect(passports / eligible).toBeGreaterThan(0.28);
    expect(passports / eligible).toBeLessThan(0.42);
  });

  it('has some lost, expired and destroyed documents, destroyed only for the deceased', () => {
    const all = documents.flat();
    expect(all.some((d) => d.status === 'lost')).toBe(true);
    expect(all.some((d) => d.status === 'valid' && d.valid_until < SYNTHETIC_TODAY)).toBe(true);
    people.forEach((person, i) => {
      if (documents[i]!.some((d) => d.status === 'destroyed')) expect(person.deceased).toBe(true);
    });
  });

  it('gives every demo person a valid, unexpired ID card', () => {
    for (let i = 0; i < DEMO_PERSON_COUNT; i++) {
      const card = documents[i]!.find(
        (d) => d.kind === 'id_card' && d.status === 'valid' && d.valid_until > SYNTHETIC_TODAY,
      );
      expect(card).toBeDefined();
    }
  });
});
