import {
  conceptOf,
  EXCHANGE_SUBSYSTEM_SYSTEM,
  ORGANIZATION_TYPES,
  PRACTITIONER_NUMBER_SYSTEM,
  PRACTITIONER_ROLES,
  SETTINGS,
  SPECIALTIES,
  type Term,
} from '@civitas/contracts/health/terminology.ts';
import type { Organization, Practitioner, PractitionerRole, Resource } from '@medplum/fhirtypes';
import { forkRandom, type Random, type Seed } from '../../../kernel/index.ts';
import { DEMO_COUNT, DEMO_INDEX, fullName, type HealthSubject, idFrom } from './subjects.ts';

/**
 * The healthcare providers of the synthetic record: GP practices (about one GP per 1,500
 * persons), hospitals with their specialists, pharmacies with their pharmacists, laboratories.
 * Doctors and pharmacists are persons of the population (identified by their personal number),
 * the demo ones first: the demo GP at the instance's GP practice, the demo pharmacist at its
 * pharmacy, the demo specialist (a cardiologist) at its hospital.
 */

export interface Ref {
  reference: string;
  display: string;
}

export interface Clinician {
  practitioner: Ref;
  role: Ref;
  organization: Ref;
  /** A doctor's specialty (pharmacists have none). */
  specialty: Term | undefined;
  regionCode: string;
  personalNumber: string;
}

export interface Directory {
  resources: Resource[];
  gps: Clinician[];
  specialists: Clinician[];
  pharmacists: Clinician[];
  hospitals: Ref[];
  laboratories: Ref[];
  demoGp: Clinician;
  demoSpecialist: Clinician | undefined;
  /** The clinicians' personal numbers (staff are also patients, of another GP). */
  staff: ReadonlySet<string>;
}

export interface DirectoryOptions {
  seed: Seed;
  /** The instance's healthcare providers: organisation name → exchange subsystem id. */
  providers: ReadonlyMap<string, string>;
  personalNumberSystem: string;
  /** The synthetic "today" (ISO date): staff are 30–65 on it. */
  today: string;
  country: string;
}

const SPECIALIST_CYCLE: readonly Term[] = [
  SPECIALTIES.cardiology,
  SPECIALTIES.internalMedicine,
  SPECIALTIES.endocrinology,
  SPECIALTIES.paediatrics,
  SPECIALTIES.pulmonology,
  SPECIALTIES.neurology,
  SPECIALTIES.generalSurgery,
  SPECIALTIES.orthopaedics,
  SPECIALTIES.gastroenterology,
  SPECIALTIES.nephrology,
  SPECIALTIES.psychiatry,
  SPECIALTIES.rheumatology,
  SPECIALTIES.dermatology,
];

const OTHER_HOSPITALS: ReadonlyArray<{ name: string; city: string; region: string }> = [
  { name: 'УМБАЛ „Свети Георги“', city: 'Пловдив', region: 'BG-16' },
  { name: 'УМБАЛ „Света Марина“', city: 'Варна', region: 'BG-03' },
  { name: 'УМБАЛ „Бургас“', city: 'Бургас', region: 'BG-02' },
  { name: 'УМБАЛ „Проф. д-р Стоян Киркович“', city: 'Стара Загора', region: 'BG-24' },
  { name: 'УМБАЛ „Канев“', city: 'Русе', region: 'BG-18' },
];

const LABORATORIES: ReadonlyArray<{ name: string; city: string }> = [
  { name: 'СМДЛ „Лаборатория Хигия“', city: 'София' },
  { name: 'МДЛ „Диагностика Тракия“', city: 'Пловдив' },
];

const PHARMACY_NAMES = ['„Здраве“', '„Липа“', '„Хигия“', '„Аскулап“', '„Вита“', '„Мента“'];

type ProviderKind = 'gp-practice' | 'hospital' | 'pharmacy';

/** Which kind of place an instance's provider is, from its name (a GP practice unless it says otherwise). */
export function providerKind(name: string): ProviderKind {
  if (/аптека|apteka|pharmac/i.test(name)) return 'pharmacy';
  if (/МБАЛ|болница|szpital|hospital/i.test(name)) return 'hospital';
  return 'gp-practice';
}

function yearsOld(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** Picks staff evenly through the population: adults of working age who are not demo persons. */
function staffPool(subjects: readonly HealthSubject[], today: string, wanted: number): HealthSubject[] {
  const candidates = subjects.filter((s) => {
    if (s.index < DEMO_COUNT || s.deceased) return false;
    const age = yearsOld(s.birthDate, today);
    return age >= 30 && age <= 65;
  });
  const stride = Math.max(1, Math.floor(candidates.length / Math.max(1, wanted)));
  return candidates.filter((_, i) => i % stride === 0).slice(0, wanted);
}

class DirectoryBuilder {
  readonly resources: Resource[] = [];
  readonly random: Random;
  readonly options: DirectoryOptions;

  constructor(options: DirectoryOptions) {
    this.options = options;
    this.random = forkRandom(options.seed, 'ehealth', 'directory');
  }

  /** The instance's provider of a kind (its name and subsystem), if it has one. */
  instanceProvider(kind: ProviderKind): [string, string] | undefined {
    return [...this.options.providers].find(([name]) => providerKind(name) === kind);
  }

  organization(name: string, setting: Term, city: string, subsystem?: string): Ref {
    const id = idFrom(this.random);
    const resource: Organization = {
      resourceType: 'Organization',
      id,
      active: true,
      ...(subsystem ? { identifier: [{ system: EXCHANGE_SUBSYSTEM_SYSTEM, value: subsystem }] } : {}),
      type: [conceptOf(ORGANIZATION_TYPES.provider), conceptOf(setting)],
      name,
      address: [{ city, country: this.options.country }],
    };
    this.resources.push(resource);
    return { reference: `Organization/${id}`, display: name };
  }

  clinician(
    subject: HealthSubject,
    org: Ref,
    specialty: Term | undefined,
    regionCode: string,
    roleTerm: Term = PRACTITIONER_ROLES.doctor,
  ): Clinician {
    const practitionerId = idFrom(this.random);
    const roleId = idFrom(this.random);
    const title = roleTerm === PRACTITIONER_ROLES.doctor ? 'д-р' : 'маг.-фарм.';
    const display = `${title} ${fullName(subject)}`;
    const practitioner: Practitioner = {
      resourceType: 'Practitioner',
      id: practitionerId,
      identifier: [
        { system: this.options.personalNumberSystem, value: subject.personalNumber },
        { system: PRACTITIONER_NUMBER_SYSTEM, value: String(this.random.int(1_000_000_000, 2_000_000_000)) },
      ],
      active: true,
      name: [
        {
          use: 'official',
          family: subject.familyName,
          given: [subject.givenName],
          prefix: [title],
          text: display,
        },
      ],
      gender: subject.sex === 'M' ? 'male' : 'female',
      birthDate: subject.birthDate,
    };
    const role: PractitionerRole = {
      resourceType: 'PractitionerRole',
      id: roleId,
      active: true,
      practitioner: { reference: `Practitioner/${practitionerId}`, display },
      organization: org,
      code: [conceptOf(roleTerm)],
      ...(specialty ? { specialty: [conceptOf(specialty)] } : {}),
    };
    this.resources.push(practitioner, role);
    return {
      practitioner: { reference: `Practitioner/${practitionerId}`, display },
      role: { reference: `PractitionerRole/${roleId}`, display },
      organization: org,
      specialty,
      regionCode,
      personalNumber: subject.personalNumber,
    };
  }

  gps(demo: HealthSubject, pool: HealthSubject[]): Clinician[] {
    const [name, subsystem] = this.instanceProvider('gp-practice') ?? ['ГППМП „Здраве Лозенец“', undefined];
    const practice = this.organization(name, SETTINGS.gpPractice, 'София', subsystem);
    const gps = [this.clinician(demo, practice, SPECIALTIES.generalPractice, 'BG-22')];
    for (const subject of pool) {
      const city = subject.address?.settlement ?? 'София';
      const own = this.organization(`ИППМП „Д-р ${fullName(subject)}“`, SETTINGS.gpPractice, city);
      gps.push(
        this.clinician(subject, own, SPECIALTIES.generalPractice, subject.address?.regionCode ?? 'BG-22'),
      );
    }
    return gps;
  }

  hospitals(): Array<Ref & { region: string }> {
    const [name, subsystem] = this.instanceProvider('hospital') ?? ['УМБАЛ „Александровска“', undefined];
    const hospitals = [
      { ...this.organization(name, SETTINGS.hospital, 'София', subsystem), region: 'BG-22' },
    ];
    for (const h of OTHER_HOSPITALS) {
      hospitals.push({ ...this.organization(h.name, SETTINGS.hospital, h.city), region: h.region });
    }
    return hospitals;
  }

  specialists(
    hospitals: ReadonlyArray<Ref & { region: string }>,
    demo: HealthSubject | undefined,
    pool: HealthSubject[],
  ): { demoSpecialist: Clinician | undefined; specialists: Clinician[] } {
    const asRef = (h: Ref) => ({ reference: h.reference, display: h.display });
    const demoHospital = hospitals[0]!;
    const demoSpecialist = demo
      ? this.clinician(demo, asRef(demoHospital), SPECIALTIES.cardiology, demoHospital.region)
      : undefined;
    const specialists = demoSpecialist ? [demoSpecialist] : [];
    pool.forEach((subject, i) => {
      const hospital = hospitals[i % hospitals.length]!;
      const specialty = SPECIALIST_CYCLE[i % SPECIALIST_CYCLE.length]!;
      specialists.push(this.clinician(subject, asRef(hospital), specialty, hospital.region));
    });
    return { demoSpecialist, specialists };
  }

  pharmacists(demo: HealthSubject | undefined, pool: HealthSubject[]): Clinician[] {
    const pharmacist = PRACTITIONER_ROLES.pharmacist;
    const [name, subsystem] = this.instanceProvider('pharmacy') ?? ['Аптека „Св. Пантелеймон“', undefined];
    const demoPharmacy = this.organization(name, SETTINGS.pharmacy, 'София', subsystem);
    const pharmacists = demo ? [this.clinician(demo, demoPharmacy, undefined, 'BG-22', pharmacist)] : [];
    pool.forEach((subject, i) => {
      const city = subject.address?.settlement ?? 'София';
      const shop = this.organization(
        `Аптека ${PHARMACY_NAMES[i % PHARMACY_NAMES.length]} – ${city}`,
        SETTINGS.pharmacy,
        city,
      );
      pharmacists.push(
        this.clinician(subject, shop, undefined, subject.address?.regionCode ?? 'BG-22', pharmacist),
      );
    });
    // A population of the demo persons alone still has somebody to dispense.
    if (pharmacists.length === 0) throw new Error('the health record needs a pharmacist');
    return pharmacists;
  }
}

export function buildDirectory(subjects: readonly HealthSubject[], options: DirectoryOptions): Directory {
  const demoGp = subjects[DEMO_INDEX.gp];
  if (!demoGp) throw new Error('the health record needs the demo persons');
  const gpCount = Math.max(1, Math.round(subjects.length / 1500));
  const specialistCount = Math.max(SPECIALIST_CYCLE.length, Math.round(subjects.length / 700));
  const pharmacyCount = Math.max(1, Math.round(subjects.length / 4000));
  const pool = staffPool(subjects, options.today, gpCount - 1 + specialistCount + pharmacyCount);
  const builder = new DirectoryBuilder(options);
  const gps = builder.gps(demoGp, pool.slice(0, gpCount - 1));
  const hospitals = builder.hospitals();
  const { demoSpecialist, specialists } = builder.specialists(
    hospitals,
    subjects[DEMO_INDEX.specialist],
    pool.slice(gpCount - 1, gpCount - 1 + specialistCount),
  );
  const pharmacists = builder.pharmacists(
    subjects[DEMO_INDEX.pharmacist],
    pool.slice(gpCount - 1 + specialistCount),
  );
  const laboratories = LABORATORIES.map((lab) => builder.organization(lab.name, SETTINGS.hospital, lab.city));
  return {
    resources: builder.resources,
    gps,
    specialists,
    pharmacists,
    hospitals: hospitals.map(({ reference, display }) => ({ reference, display })),
    laboratories,
    demoGp: gps[0]!,
    demoSpecialist,
    staff: new Set([...gps, ...specialists, ...pharmacists].map((c) => c.personalNumber)),
  };
}
