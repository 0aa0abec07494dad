/**
 * A synthetic commercial register, made from the population as it is generated: about one adult
 * in 25 founds a company at their current address (a sole trader, a one-person or a limited
 * company, a joint-stock company); a limited or joint-stock company often has a second
 * representative, the adult generated just before its founder. The demo citizen always manages
 * an active one-person company, alone. Deterministic: the same seed and persons give the same
 * register.
 */
import { addYears, dayFromIso, isoFromDay } from '@civitas/contracts/days.ts';
import { makeEik } from '@civitas/contracts/ids/eik.ts';
import type { CompanyStatus, LegalForm } from '@civitas/contracts/registers/commercial.ts';
import { transliterate } from '@civitas/contracts/text/translit.ts';
import { forkRandom, type Random, type Seed, WeightedTable } from '../../kernel/index.ts';
import type { PersonBundle } from '../population/generate.ts';
import { SYNTHETIC_TODAY } from '../population/generate.ts';
import type { PersonRow } from '../population/tables.ts';
import { COMPANY_NAMES } from '../vehicles/catalogue.ts';
import { COMPANY_BASES, COMPANY_POOL, mayOwnVehicles } from '../vehicles/generate.ts';
import type { CompanyRow, RepresentativeRow } from './tables.ts';

export interface CompanyBundle {
  company: CompanyRow;
  representatives: RepresentativeRow[];
}

const TODAY = dayFromIso(SYNTHETIC_TODAY);
/** The Commerce Act's companies are registered from 1991 on. */
const FIRST_REGISTRATION = dayFromIso('1991-07-01');
const FOUNDING_RATE = 0.04;

const LEGAL_FORM_TABLE = new WeightedTable<LegalForm>([
  ['eood', 50],
  ['ood', 25],
  ['et', 15],
  ['ead', 4],
  ['ad', 6],
]);

const STATUS_TABLE = new WeightedTable<CompanyStatus>([
  ['active', 90],
  ['in-liquidation', 4],
  ['insolvent', 2],
  ['struck-off', 4],
]);

/** How each legal form's name ends (the register's own abbreviation). */
const FORM_SUFFIX: Readonly<Record<LegalForm, string>> = {
  et: 'ЕТ',
  eood: 'ЕООД',
  ood: 'ООД',
  ead: 'ЕАД',
  ad: 'АД',
};

interface Candidate {
  egn: string;
  name: string;
  /** The day they came of age: no earlier may they represent a company. */
  adultDay: number;
}

function adultDay(person: PersonRow): number {
  return addYears(dayFromIso(person.birth_date), 18);
}

function fullName(person: PersonRow): string {
  return `${person.given_name} ${person.father_name} ${person.family_name}`;
}

/** The companies of the register, offered the persons one by one in generation order. */
export class CompanyGenerator {
  readonly #seed: Seed;
  readonly #demoCitizen: string | null;
  /** The last adult who founded nothing: the next limited company's second representative. */
  #partner: Candidate | null = null;
  #count = 0;

  /** `demoCitizen`: the personal number of the demo citizen, who always manages a company. */
  constructor(seed: Seed, demoCitizen: string | null) {
    this.#seed = seed;
    this.#demoCitizen = demoCitizen;
  }

  /** The company this person founds, if any. */
  offer(bundle: PersonBundle): CompanyBundle | null {
    const { person } = bundle;
    if (!mayOwnVehicles(person)) return null;
    const random = forkRandom(this.#seed, 'commercial', person.egn);
    const isDemo = person.egn === this.#demoCitizen;
    if (!isDemo && !random.chance(FOUNDING_RATE)) {
      if (random.chance(0.5))
        this.#partner = { egn: person.egn, name: fullName(person), adultDay: adultDay(person) };
      return null;
    }
    return this.#found(bundle, random, isDemo);
  }

  #found(bundle: PersonBundle, random: Random, isDemo: boolean): CompanyBundle {
    const { person } = bundle;
    const form = isDemo ? 'eood' : LEGAL_FORM_TABLE.pick(random);
    const earliest = Math.max(adultDay(person), FIRST_REGISTRATION, isDemo ? addYears(TODAY, -10) : 0);
    const registered = isoFromDay(random.int(earliest, Math.max(earliest, TODAY - 30)));
    const home = bundle.addresses.find((address) => address.kind === 'current') ?? bundle.addresses[0]!;
    const eik = makeEik(COMPANY_BASES.scramble(COMPANY_POOL + this.#count++));
    const name = companyName(form, person, random);
    const company: CompanyRow = {
      eik,
      name,
      name_latin: transliterate(name),
      legal_form: form,
      registered_on: registered,
      status: isDemo ? 'active' : STATUS_TABLE.pick(random),
      municipality_name: home.municipality_name,
      settlement_name: home.settlement_name,
      postcode: home.postcode,
      street: home.street,
      building: String(random.int(1, 120)),
    };
    const role =
      form === 'et' ? 'sole-trader' : form === 'ad' || form === 'ead' ? 'executive-director' : 'manager';
    const founder = { eik, egn: person.egn, name: fullName(person), role, since: registered } as const;
    const partner = (form === 'ood' || form === 'ad') && random.chance(0.6) ? this.#partner : null;
    if (!partner) return { company, representatives: [{ ...founder, alone: true }] };
    this.#partner = null;
    // Two representatives act each alone or only together, as the articles of association say.
    const alone = random.chance(0.5);
    const from = Math.max(dayFromIso(registered), partner.adultDay);
    const since = isoFromDay(random.int(from, Math.max(from, TODAY - 1)));
    return {
      company,
      representatives: [
        { ...founder, alone },
        { eik, egn: partner.egn, name: partner.name, role, alone, since },
      ],
    };
  }
}

function companyName(form: LegalForm, person: PersonRow, random: Random): string {
  if (form === 'et') return `ЕТ „${person.given_name} ${person.family_name} – ${random.pick(COMPANY_NAMES)}“`;
  const qualifier = random.chance(0.3) ? ` ${random.int(1991, 2025)}` : '';
  return `„${random.pick(COMPANY_NAMES)}${qualifier}“ ${FORM_SUFFIX[form]}`;
}
