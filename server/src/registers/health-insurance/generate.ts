/**
 * A person's health insurance, derived only from the person row and the seed: every living person
 * is in the register, about 9 in 10 insured (the others' contributions interrupted); the insured
 * hold a European Health Insurance Card valid 5 years, issued by the fund's regional office.
 */
import { addYears, dayFromIso, isoFromDay } from '@civitas/contracts/days.ts';
import { makeScrambler } from '@civitas/contracts/ids/scramble.ts';
import { forkRandom, type Seed } from '../../kernel/index.ts';
import { demoEgns } from '../population/demo.ts';
import { egnOrdinal } from '../population/egn-ordinal.ts';
import { SYNTHETIC_TODAY } from '../population/generate.ts';
import type { PersonRow } from '../population/tables.ts';
import type { InsuredPersonRow } from './tables.ts';

const TODAY = dayFromIso(SYNTHETIC_TODAY);
const NUMBERS = makeScrambler(100_000_000, 2_718_281, 31_415_927);
/** The competent institution: the National Health Insurance Fund (EHIC field 8). */
export const NHIF = { id: '1200', name: 'Национална здравноосигурителна каса' } as const;
/** ISO/IEC 7812 issuer prefix of Bulgarian EHICs: 80 (health) and 100 (the ISO 3166 numeric code). */
const EHIC_PREFIX = '80100';
const CARD_YEARS = 5;

export function generateHealthInsurance(person: PersonRow, seed: Seed): InsuredPersonRow | null {
  if (person.deceased) return null;
  const random = forkRandom(seed, 'health-insurance', person.egn);
  const isDemo = demoEgns(seed).has(person.egn);
  const born = dayFromIso(person.birth_date);
  const insured = isDemo || random.chance(0.9);
  const since = random.int(born, Math.max(born, Math.min(TODAY - 1, addYears(born, 19))));
  const base = {
    egn: person.egn,
    insured_since: isoFromDay(since),
    institution_id: NHIF.id,
    institution_name: NHIF.name,
  };
  if (!insured) {
    return {
      ...base,
      status: 'interrupted',
      ehic_number: null,
      card_issued_on: null,
      card_valid_until: null,
    };
  }
  // The current card was issued within the last five years (demo persons' within the last three).
  const issued = random.int(Math.max(since, addYears(TODAY, isDemo ? -3 : -CARD_YEARS) + 1), TODAY - 1);
  const serial = String(NUMBERS.scramble(egnOrdinal(person.egn))).padStart(8, '0');
  return {
    ...base,
    status: 'insured',
    ehic_number: `${EHIC_PREFIX}${NHIF.id}000${serial}`,
    card_issued_on: isoFromDay(issued),
    card_valid_until: isoFromDay(addYears(issued, CARD_YEARS)),
  };
}
