/**
 * Deterministic synthetic population: families of up to three generations (a couple born 1930–1980, their
 * children, the children's spouses and grandchildren), so parent links point to people in the same data.
 * The first DEMO_PERSON_COUNT persons are the demo accounts.
 */

import { addYears, dayFromIso, isoFromDay, yearsBetween } from '@civitas/contracts/days.ts';
import { makeEgn } from '@civitas/contracts/ids/egn.ts';
import { transliterate } from '@civitas/contracts/text/translit.ts';
import { forkRandom, type Random, type Seed, WeightedTable } from '../../kernel/index.ts';
import {
  FAMILY_NAMES,
  FEMALE_GIVEN_NAMES,
  MALE_GIVEN_NAMES,
  patronymicFrom,
  surnameForSex,
} from '../instance/bg/names.ts';
import { type Place, randomPlace, randomPlaceInRegion, randomStreet, regionCentrePlace } from './places.ts';
import type { AddressRow, PersonRow, Sex } from './tables.ts';

export interface PersonBundle {
  person: PersonRow;
  addresses: AddressRow[];
}

export interface PopulationOptions {
  seed: Seed;
  count: number;
}

export const DEMO_PERSON_COUNT = 8;
/** The date the synthetic registers describe. */
export const SYNTHETIC_TODAY = '2026-11-22';

const TODAY = dayFromIso(SYNTHETIC_TODAY);
const LAST_BIRTH = dayFromIso('2025-12-31');
const EARLIEST_REGISTRATION = dayFromIso('1990-01-01');

const MALE_NAMES = new WeightedTable(MALE_GIVEN_NAMES);
const FEMALE_NAMES = new WeightedTable(FEMALE_GIVEN_NAMES);
const SURNAMES = new WeightedTable(FAMILY_NAMES);
const CHILD_COUNT = new WeightedTable<number>([
  [0, 8],
  [1, 30],
  [2, 47],
  [3, 15],
]);
// Birth years of the oldest generation; tuned so the whole population has Bulgaria's top-heavy pyramid.
const FOUNDER_BIRTH_YEAR = new WeightedTable<number>(
  Array.from({ length: 51 }, (_, i) => {
    const year = 1930 + i;
    const weight =
      year < 1940 ? 0.2 + (year - 1930) * 0.1 : year <= 1962 ? 2 : Math.max(0.4, 2 - (year - 1962) * 0.09);
    return [year, weight] as const;
  }),
);

const latinCache = new Map<string, string>();
function latin(name: string): string {
  let value = latinCache.get(name);
  if (value === undefined) {
    value = transliterate(name);
    latinCache.set(name, value);
  }
  return value;
}

/** EGNs handed out so far, as numbers (a Set of numbers is far lighter than one of strings). */
class EgnAllocator {
  readonly #taken = new Set<number>();

  allocate(birthDay: number, sex: Sex, place: Place, random: Random): string {
    const [low, high] = place.region.egnDigits;
    const firstSerial = Math.ceil(low / 2);
    const span = Math.floor(high / 2) - firstSerial + 1;
    const start = random.int(0, span - 1);
    const iso = isoFromDay(birthDay);
    // Stay inside the region's range first, then fall back to every serial of the day: a day
    // holds 500 persons of each sex, and a large population fills popular regions' ranges.
    for (let attempt = 0; attempt < span + 500; attempt++) {
      const serial = attempt < span ? firstSerial + ((start + attempt) % span) : (start + attempt) % 500;
      const egn = makeEgn(iso, sex, serial);
      const key = Number(egn);
      if (!this.#taken.has(key)) {
        this.#taken.add(key);
        return egn;
      }
    }
    throw new RangeError(`no EGN left for ${iso} ${sex}`);
  }

  reserve(egn: string): void {
    this.#taken.add(Number(egn));
  }
}

interface Home {
  place: Place;
  street: string;
  building: string;
  apartment: string | null;
  postcode: string;
  sinceDay: number;
}

interface Draft {
  egn: string;
  sex: Sex;
  birthDay: number;
  givenName: string;
  fatherName: string;
  familyName: string;
  birthPlace: Place;
  motherEgn: string | null;
  fatherEgn: string | null;
  home: Home;
  lastChildBirthDay: number;
  /** Demo accounts must stay alive. */
  keepAlive: boolean;
}

function makeHome(random: Random, place: Place, earliestDay: number): Home {
  const big = place.municipality.weight >= 40;
  return {
    place,
    street: randomStreet(random, place),
    building: String(random.int(1, big ? 180 : 90)),
    apartment: big || random.chance(0.3) ? String(random.int(1, 120)) : null,
    postcode: random.pick(place.settlement.postcodes),
    sinceDay: random.int(Math.max(earliestDay, EARLIEST_REGISTRATION), TODAY - 30),
  };
}

function givenName(random: Random, sex: Sex): string {
  return (sex === 'M' ? MALE_NAMES : FEMALE_NAMES).pick(random);
}

function deathProbability(ageToday: number): number {
  if (ageToday >= 90) return 0.4;
  if (ageToday >= 80) return 0.14;
  if (ageToday >= 70) return 0.045;
  if (ageToday >= 60) return 0.015;
  return 0.002;
}

function addressRow(egn: string, kind: AddressRow['kind'], home: Home, registeredDay: number): AddressRow {
  const { place } = home;
  return {
    egn,
    kind,
    region_code: place.region.code,
    region_name: place.region.name,
    municipality_name: place.municipality.name,
    settlement_ekatte: place.settlement.ekatte,
    settlement_name: place.settlement.name,
    settlement_name_latin: place.settlementLatin,
    postcode: home.postcode,
    street: home.street,
    building: home.building,
    apartment: home.apartment,
    registered_on: isoFromDay(registeredDay),
  };
}

function finish(draft: Draft, random: Random): PersonBundle {
  const ageToday = yearsBetween(draft.birthDay, TODAY);
  const deceased = !draft.keepAlive && random.chance(deathProbability(ageToday));
  const fatherName = surnameForSex(draft.fatherName, draft.sex);
  const familyName = surnameForSex(draft.familyName, draft.sex);
  let deathDay: number | null = null;
  if (deceased) {
    const earliest = Math.max(draft.birthDay + 1, draft.lastChildBirthDay, TODAY - 20 * 365);
    deathDay = random.int(Math.min(earliest, TODAY - 1), TODAY - 1);
  }
  const person: PersonRow = {
    egn: draft.egn,
    given_name: draft.givenName,
    father_name: fatherName,
    family_name: familyName,
    given_name_latin: latin(draft.givenName),
    father_name_latin: latin(fatherName),
    family_name_latin: latin(familyName),
    sex: draft.sex,
    birth_date: isoFromDay(draft.birthDay),
    birth_place_ekatte: draft.birthPlace.settlement.ekatte,
    birth_place_name: draft.birthPlace.settlement.name,
    mother_egn: draft.motherEgn,
    father_egn: draft.fatherEgn,
    deceased,
    death_date: deathDay === null ? null : isoFromDay(deathDay),
    citizenship: 'BG',
  };
  const registeredDay = Math.max(draft.home.sinceDay, draft.birthDay);
  const addresses = [addressRow(draft.egn, 'permanent', draft.home, registeredDay)];
  // Students and workers living away from their permanent address, mostly in the big cities.
  if (!deceased && random.chance(0.15)) {
    const place = random.chance(0.6)
      ? randomPlaceInRegion(random, random.pick(['BG-22', 'BG-16', 'BG-03', 'BG-02']))
      : randomPlace(random);
    const current = makeHome(random, place, addYears(draft.birthDay, 16));
    if (current.place !== draft.home.place || current.street !== draft.home.street) {
      addresses.push(addressRow(draft.egn, 'current', current, Math.max(current.sinceDay, draft.birthDay)));
    }
  }
  return { person, addresses };
}

interface Parents {
  mother: Draft;
  father: Draft;
}

function birthPlaceFor(random: Random, home: Home): Place {
  // Most births are in the regional centre's hospital; some are registered at home.
  return random.chance(0.7) ? regionCentrePlace(home.place) : home.place;
}

function makeChild(random: Random, egns: EgnAllocator, parents: Parents, birthDay: number): Draft {
  const sex: Sex = random.chance(0.515) ? 'M' : 'F';
  const home = parents.mother.home;
  const birthPlace = birthPlaceFor(random, home);
  const child: Draft = {
    egn: egns.allocate(birthDay, sex, birthPlace, random),
    sex,
    birthDay,
    givenName: givenName(random, sex),
    fatherName: patronymicFrom(parents.father.givenName),
    familyName: parents.father.familyName,
    birthPlace,
    motherEgn: parents.mother.egn,
    fatherEgn: parents.father.egn,
    home,
    lastChildBirthDay: 0,
    keepAlive: false,
  };
  parents.mother.lastChildBirthDay = Math.max(parents.mother.lastChildBirthDay, birthDay);
  parents.father.lastChildBirthDay = Math.max(parents.father.lastChildBirthDay, birthDay);
  return child;
}

function makeUnrelated(
  random: Random,
  egns: EgnAllocator,
  sex: Sex,
  birthDay: number,
  home: Home,
  familyName: string,
): Draft {
  const birthPlace = random.chance(0.5) ? home.place : randomPlace(random);
  return {
    egn: egns.allocate(birthDay, sex, birthPlace, random),
    sex,
    birthDay,
    givenName: givenName(random, sex),
    fatherName: patronymicFrom(MALE_NAMES.pick(random)),
    familyName,
    birthPlace,
    motherEgn: null,
    fatherEgn: null,
    home,
    lastChildBirthDay: 0,
    keepAlive: false,
  };
}

/** Children of a couple: born when the mother was 19–42 and the father 18–45, never after LAST_BIRTH. */
function childrenOf(random: Random, egns: EgnAllocator, parents: Parents): Draft[] {
  const wanted = CHILD_COUNT.pick(random);
  const children: Draft[] = [];
  const earliest = Math.max(addYears(parents.mother.birthDay, 19), addYears(parents.father.birthDay, 18));
  const latest = Math.min(
    addYears(parents.mother.birthDay, 42),
    addYears(parents.father.birthDay, 45),
    LAST_BIRTH,
  );
  let day = earliest + random.int(0, 365 * 12);
  for (let i = 0; i < wanted; i++) {
    if (day > latest) break;
    children.push(makeChild(random, egns, parents, day));
    day += random.int(400, 365 * 7);
  }
  return children;
}

/** One family tree, parents always before their children so any prefix keeps every link valid. */
function* family(random: Random, egns: EgnAllocator): Generator<Draft> {
  const founderPlace = randomPlace(random);
  const fatherBirth = dayFromIso(`${FOUNDER_BIRTH_YEAR.pick(random)}-01-01`) + random.int(0, 364);
  const motherBirth = fatherBirth + random.int(-365, 365 * 5);
  const home = makeHome(random, founderPlace, addYears(Math.max(fatherBirth, motherBirth), 20));
  const surname = SURNAMES.pick(random);
  const father = makeUnrelated(random, egns, 'M', fatherBirth, home, surname);
  const mother = makeUnrelated(
    random,
    egns,
    'F',
    Math.min(motherBirth, LAST_BIRTH),
    home,
    random.chance(0.85) ? surname : SURNAMES.pick(random),
  );
  const children = childrenOf(random, egns, { mother, father });
  yield father;
  yield mother;
  for (const child of children) {
    const adultAt = addYears(child.birthDay, 18);
    if (adultAt > TODAY) {
      yield child;
      continue;
    }
    // Grown-up children mostly move out: same municipality, same region, or a big city.
    const roll = random.next();
    const place =
      roll < 0.45
        ? child.home.place
        : roll < 0.75
          ? randomPlaceInRegion(random, child.home.place.region.code)
          : randomPlace(random);
    child.home = makeHome(random, place, adultAt);
    const marries = yearsBetween(child.birthDay, TODAY) >= 21 && random.chance(0.7);
    if (!marries) {
      yield child;
      continue;
    }
    const spouseSex: Sex = child.sex === 'M' ? 'F' : 'M';
    // Husbands are usually a little older; the gap is kept within six years.
    const gap = Math.max(
      -6 * 365,
      Math.min(6 * 365, Math.round(random.normal(child.sex === 'M' ? 2 * 365 : -2 * 365, 3 * 365))),
    );
    // A spouse is an adult; one who would be too young is born earlier, spread over two years
    // (clamping to a single day would pile hundreds of births onto it and exhaust its EGNs).
    const latestAdultBirth = LAST_BIRTH - 18 * 365;
    const candidate = child.birthDay + gap;
    const spouseBirth = candidate <= latestAdultBirth ? candidate : latestAdultBirth - random.int(0, 2 * 365);
    const husbandSurname = child.sex === 'M' ? child.familyName : SURNAMES.pick(random);
    const spouse = makeUnrelated(random, egns, spouseSex, spouseBirth, child.home, husbandSurname);
    // Most wives take the husband's family name.
    if (child.sex === 'F' && random.chance(0.8)) child.familyName = husbandSurname;
    if (spouse.sex === 'F' && random.chance(0.2)) spouse.familyName = SURNAMES.pick(random);
    const couple: Parents =
      child.sex === 'M' ? { father: child, mother: spouse } : { father: spouse, mother: child };
    // Grandchildren first: their birth dates bound the parents' death dates.
    const grandchildren = childrenOf(random, egns, couple);
    yield child;
    yield spouse;
    yield* grandchildren;
  }
}

interface DemoSpec {
  given: string;
  father: string;
  family: string;
  sex: Sex;
  birth: string;
  region: string;
}

/** Fixed, recognisable demo accounts: alive adults aged 25–60 on SYNTHETIC_TODAY. */
const DEMO_PEOPLE: readonly DemoSpec[] = [
  { given: 'Иван', father: 'Петров', family: 'Георгиев', sex: 'M', birth: '1985-03-14', region: 'BG-22' },
  { given: 'Мария', father: 'Иванова', family: 'Димитрова', sex: 'F', birth: '1990-07-02', region: 'BG-16' },
  { given: 'Георги', father: 'Николов', family: 'Стоянов', sex: 'M', birth: '1978-11-23', region: 'BG-03' },
  { given: 'Елена', father: 'Тодорова', family: 'Колева', sex: 'F', birth: '1982-05-09', region: 'BG-22' },
  { given: 'Димитър', father: 'Христов', family: 'Ангелов', sex: 'M', birth: '1975-01-30', region: 'BG-02' },
  {
    given: 'Десислава',
    father: 'Петрова',
    family: 'Маринова',
    sex: 'F',
    birth: '1995-09-17',
    region: 'BG-18',
  },
  { given: 'Николай', father: 'Стефанов', family: 'Илиев', sex: 'M', birth: '1970-04-04', region: 'BG-24' },
  // The hospital specialist (a cardiologist): the demo doctor who is not the demo citizen's GP.
  {
    given: 'Светлана',
    father: 'Георгиева',
    family: 'Петкова',
    sex: 'F',
    birth: '1972-06-21',
    region: 'BG-22',
  },
];

function demoDraft(spec: DemoSpec, index: number, random: Random, egns: EgnAllocator): Draft {
  const birthDay = dayFromIso(spec.birth);
  const place = randomPlaceInRegion(random, spec.region);
  const birthPlace = regionCentrePlace(place);
  // Stored as male forms like every draft; finish() applies the sex.
  const toMale = (name: string) => (spec.sex === 'F' ? name.slice(0, -1) : name);
  const home = makeHome(random, place, addYears(birthDay, 18));
  return {
    egn: egns.allocate(birthDay, spec.sex, birthPlace, random),
    sex: spec.sex,
    birthDay,
    givenName: spec.given,
    fatherName: toMale(spec.father),
    familyName: toMale(spec.family),
    birthPlace,
    motherEgn: null,
    fatherEgn: null,
    home: { ...home, sinceDay: Math.max(home.sinceDay, addYears(birthDay, 18 + index)) },
    lastChildBirthDay: 0,
    keepAlive: true,
  };
}

export function* generatePopulation(options: PopulationOptions): Generator<PersonBundle> {
  const { seed, count } = options;
  const egns = new EgnAllocator();
  let produced = 0;
  for (let i = 0; i < DEMO_PERSON_COUNT && produced < count; i++) {
    const random = forkRandom(seed, 'demo-person', i);
    yield finish(demoDraft(DEMO_PEOPLE[i]!, i, random, egns), random);
    produced++;
  }
  for (let familyIndex = 0; produced < count; familyIndex++) {
    const random = forkRandom(seed, 'family', familyIndex);
    for (const draft of family(random, egns)) {
      if (produced >= count) return;
      yield finish(draft, random);
      produced++;
    }
  }
}
