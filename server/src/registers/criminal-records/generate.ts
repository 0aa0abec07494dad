/**
 * A person's convictions, derived only from the person row and the seed: about one adult in 20
 * has one (a few two), judged by the district court of their birthplace's region centre; a
 * conviction more than ten years old is mostly rehabilitated. The demo persons have none (the
 * demo citizen's certificate says "not convicted").
 */
import { addYears, dayFromIso, isoFromDay } from '@civitas/contracts/days.ts';
import { makeScrambler } from '@civitas/contracts/ids/scramble.ts';
import { OFFENCES, type Sentence } from '@civitas/contracts/registers/criminal-records.ts';
import { forkRandom, type Seed, WeightedTable } from '../../kernel/index.ts';
import { demoEgns } from '../population/demo.ts';
import { egnOrdinal } from '../population/egn-ordinal.ts';
import { SYNTHETIC_TODAY } from '../population/generate.ts';
import { placeByEkatte } from '../population/places.ts';
import type { PersonRow } from '../population/tables.ts';
import type { ConvictionRow } from './tables.ts';

const TODAY = dayFromIso(SYNTHETIC_TODAY);
const BULLETINS = makeScrambler(100_000_000, 48_271, 12_345_678);
const CONVICTED_RATE = 0.05;

const SENTENCE_TABLE = new WeightedTable<Sentence>([
  ['fine', 35],
  ['probation', 25],
  ['suspended-imprisonment', 30],
  ['imprisonment', 10],
]);

export function generateConvictions(person: PersonRow, seed: Seed): ConvictionRow[] {
  const adult = addYears(dayFromIso(person.birth_date), 18);
  if (adult >= TODAY || demoEgns(seed).has(person.egn)) return [];
  const random = forkRandom(seed, 'criminal-records', person.egn);
  if (!random.chance(CONVICTED_RATE)) return [];
  const count = random.chance(0.2) ? 2 : 1;
  const last = person.deceased && person.death_date ? dayFromIso(person.death_date) : TODAY - 1;
  if (last <= adult) return [];
  const region = placeByEkatte(person.birth_place_ekatte)?.regionCentre.name ?? person.birth_place_name;
  const days = Array.from({ length: count }, () => random.int(adult, last)).sort((a, b) => a - b);
  return days.map((day, index) => {
    const sentence = SENTENCE_TABLE.pick(random);
    const year = isoFromDay(day).slice(0, 4);
    return {
      bulletin: `${BULLETINS.digits(egnOrdinal(person.egn))}-${index + 1}`,
      egn: person.egn,
      court: `Районен съд – ${region}`,
      case_number: `НОХД № ${random.int(1, 4000)}/${year}`,
      final_on: isoFromDay(day),
      offence: random.pick(OFFENCES),
      sentence,
      months: sentence === 'fine' ? null : random.int(sentence === 'imprisonment' ? 6 : 3, 36),
      fine_cents: sentence === 'fine' ? random.int(100, 5000) * 100 : null,
      // Rehabilitated by law once a lighter sentence is ten years old; a prison term, half the time.
      rehabilitated: TODAY - day > 3_652 && (sentence !== 'imprisonment' || random.chance(0.5)),
    };
  });
}
