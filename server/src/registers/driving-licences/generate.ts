/**
 * The driving licence of one person, derived only from the person row and the seed: about 65% of living
 * adults hold one, almost always with category B (which includes AM), some with motorcycle, lorry or bus
 * categories; points start at 39 and some have been deducted.
 */
import { addYears, dayFromIso, isoFromDay } from '@civitas/contracts/days.ts';
import { makeScrambler } from '@civitas/contracts/ids/scramble.ts';
import { forkRandom, type Seed } from '../../kernel/index.ts';
import { demoEgns } from '../population/demo.ts';
import { egnOrdinal } from '../population/egn-ordinal.ts';
import { SYNTHETIC_TODAY } from '../population/generate.ts';
import { placeByEkatte } from '../population/places.ts';
import type { PersonRow } from '../population/tables.ts';
import type { LicenceCategoryRow, LicenceRestrictionRow, LicenceRow, LicenceStatus } from './tables.ts';

export interface GeneratedLicence {
  licence: LicenceRow;
  categories: LicenceCategoryRow[];
  restrictions: LicenceRestrictionRow[];
}

const TODAY = dayFromIso(SYNTHETIC_TODAY);
const NUMBERS = makeScrambler(100_000_000, 3_141_593, 27_182_818);
export const FULL_POINTS = 39;

export function generateDrivingLicence(person: PersonRow, seed: Seed): GeneratedLicence | null {
  if (person.deceased) return null;
  const birthDay = dayFromIso(person.birth_date);
  const eighteen = addYears(birthDay, 18);
  if (eighteen > TODAY) return null;
  const random = forkRandom(seed, 'driving-licence', person.egn);
  const isDemo = demoEgns(seed).has(person.egn);
  // Fewer women in the oldest generations drove.
  const share = person.sex === 'F' && birthDay < dayFromIso('1960-01-01') ? 0.4 : 0.7;
  if (!isDemo && !random.chance(share)) return null;

  const bObtained = random.int(eighteen, Math.min(TODAY - 30, addYears(eighteen, 12)));
  const number = `2${String(NUMBERS.scramble(egnOrdinal(person.egn))).padStart(8, '0')}`;
  const obtained: [string, number][] = [
    ['AM', bObtained],
    ['B', bObtained],
  ];
  const later = (from: number) => random.int(Math.min(from + 30, TODAY - 1), TODAY - 1);
  if (random.chance(person.sex === 'M' ? 0.18 : 0.03)) obtained.push(['A', later(addYears(birthDay, 24))]);
  if (random.chance(0.08)) obtained.push(['BE', later(bObtained)]);
  if (person.sex === 'M' && random.chance(0.12)) {
    const c = later(addYears(birthDay, 21));
    obtained.push(['C', c]);
    if (random.chance(0.6)) obtained.push(['CE', later(c)]);
    if (random.chance(0.2)) obtained.push(['D', later(Math.max(c, addYears(birthDay, 24)))]);
  }
  if (random.chance(0.04)) obtained.push(['T', later(addYears(birthDay, 16))]);

  // The card is renewed every 10 years; the current one was issued within the last 10.
  const issuedDay = random.int(Math.max(bObtained, addYears(TODAY, -10) + 1), TODAY - 1);
  const deductions = random.chance(0.35) ? random.int(1, isDemo ? 12 : 30) : 0;
  let status: LicenceStatus = 'valid';
  if (!isDemo) {
    const roll = random.next();
    if (roll < 0.006) status = 'suspended';
    else if (roll < 0.008) status = 'withdrawn';
  }
  const region = placeByEkatte(person.birth_place_ekatte)?.region.name ?? 'София (столица)';
  return {
    licence: {
      number,
      egn: person.egn,
      issued_on: isoFromDay(issuedDay),
      valid_until: isoFromDay(addYears(issuedDay, 10)),
      issuer: `МВР – ${region}`,
      points_remaining: FULL_POINTS - deductions,
      status,
    },
    categories: obtained.map(([category, day]) => ({
      licence_number: number,
      category,
      obtained_on: isoFromDay(day),
    })),
    restrictions: generateRestrictions(
      person,
      number,
      obtained.map(([category]) => category),
      seed,
    ),
  };
}

const PROFESSIONAL = ['C', 'CE', 'D'];

/**
 * The licence's restrictions, from a random stream of their own (the licences themselves stay as
 * before): glasses more often with age, automatic-only for a few, code 95 on the professional
 * categories of most lorry and bus drivers.
 */
export function generateRestrictions(
  person: PersonRow,
  number: string,
  categories: readonly string[],
  seed: Seed,
): LicenceRestrictionRow[] {
  const random = forkRandom(seed, 'licence-restrictions', person.egn);
  const age = Math.floor((TODAY - dayFromIso(person.birth_date)) / 365.25);
  const restrictions: LicenceRestrictionRow[] = [];
  if (random.chance(Math.min(0.6, 0.1 + age / 150))) {
    restrictions.push({
      licence_number: number,
      code: random.chance(0.7) ? '01.06' : '01.01',
      category: null,
    });
  }
  if (random.chance(0.05)) restrictions.push({ licence_number: number, code: '78', category: 'B' });
  for (const category of categories.filter((held) => PROFESSIONAL.includes(held))) {
    if (random.chance(0.8)) restrictions.push({ licence_number: number, code: '95', category });
  }
  return restrictions;
}
