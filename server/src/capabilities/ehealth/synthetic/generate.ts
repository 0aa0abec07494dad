/**
 * The synthetic health record of one person, deterministic from the seed and the person alone:
 * the Patient (with their GP), chronic conditions at realistic prevalence by age and sex, yearly
 * check-ups with vital signs and laboratory panels that follow plausible trends, the Bulgarian
 * immunisation calendar (with a few missed doses), allergies, e-prescriptions with their
 * dispenses, GP visits for acute illness, hospital stays with a discharge letter and procedures.
 * Every code comes from the terminology, so every one has words in bg, en and pl.
 */
import { addYears, dayFromIso, isoFromDay, yearsBetween } from '@civitas/contracts/days.ts';
import {
  ALLERGENS,
  ALLERGY_CLINICAL_STATUSES,
  ALLERGY_VERIFICATION_STATUSES,
  type AllergenTerm,
  CONDITION_CATEGORIES,
  CONDITION_CLINICAL_STATUSES,
  CONDITION_VERIFICATION_STATUSES,
  CONDITIONS,
  CodeSystem,
  type ConditionTerm,
  conceptOf,
  DIAGNOSTIC_SECTIONS,
  DOCUMENT_TYPES,
  dosageText,
  ENCOUNTER_CLASSES,
  ENCOUNTER_TYPES,
  INTERPRETATIONS,
  interpret,
  LABS,
  MEDICINES,
  type MeasureTerm,
  type MedicineTerm,
  OBSERVATION_CATEGORIES,
  PANELS,
  PRESCRIPTION_NUMBER_SYSTEM,
  PROCEDURES,
  REACTIONS,
  referenceRangeFor,
  SERVICE_REQUEST_CATEGORIES,
  type Sex,
  SPECIALTIES,
  type Term,
  VACCINES,
  type VaccineTerm,
  VITALS,
} from '@civitas/contracts/health/terminology.ts';
import type {
  AllergyIntolerance,
  Condition,
  DiagnosticReport,
  DocumentReference,
  Encounter,
  Immunization,
  MedicationDispense,
  MedicationRequest,
  Observation,
  Patient,
  Procedure,
  Resource,
  ServiceRequest,
} from '@medplum/fhirtypes';
import { forkRandom, type Random, type Seed, WeightedTable } from '../../../kernel/index.ts';
import type { Clinician, Directory, Ref } from './directory.ts';
import {
  DEMO_COUNT,
  DEMO_INDEX,
  fullName,
  type HealthSubject,
  idFrom,
  idSalt,
  prescriptionNumberFrom,
} from './subjects.ts';

export interface GenerateContext {
  seed: Seed;
  /** The date the record describes (ISO): the registers' synthetic today. */
  today: string;
  personalNumberSystem: string;
  country: string;
  directory: Directory;
  /** The GP of each person (by personal number), from `assignGps`. */
  gpOf: (subject: HealthSubject) => Clinician | undefined;
  /** Years of check-ups, laboratory panels and prescriptions before today (demo persons: at least 5). */
  historyYears: number;
  /**
   * The demo specialist's referred patient (personal number): always referred to her, lately, so
   * that her workspace lists a patient "by referral" whatever the seed (`demoReferralOf`).
   */
  demoReferral?: string;
}

/** How much of a person's record to generate: all of it, or only the Patient (a quick demo start). */
export type RecordDetail = 'full' | 'patient';

export interface PatientRecord {
  personalNumber: string;
  patientId: string;
  resources: Resource[];
}

// ---------------------------------------------------------------------------------------------
// Chronic conditions: prevalence by age and sex, and what each is treated with

interface ChronicSpec {
  term: ConditionTerm;
  probability: (age: number, sex: Sex, has: ReadonlySet<ConditionTerm>) => number;
  /** Earliest age of onset. */
  onsetAge: number;
  /** The medicines prescribed for it: one of each inner list. */
  treatment: ReadonlyArray<readonly MedicineTerm[]>;
  /** Whose patients they are in hospital (referrals go there). */
  specialty?: Term;
}

const byAge = (bands: ReadonlyArray<readonly [minAge: number, p: number]>) => (age: number) => {
  let p = 0;
  for (const [minAge, value] of bands) if (age >= minAge) p = value;
  return p;
};

const M = MEDICINES;
const C = CONDITIONS;

/** In order: later ones may depend on earlier ones (`has`). */
const CHRONIC: readonly ChronicSpec[] = [
  {
    term: C.obesity,
    probability: (age) => (age < 6 ? 0 : age < 18 ? 0.06 : 0.18),
    onsetAge: 6,
    treatment: [],
  },
  {
    term: C.hypertension,
    probability: (age, _sex, has) =>
      byAge([
        [18, 0.08],
        [40, 0.2],
        [50, 0.35],
        [60, 0.5],
        [70, 0.65],
      ])(age) * (has.has(C.obesity) ? 1.5 : 1),
    onsetAge: 25,
    treatment: [[M.ramipril, M.amlodipine, M.losartan, M.enalapril, M.bisoprolol], [M.indapamide]],
    specialty: SPECIALTIES.cardiology,
  },
  {
    term: C.diabetesType2,
    probability: (age, _sex, has) =>
      byAge([
        [25, 0.005],
        [30, 0.03],
        [45, 0.09],
        [60, 0.16],
        [75, 0.2],
      ])(age) * (has.has(C.obesity) ? 2 : 1),
    onsetAge: 30,
    treatment: [[M.metformin], [M.gliclazide, M.dapagliflozin]],
    specialty: SPECIALTIES.endocrinology,
  },
  {
    term: C.diabetesType1,
    probability: (age) => (age >= 3 ? 0.004 : 0),
    onsetAge: 3,
    treatment: [[M.insulinGlargine]],
    specialty: SPECIALTIES.endocrinology,
  },
  {
    term: C.hyperlipidaemia,
    probability: (age, _sex, has) =>
      byAge([
        [30, 0.08],
        [40, 0.25],
      ])(age) * (has.has(C.diabetesType2) ? 2 : 1),
    onsetAge: 30,
    treatment: [[M.atorvastatin, M.rosuvastatin]],
    specialty: SPECIALTIES.cardiology,
  },
  {
    term: C.ischaemicHeartDisease,
    probability: (age, sex) =>
      byAge([
        [50, 0.08],
        [65, 0.15],
      ])(age) * (sex === 'male' ? 1.5 : 0.8),
    onsetAge: 45,
    treatment: [[M.aspirin], [M.atorvastatin], [M.bisoprolol]],
    specialty: SPECIALTIES.cardiology,
  },
  {
    term: C.atrialFibrillation,
    probability: byAge([
      [60, 0.04],
      [75, 0.1],
    ]),
    onsetAge: 55,
    treatment: [[M.apixaban, M.rivaroxaban], [M.bisoprolol]],
    specialty: SPECIALTIES.cardiology,
  },
  {
    term: C.heartFailure,
    probability: byAge([[70, 0.06]]),
    onsetAge: 65,
    treatment: [[M.furosemide], [M.bisoprolol]],
    specialty: SPECIALTIES.cardiology,
  },
  {
    term: C.asthma,
    probability: (age) => (age < 4 ? 0 : age < 18 ? 0.08 : 0.05),
    onsetAge: 4,
    treatment: [[M.salmeterolFluticasone], [M.salbutamol]],
    specialty: SPECIALTIES.pulmonology,
  },
  {
    term: C.copd,
    probability: (age, sex) =>
      byAge([
        [45, 0.05],
        [65, 0.1],
      ])(age) * (sex === 'male' ? 1.5 : 0.7),
    onsetAge: 45,
    treatment: [[M.tiotropium], [M.salbutamol]],
    specialty: SPECIALTIES.pulmonology,
  },
  {
    term: C.kneeArthrosis,
    probability: (age, sex) =>
      byAge([
        [50, 0.12],
        [65, 0.25],
      ])(age) * (sex === 'female' ? 1.4 : 0.8),
    onsetAge: 45,
    treatment: [[M.ibuprofen, M.paracetamol]],
    specialty: SPECIALTIES.orthopaedics,
  },
  {
    term: C.hypothyroidism,
    probability: (age, sex) => (age < 18 ? 0.003 : sex === 'female' ? 0.06 : 0.015),
    onsetAge: 18,
    treatment: [[M.levothyroxine]],
    specialty: SPECIALTIES.endocrinology,
  },
  {
    term: C.depression,
    probability: (age, sex) => (age < 16 ? 0 : sex === 'female' ? 0.065 : 0.04),
    onsetAge: 16,
    treatment: [[M.sertraline, M.escitalopram]],
    specialty: SPECIALTIES.psychiatry,
  },
  {
    term: C.anxiety,
    probability: (age) => (age < 16 ? 0 : 0.03),
    onsetAge: 16,
    treatment: [[M.escitalopram]],
    specialty: SPECIALTIES.psychiatry,
  },
  {
    term: C.gerd,
    probability: (age) => (age < 18 ? 0 : 0.08),
    onsetAge: 18,
    treatment: [[M.omeprazole, M.pantoprazole]],
    specialty: SPECIALTIES.gastroenterology,
  },
  {
    term: C.chronicKidneyDisease,
    probability: (age, _sex, has) =>
      byAge([
        [50, 0.03],
        [60, 0.08],
        [75, 0.15],
      ])(age) * (has.has(C.diabetesType2) ? 2 : 1),
    onsetAge: 45,
    treatment: [],
    specialty: SPECIALTIES.nephrology,
  },
  {
    term: C.epilepsy,
    probability: (age) => (age >= 2 ? 0.007 : 0),
    onsetAge: 2,
    treatment: [[M.levetiracetam, M.valproicAcid]],
    specialty: SPECIALTIES.neurology,
  },
  {
    term: C.migraine,
    probability: (age, sex) => (age < 14 || age > 65 ? 0 : sex === 'female' ? 0.1 : 0.04),
    onsetAge: 14,
    treatment: [[M.sumatriptan]],
    specialty: SPECIALTIES.neurology,
  },
  {
    term: C.osteoporosis,
    probability: (age, sex) =>
      sex === 'female'
        ? byAge([
            [55, 0.15],
            [70, 0.25],
          ])(age)
        : byAge([[70, 0.05]])(age),
    onsetAge: 50,
    treatment: [[M.alendronicAcid], [M.colecalciferol]],
    specialty: SPECIALTIES.rheumatology,
  },
  {
    term: C.rheumatoidArthritis,
    probability: (age, sex) => (age < 30 ? 0 : sex === 'female' ? 0.012 : 0.005),
    onsetAge: 30,
    treatment: [[M.methotrexate]],
    specialty: SPECIALTIES.rheumatology,
  },
  {
    term: C.allergicRhinitis,
    probability: (age) => (age >= 5 && age <= 55 ? 0.1 : 0),
    onsetAge: 5,
    treatment: [[M.cetirizine]],
  },
  {
    term: C.psoriasis,
    probability: (age) => (age >= 15 ? 0.02 : 0),
    onsetAge: 15,
    treatment: [],
    specialty: SPECIALTIES.dermatology,
  },
];

/** The demo citizen's record: chosen, not drawn, so the demo always shows the same story. */
const DEMO_CITIZEN_CONDITIONS: readonly ConditionTerm[] = [
  C.diabetesType2,
  C.hyperlipidaemia,
  C.hypertension,
];

/** The condition the demo specialist's referred patient always has (a cardiologist's patient). */
const DEMO_REFERRAL_CONDITION: ConditionTerm = C.hypertension;

/** The earliest age of the demo specialist's referred patient (the condition's usual onset, and more). */
export const DEMO_REFERRAL_MIN_AGE = 30;

/** How long a referral stays open (`active`): the specialist's consultation and follow-up; then `completed`. */
const REFERRAL_OPEN_DAYS = 90;

// ---------------------------------------------------------------------------------------------
// Allergies, acute illness, hospital stays

const ALLERGEN_TABLE = new WeightedTable<AllergenTerm>([
  [ALLERGENS.penicillin, 25],
  [ALLERGENS.pollen, 15],
  [ALLERGENS.grassPollen, 12],
  [ALLERGENS.houseDustMite, 12],
  [ALLERGENS.peanut, 5],
  [ALLERGENS.cowsMilk, 4],
  [ALLERGENS.egg, 4],
  [ALLERGENS.latex, 3],
  [ALLERGENS.beeVenom, 5],
  [ALLERGENS.aspirin, 4],
  [ALLERGENS.sulfonamide, 5],
]);

const REACTIONS_BY_CATEGORY: Record<AllergenTerm['category'], readonly Term[]> = {
  medication: [REACTIONS.rash, REACTIONS.urticaria, REACTIONS.rash, REACTIONS.anaphylaxis],
  environment: [REACTIONS.sneezing, REACTIONS.itching, REACTIONS.dyspnoea],
  food: [REACTIONS.urticaria, REACTIONS.angioedema, REACTIONS.itching, REACTIONS.anaphylaxis],
  biologic: [REACTIONS.rash],
};

interface AcuteSpec {
  term: ConditionTerm;
  medicine?: MedicineTerm;
}

const ACUTE_VISITS: readonly AcuteSpec[] = [
  { term: C.upperRespiratoryInfection, medicine: M.paracetamol },
  { term: C.upperRespiratoryInfection },
  { term: C.bronchitis, medicine: M.azithromycin },
  { term: C.cystitis, medicine: M.nitrofurantoin },
];

interface StaySpec {
  term: ConditionTerm;
  procedures: readonly Term[];
  days: readonly [number, number];
  specialty: Term;
  /** Discharge medicines (a short course or a new chronic one). */
  medicine?: MedicineTerm;
}

const STAYS: Record<string, StaySpec> = {
  appendicitis: {
    term: C.appendicitis,
    procedures: [PROCEDURES.abdominalUltrasound, PROCEDURES.appendectomy],
    days: [3, 5],
    specialty: SPECIALTIES.generalSurgery,
    medicine: M.amoxicillinClavulanate,
  },
  pneumonia: {
    term: C.pneumonia,
    procedures: [PROCEDURES.chestXray],
    days: [5, 9],
    specialty: SPECIALTIES.pulmonology,
    medicine: M.amoxicillinClavulanate,
  },
  myocardialInfarction: {
    term: C.myocardialInfarction,
    procedures: [PROCEDURES.ecg, PROCEDURES.pci, PROCEDURES.echocardiography],
    days: [4, 8],
    specialty: SPECIALTIES.cardiology,
    medicine: M.aspirin,
  },
  stroke: {
    term: C.stroke,
    procedures: [PROCEDURES.ctHead],
    days: [7, 14],
    specialty: SPECIALTIES.neurology,
  },
  gallstones: {
    term: C.gallstones,
    procedures: [PROCEDURES.abdominalUltrasound, PROCEDURES.cholecystectomy],
    days: [2, 4],
    specialty: SPECIALTIES.generalSurgery,
  },
  femurFracture: {
    term: C.femurFracture,
    procedures: [PROCEDURES.hipReplacement],
    days: [7, 12],
    specialty: SPECIALTIES.orthopaedics,
    medicine: M.paracetamol,
  },
};

function stayFor(random: Random, age: number, conditions: ReadonlySet<ConditionTerm>): StaySpec {
  if (age < 18) return random.chance(0.6) ? STAYS.appendicitis! : STAYS.pneumonia!;
  if (age < 50)
    return random.pick([STAYS.appendicitis!, STAYS.gallstones!, STAYS.pneumonia!, STAYS.gallstones!]);
  const cardiac = conditions.has(C.ischaemicHeartDisease) || conditions.has(C.hypertension);
  const pairs: Array<readonly [StaySpec, number]> = [
    [STAYS.pneumonia!, 3],
    [STAYS.gallstones!, 2],
    [STAYS.myocardialInfarction!, cardiac ? 3 : 1],
    [STAYS.stroke!, age >= 65 ? 2 : 1],
    [STAYS.femurFracture!, age >= 70 ? (conditions.has(C.osteoporosis) ? 4 : 2) : 0.3],
  ];
  return random.weighted(pairs);
}

// ---------------------------------------------------------------------------------------------
// Values

interface Baselines {
  heightCm: number;
  bmi: number;
  systolic: number;
  heartRate: number;
  values: Map<MeasureTerm, number>;
}

/** A measured value: the person's baseline, a yearly trend under treatment, and noise. */
interface Trend {
  start: number;
  perYear: number;
  floor?: number;
  ceiling?: number;
  noise: number;
}

function labTrends(
  random: Random,
  sex: Sex,
  age: number,
  has: ReadonlySet<ConditionTerm>,
): Map<MeasureTerm, Trend> {
  const male = sex === 'male';
  const diabetic = has.has(C.diabetesType2) || has.has(C.diabetesType1);
  const lipids = has.has(C.hyperlipidaemia) || has.has(C.ischaemicHeartDisease);
  const ckd = has.has(C.chronicKidneyDisease);
  const trends = new Map<MeasureTerm, Trend>();
  const flat = (mean: number, sd: number, noise = sd / 3) => ({
    start: random.normal(mean, sd),
    perYear: 0,
    noise,
  });
  trends.set(
    LABS.glucose,
    diabetic ? { start: random.normal(150, 20), perYear: -6, floor: 115, noise: 10 } : flat(88, 7),
  );
  trends.set(
    LABS.hba1c,
    diabetic
      ? { start: random.normal(8.4, 0.5), perYear: -0.35, floor: 6.4, noise: 0.15 }
      : flat(5.3, 0.25, 0.1),
  );
  trends.set(
    LABS.cholesterol,
    lipids
      ? { start: random.normal(262, 20), perYear: -14, floor: 175, noise: 8 }
      : flat(185 + Math.min(age, 60) * 0.4, 22, 8),
  );
  trends.set(LABS.hdl, flat(male ? 47 : 58, 7, 3));
  trends.set(LABS.triglycerides, flat(diabetic || has.has(C.obesity) ? 190 : 115, 30, 15));
  trends.set(
    LABS.creatinine,
    ckd
      ? { start: random.normal(1.55, 0.2), perYear: 0.06, ceiling: 3.2, noise: 0.06 }
      : flat(age < 18 ? 0.55 : male ? 0.95 : 0.74, 0.1, 0.04),
  );
  trends.set(LABS.haemoglobin, flat((male ? 14.9 : 13.3) - (ckd ? 1.6 : 0), 0.8, 0.3));
  trends.set(LABS.erythrocytes, flat(male ? 5.1 : 4.5, 0.25, 0.1));
  trends.set(LABS.leukocytes, flat(7, 1.3, 0.8));
  trends.set(LABS.platelets, flat(255, 45, 15));
  trends.set(LABS.alt, flat(male ? 26 : 19, 7, 4));
  trends.set(LABS.ast, flat(male ? 24 : 20, 5, 3));
  trends.set(
    LABS.tsh,
    has.has(C.hypothyroidism)
      ? { start: random.normal(7.5, 1), perYear: -1.6, floor: 1.8, noise: 0.3 }
      : flat(1.9, 0.6, 0.3),
  );
  trends.set(LABS.potassium, flat(4.3, 0.25, 0.15));
  trends.set(LABS.sodium, flat(140, 1.8, 1));
  trends.set(LABS.urea, flat(ckd ? 32 : 14, 3, 2));
  trends.set(
    LABS.crp,
    flat(has.has(C.rheumatoidArthritis) ? 14 : 1.8, has.has(C.rheumatoidArthritis) ? 4 : 0.8, 0.8),
  );
  trends.set(LABS.uricAcid, flat(male ? 5.9 : 4.6, 0.9, 0.4));
  return trends;
}

function valueAt(trend: Trend, yearsIn: number, random: Random): number {
  let value = trend.start + trend.perYear * yearsIn;
  if (trend.floor !== undefined) value = Math.max(trend.floor, value);
  if (trend.ceiling !== undefined) value = Math.min(trend.ceiling, value);
  return value + random.normal(0, trend.noise);
}

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(Math.max(0, value) * f) / f;
}

/** eGFR by the MDRD formula (the LOINC code the terminology uses), from serum creatinine in mg/dL. */
function egfr(creatinine: number, age: number, sex: Sex): number {
  return 175 * creatinine ** -1.154 * Math.max(18, age) ** -0.203 * (sex === 'female' ? 0.742 : 1);
}

// ---------------------------------------------------------------------------------------------
// Building blocks

const TZ = '+02:00';
const at = (day: number, hour: number, minute = 0) =>
  `${isoFromDay(day)}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00${TZ}`;

function quantity(term: MeasureTerm, value: number) {
  return {
    value: round(value, term.decimals),
    unit: term.unitDisplay,
    system: CodeSystem.ucum,
    code: term.unit,
  };
}

function rangeOf(term: MeasureTerm, sex: Sex, age: number) {
  const range = referenceRangeFor(term, sex, age);
  if (!range) return undefined;
  const bound = (v: number | undefined) =>
    v === undefined
      ? undefined
      : { value: v, unit: term.unitDisplay, system: CodeSystem.ucum, code: term.unit };
  const low = bound(range.low);
  const high = bound(range.high);
  return { range, referenceRange: [{ ...(low ? { low } : {}), ...(high ? { high } : {}) }] };
}

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

// ---------------------------------------------------------------------------------------------
// The generator

class RecordBuilder {
  readonly resources: Resource[] = [];
  readonly random: Random;
  /** Mixed into every id and prescription number of this person (`idSalt`). */
  readonly ids: Random;
  readonly patientRef: Ref;
  readonly sex: Sex;
  readonly born: number;
  readonly today: number;
  readonly gp: Clinician | undefined;
  readonly conditions = new Map<ConditionTerm, Ref>();
  readonly demo: boolean;
  /** Whether this is the demo specialist's referred patient (`GenerateContext.demoReferral`). */
  readonly demoReferral: boolean;

  readonly subject: HealthSubject;
  readonly ctx: GenerateContext;

  constructor(subject: HealthSubject, ctx: GenerateContext) {
    this.subject = subject;
    this.ctx = ctx;
    this.random = forkRandom(ctx.seed, 'ehealth', subject.personalNumber);
    this.ids = idSalt(ctx.seed, subject.personalNumber);
    this.sex = subject.sex === 'M' ? 'male' : 'female';
    this.born = dayFromIso(subject.birthDate);
    const today = dayFromIso(ctx.today);
    this.today = subject.deathDate ? Math.min(today, dayFromIso(subject.deathDate)) : today;
    this.gp = ctx.gpOf(subject);
    this.demo = subject.index < DEMO_COUNT;
    this.demoReferral = ctx.demoReferral === subject.personalNumber;
    const id = idFrom(this.random, this.ids);
    this.patientRef = { reference: `Patient/${id}`, display: fullName(subject) };
  }

  get patientId(): string {
    return this.patientRef.reference.slice('Patient/'.length);
  }

  ageOn(day: number): number {
    return yearsBetween(this.born, day);
  }

  nextId(): string {
    return idFrom(this.random, this.ids);
  }

  add<T extends Resource>(resource: T): T & { id: string } {
    const withId = { ...resource, id: resource.id ?? this.nextId() } as T & { id: string };
    this.resources.push(withId);
    return withId;
  }

  patient(): void {
    const s = this.subject;
    const patient: Patient = {
      resourceType: 'Patient',
      id: this.patientId,
      identifier: [{ system: this.ctx.personalNumberSystem, value: s.personalNumber }],
      active: true,
      name: [
        { use: 'official', family: s.familyName, given: [s.givenName, s.fatherName], text: fullName(s) },
      ],
      gender: this.sex,
      birthDate: s.birthDate,
      ...(s.deceased ? { deceasedDateTime: s.deathDate ? at(dayFromIso(s.deathDate), 12) : undefined } : {}),
      ...(s.deceased && !s.deathDate ? { deceasedBoolean: true } : {}),
      ...(s.address
        ? {
            address: [
              {
                use: 'home',
                line: [s.address.line],
                city: s.address.settlement,
                postalCode: s.address.postcode,
                country: this.ctx.country,
              },
            ],
          }
        : {}),
      ...(this.gp
        ? { generalPractitioner: [this.gp.practitioner], managingOrganization: this.gp.organization }
        : {}),
    };
    if (patient.deceasedDateTime === undefined) delete patient.deceasedDateTime;
    this.resources.push(patient);
  }

  /** The earliest day of the record's history window. */
  windowStart(years: number): number {
    return Math.max(this.born, addYears(this.today, -years));
  }

  chronicConditions(): Array<{ spec: ChronicSpec; ref: Ref; onset: number }> {
    const age = this.ageOn(this.today);
    const has = new Set<ConditionTerm>();
    const chosen: ChronicSpec[] = [];
    for (const spec of CHRONIC) {
      const forced = this.subject.index === DEMO_INDEX.citizen && DEMO_CITIZEN_CONDITIONS.includes(spec.term);
      const draw = this.random.next();
      if (age < spec.onsetAge) continue;
      const drawn =
        draw < spec.probability(age, this.sex, has) ||
        (this.demoReferral && spec.term === DEMO_REFERRAL_CONDITION);
      if (this.subject.index === DEMO_INDEX.citizen ? forced : drawn) {
        has.add(spec.term);
        chosen.push(spec);
      }
    }
    return chosen.map((spec) => {
      const earliest = Math.max(addYears(this.born, spec.onsetAge), addYears(this.today, -25));
      // The demo citizen's conditions began before the history window, so their trends show treatment.
      const latest = this.demo ? addYears(this.today, -this.ctx.historyYears) : this.today - 60;
      const onset = this.random.int(Math.min(earliest, latest), Math.max(earliest, latest));
      const recorder = this.gp?.practitioner;
      const condition = this.add<Condition>({
        resourceType: 'Condition',
        clinicalStatus: conceptOf(CONDITION_CLINICAL_STATUSES.active),
        verificationStatus: conceptOf(CONDITION_VERIFICATION_STATUSES.confirmed),
        category: [conceptOf(CONDITION_CATEGORIES.problemListItem)],
        code: conceptOf(spec.term),
        subject: this.patientRef,
        onsetDateTime: isoFromDay(onset),
        recordedDate: isoFromDay(onset),
        ...(recorder ? { recorder } : {}),
      });
      const ref = { reference: `Condition/${condition.id}`, display: spec.term.labels.en };
      this.conditions.set(spec.term, ref);
      return { spec, ref, onset };
    });
  }

  /** E-prescriptions every three months for each chronic treatment, each dispensed (but the demo's last). */
  prescriptions(chronic: Array<{ spec: ChronicSpec; ref: Ref; onset: number }>): void {
    if (!this.gp || this.subject.deceased) return;
    const seen = new Set<MedicineTerm>();
    const start = this.windowStart(Math.min(1, this.ctx.historyYears));
    for (const { spec, ref, onset } of chronic) {
      for (const choices of spec.treatment) {
        const medicine = this.random.pick(choices);
        if (seen.has(medicine)) continue;
        seen.add(medicine);
        let day = Math.max(start, onset) + this.random.int(0, 20);
        while (day < this.today - 5) {
          const next = day + 90;
          const last = next >= this.today - 5;
          // The demo citizen's newest prescription is waiting at the pharmacy.
          const waiting = last && this.subject.index === DEMO_INDEX.citizen && seen.size === 1;
          this.prescription(medicine, waiting ? this.today - 2 : day, ref, 3, !waiting);
          day = next + this.random.int(-5, 5);
        }
      }
    }
  }

  prescription(medicine: MedicineTerm, day: number, reason: Ref, packs: number, dispensed: boolean): void {
    const gp = this.gp!;
    const dose = medicine.dose;
    const supplyDays = dose.courseDays ?? 30 * packs;
    const request = this.add<MedicationRequest>({
      resourceType: 'MedicationRequest',
      identifier: [
        { system: PRESCRIPTION_NUMBER_SYSTEM, value: prescriptionNumberFrom(this.random, this.ids) },
      ],
      status: dispensed ? 'completed' : 'active',
      intent: 'order',
      medicationCodeableConcept: conceptOf(medicine),
      subject: this.patientRef,
      authoredOn: at(day, 10, this.random.int(0, 59)),
      requester: gp.practitioner,
      reasonReference: [reason],
      dosageInstruction: [dosageOf(medicine)],
      dispenseRequest: {
        validityPeriod: { start: isoFromDay(day), end: isoFromDay(day + 30) },
        numberOfRepeatsAllowed: 0,
        quantity: {
          value: dose.courseDays ? 1 : packs,
          unit: 'package',
          system: CodeSystem.ucum,
          code: '{package}',
        },
        expectedSupplyDuration: { value: supplyDays, unit: 'days', system: CodeSystem.ucum, code: 'd' },
      },
    });
    if (!dispensed) return;
    const pharmacist = this.random.pick(this.ctx.directory.pharmacists);
    const handed = Math.min(this.today, day + this.random.int(0, 4));
    this.add<MedicationDispense>({
      resourceType: 'MedicationDispense',
      status: 'completed',
      medicationCodeableConcept: conceptOf(medicine),
      subject: this.patientRef,
      performer: [{ actor: pharmacist.practitioner }],
      location: { display: pharmacist.organization.display },
      authorizingPrescription: [{ reference: `MedicationRequest/${request.id}` }],
      quantity: {
        value: dose.courseDays ? 1 : packs,
        unit: 'package',
        system: CodeSystem.ucum,
        code: '{package}',
      },
      daysSupply: { value: supplyDays, unit: 'days', system: CodeSystem.ucum, code: 'd' },
      whenHandedOver: at(handed, this.random.int(9, 19), this.random.int(0, 59)),
      dosageInstruction: [dosageOf(medicine)],
    });
  }

  encounter(
    kind: Term,
    type: Term,
    day: number,
    endDay: number,
    clinician: Clinician,
    reason?: Term,
    diagnosis?: Ref,
    status: Encounter['status'] = 'finished',
  ): Ref {
    const encounter = this.add<Encounter>({
      resourceType: 'Encounter',
      status,
      class: { system: kind.system, code: kind.code, display: kind.display },
      type: [conceptOf(type)],
      subject: this.patientRef,
      participant: [{ individual: clinician.practitioner }],
      period: {
        start: at(day, 9, this.random.int(0, 59)),
        ...(status === 'finished' ? { end: at(endDay, 11) } : {}),
      },
      ...(reason ? { reasonCode: [conceptOf(reason)] } : {}),
      ...(diagnosis ? { diagnosis: [{ condition: diagnosis, rank: 1 }] } : {}),
      serviceProvider: clinician.organization,
    });
    return { reference: `Encounter/${encounter.id}`, display: type.labels.en };
  }

  /** Yearly preventive check-ups (adults) and child health checks, with vital signs and laboratory tests. */
  checkUps(): void {
    if (!this.gp) return;
    const years = this.demo ? Math.max(5, this.ctx.historyYears) : this.ctx.historyYears;
    const ageToday = this.ageOn(this.today);
    const trends = labTrends(this.random, this.sex, ageToday, new Set(this.conditions.keys()));
    const baseline = this.vitalBaselines();
    const first = addYears(this.today, -years);
    for (let y = years - 1; y >= 0; y--) {
      const day = addYears(this.today, -y) - this.random.int(15, 200);
      if (day < this.born + 30 || day < first) continue;
      const age = this.ageOn(day);
      const yearsIn = (day - first) / 365.25;
      const adult = age >= 18;
      const encounter = this.encounter(
        ENCOUNTER_CLASSES.ambulatory,
        adult ? ENCOUNTER_TYPES.checkUp : ENCOUNTER_TYPES.wellChild,
        day,
        day,
        this.gp,
        CONDITIONS.checkUp,
      );
      this.vitals(day, age, yearsIn, baseline, encounter, y === years - 1);
      if (adult) this.labs(day + 1, age, yearsIn, trends, encounter);
    }
    // The demo citizen's diabetes is followed every three months: a trend worth a chart.
    if (this.subject.index === DEMO_INDEX.citizen) {
      const hba1c = trends.get(LABS.hba1c)!;
      for (let q = 7; q >= 1; q--) {
        const day = this.today - q * 91 + 30;
        this.observation(
          LABS.hba1c,
          day,
          valueAt(hba1c, (day - first) / 365.25, this.random),
          ageToday,
          undefined,
          OBSERVATION_CATEGORIES.laboratory,
        );
      }
    }
  }

  vitalBaselines(): Baselines {
    const obese = this.conditions.has(C.obesity);
    const hypertensive = this.conditions.has(C.hypertension);
    return {
      heightCm: this.random.normal(this.sex === 'male' ? 177 : 164, 6),
      bmi: obese ? this.random.normal(33, 2.5) : this.random.normal(24.5, 2.8),
      systolic: hypertensive ? this.random.normal(152, 8) : this.random.normal(121, 8),
      heartRate: this.random.normal(72, 7),
      values: new Map(),
    };
  }

  vitals(
    day: number,
    age: number,
    yearsIn: number,
    b: Baselines,
    encounter: Ref,
    measureHeight: boolean,
  ): void {
    const child = age < 18;
    // Children grow: a rough growth curve to the adult height.
    const height = child
      ? Math.min(b.heightCm, 50 + age * 6.2 + (age > 12 ? (age - 12) * 1.5 : 0))
      : b.heightCm;
    const bmi = child
      ? this.random.normal(16.5 + Math.max(0, age - 6) * 0.35, 1)
      : b.bmi + this.random.normal(0, 0.4);
    const weight = bmi * (height / 100) ** 2;
    const vital = OBSERVATION_CATEGORIES.vitalSigns;
    if (measureHeight || child) this.observation(VITALS.height, day, height, age, encounter, vital);
    this.observation(VITALS.weight, day, weight, age, encounter, vital);
    if (!child) this.observation(VITALS.bmi, day, bmi, age, encounter, vital);
    if (age < 12) return;
    const treated = this.conditions.has(C.hypertension)
      ? Math.max(132, b.systolic - 4 * yearsIn)
      : b.systolic + Math.max(0, age - 40) * 0.3;
    const systolic = treated + this.random.normal(0, 5);
    const diastolic = systolic * 0.63 + this.random.normal(0, 4);
    const sys = rangeOf(VITALS.systolic, this.sex, age);
    const dia = rangeOf(VITALS.diastolic, this.sex, age);
    this.add<Observation>({
      resourceType: 'Observation',
      status: 'final',
      category: [conceptOf(vital)],
      code: conceptOf(PANELS.bloodPressure),
      subject: this.patientRef,
      encounter,
      effectiveDateTime: at(day, 9, 30),
      ...(this.gp ? { performer: [this.gp.practitioner] } : {}),
      component: [
        {
          code: conceptOf(VITALS.systolic),
          valueQuantity: quantity(VITALS.systolic, systolic),
          interpretation: [conceptOf(INTERPRETATIONS[interpret(Math.round(systolic), sys?.range)])],
          ...(sys ? { referenceRange: sys.referenceRange } : {}),
        },
        {
          code: conceptOf(VITALS.diastolic),
          valueQuantity: quantity(VITALS.diastolic, diastolic),
          interpretation: [conceptOf(INTERPRETATIONS[interpret(Math.round(diastolic), dia?.range)])],
          ...(dia ? { referenceRange: dia.referenceRange } : {}),
        },
      ],
    });
    this.observation(VITALS.heartRate, day, b.heartRate + this.random.normal(0, 5), age, encounter, vital);
  }

  observation(
    term: MeasureTerm,
    day: number,
    raw: number,
    age: number,
    encounter: Ref | undefined,
    category: Term,
    performer?: Ref,
  ): Ref {
    const value = round(raw, term.decimals);
    const range = rangeOf(term, this.sex, age);
    const lab = category === OBSERVATION_CATEGORIES.laboratory;
    const observation = this.add<Observation>({
      resourceType: 'Observation',
      status: 'final',
      category: [conceptOf(category)],
      code: conceptOf(term),
      subject: this.patientRef,
      ...(encounter ? { encounter } : {}),
      effectiveDateTime: at(day, lab ? 8 : 9, lab ? 0 : 30),
      ...(lab ? { issued: `${isoFromDay(day)}T15:00:00${TZ}` } : {}),
      ...(performer
        ? { performer: [performer] }
        : this.gp && !lab
          ? { performer: [this.gp.practitioner] }
          : {}),
      valueQuantity: quantity(term, value),
      ...(range
        ? {
            interpretation: [conceptOf(INTERPRETATIONS[interpret(value, range.range)])],
            referenceRange: range.referenceRange,
          }
        : {}),
    });
    return { reference: `Observation/${observation.id}`, display: term.labels.en };
  }

  labs(day: number, age: number, yearsIn: number, trends: Map<MeasureTerm, Trend>, encounter: Ref): void {
    const has = (t: ConditionTerm) => this.conditions.has(t);
    const diabetic = has(C.diabetesType2) || has(C.diabetesType1);
    const tests: MeasureTerm[] = [
      LABS.haemoglobin,
      LABS.leukocytes,
      LABS.platelets,
      LABS.glucose,
      LABS.creatinine,
      LABS.alt,
      LABS.cholesterol,
    ];
    if (age >= 40 || has(C.hyperlipidaemia) || has(C.ischaemicHeartDisease) || diabetic)
      tests.push(LABS.ldl, LABS.hdl, LABS.triglycerides);
    if (age >= 50 || has(C.hypertension) || diabetic || has(C.chronicKidneyDisease)) tests.push(LABS.egfr);
    if (has(C.hypertension) || has(C.chronicKidneyDisease) || has(C.heartFailure))
      tests.push(LABS.potassium, LABS.sodium);
    if (has(C.chronicKidneyDisease)) tests.push(LABS.urea);
    if (diabetic) tests.push(LABS.hba1c);
    if (has(C.hypothyroidism)) tests.push(LABS.tsh);
    if (has(C.rheumatoidArthritis)) tests.push(LABS.crp);
    const lab = this.ctx.directory.laboratories[this.subject.index % this.ctx.directory.laboratories.length]!;
    const values = new Map<MeasureTerm, number>();
    for (const t of tests) {
      if (t === LABS.egfr || t === LABS.ldl) continue;
      values.set(t, valueAt(trends.get(t)!, yearsIn, this.random));
    }
    const creatinine = round(values.get(LABS.creatinine)!, 2);
    values.set(LABS.creatinine, creatinine);
    values.set(LABS.egfr, egfr(creatinine, age, this.sex));
    if (values.has(LABS.hdl)) {
      // LDL by Friedewald: total − HDL − triglycerides / 5.
      values.set(
        LABS.ldl,
        values.get(LABS.cholesterol)! - values.get(LABS.hdl)! - values.get(LABS.triglycerides)! / 5,
      );
    }
    const results = tests.map((t) =>
      this.observation(t, day, values.get(t)!, age, encounter, OBSERVATION_CATEGORIES.laboratory, lab),
    );
    this.add<DiagnosticReport>({
      resourceType: 'DiagnosticReport',
      status: 'final',
      category: [conceptOf(DIAGNOSTIC_SECTIONS.laboratory)],
      code: conceptOf(DOCUMENT_TYPES.labReport),
      subject: this.patientRef,
      encounter,
      effectiveDateTime: at(day, 8),
      issued: `${isoFromDay(day)}T15:00:00${TZ}`,
      performer: [lab],
      ...(this.gp ? { resultsInterpreter: [this.gp.practitioner] } : {}),
      result: results,
    });
  }

  /** The calendar's doses up to today's age, a few missed; Td boosters, flu and COVID-19 for adults. */
  immunizations(): void {
    const s = this.subject;
    const ageToday = this.ageOn(this.today);
    const performer = this.gp?.practitioner;
    const give = (vaccine: VaccineTerm, day: number, doseNumber: number) => {
      if (day > this.today || day < this.born) return;
      this.add<Immunization>({
        resourceType: 'Immunization',
        status: 'completed',
        vaccineCode: conceptOf(vaccine),
        patient: this.patientRef,
        occurrenceDateTime: at(day, 10, this.random.int(0, 59)),
        primarySource: true,
        lotNumber: `${vaccine.code.slice(3)}${this.random.int(10000, 99999)}`,
        ...(performer ? { performer: [{ actor: performer }] } : {}),
        protocolApplied: [{ doseNumberPositiveInt: doseNumber }],
      });
    };
    // Childhood calendar: for persons under 19 (older records predate the electronic register).
    if (ageToday < 19) {
      for (const vaccine of Object.values(VACCINES)) {
        if (vaccine.audience === 'adults-yearly' || vaccine.audience === 'adults-booster') continue;
        if (vaccine.audience === 'girls' && s.sex !== 'F') continue;
        vaccine.scheduleMonths.forEach((months, i) => {
          const missed = !this.demo && this.random.chance(0.03);
          if (missed) return;
          give(vaccine, this.born + Math.round(months * 30.44) + this.random.int(0, 20), i + 1);
        });
      }
    }
    if (ageToday >= 17) {
      // The latest Td booster: at 17 and every ten years after.
      const boosterAge = 17 + Math.floor((ageToday - 17) / 10) * 10;
      if (this.demo || this.random.chance(0.6))
        give(
          VACCINES.td,
          addYears(this.born, boosterAge) + this.random.int(0, 120),
          1 + (boosterAge - 17) / 10,
        );
      const fluChance = ageToday >= 65 ? 0.45 : this.demo ? 1 : 0.1;
      for (let y = 0; y < Math.min(3, this.ctx.historyYears); y++) {
        if (!this.random.chance(fluChance)) continue;
        const [year] = this.ctx.today.split('-').map(Number) as [number];
        const autumn =
          dayFromIso(`${year - y - (this.ctx.today.slice(5) < '10-15' ? 1 : 0)}-10-15`) +
          this.random.int(0, 40);
        give(VACCINES.influenza, Math.min(autumn, this.today - 1), 1);
      }
      const covidChance = ageToday >= 60 ? 0.55 : 0.3;
      if (this.demo || this.random.chance(covidChance)) {
        const first = dayFromIso('2021-04-01') + this.random.int(0, 200);
        give(VACCINES.covid19, first, 1);
        give(VACCINES.covid19, first + 28, 2);
      }
    }
  }

  allergies(): void {
    const count =
      this.subject.index === DEMO_INDEX.citizen
        ? 1
        : this.random.chance(0.15)
          ? this.random.chance(0.2)
            ? 2
            : 1
          : 0;
    const seen = new Set<AllergenTerm>();
    for (let i = 0; i < count; i++) {
      const allergen =
        this.subject.index === DEMO_INDEX.citizen ? ALLERGENS.penicillin : ALLERGEN_TABLE.pick(this.random);
      if (seen.has(allergen)) continue;
      seen.add(allergen);
      const reaction = this.random.pick(REACTIONS_BY_CATEGORY[allergen.category]);
      const severe = reaction === REACTIONS.anaphylaxis || reaction === REACTIONS.angioedema;
      const onset = this.random.int(Math.min(this.today - 1, this.born + 365), this.today - 1);
      this.add<AllergyIntolerance>({
        resourceType: 'AllergyIntolerance',
        clinicalStatus: conceptOf(ALLERGY_CLINICAL_STATUSES.active),
        verificationStatus: conceptOf(ALLERGY_VERIFICATION_STATUSES.confirmed),
        type: 'allergy',
        category: [allergen.category],
        criticality: severe ? 'high' : 'low',
        code: conceptOf(allergen),
        patient: this.patientRef,
        onsetDateTime: isoFromDay(onset),
        recordedDate: isoFromDay(onset),
        ...(this.gp ? { recorder: this.gp.practitioner } : {}),
        reaction: [{ manifestation: [conceptOf(reaction)], severity: severe ? 'severe' : 'mild' }],
      });
    }
  }

  /** GP visits for a cold, a bronchitis or a bladder infection, now and then, with a short treatment. */
  acuteVisits(): void {
    if (!this.gp || this.subject.deceased) return;
    const start = this.windowStart(this.ctx.historyYears);
    const child = this.ageOn(this.today) < 18;
    for (let day = start + this.random.int(0, 300); day < this.today - 3; day += this.random.int(200, 500)) {
      if (!this.random.chance(child ? 0.7 : 0.4)) continue;
      const spec = this.random.pick(ACUTE_VISITS.filter((a) => a.term !== C.cystitis || !child));
      const conditionId = this.nextId();
      const diagnosis = { reference: `Condition/${conditionId}`, display: spec.term.labels.en };
      const encounter = this.encounter(
        ENCOUNTER_CLASSES.ambulatory,
        ENCOUNTER_TYPES.symptom,
        day,
        day,
        this.gp,
        spec.term,
        diagnosis,
      );
      this.add<Condition>({
        resourceType: 'Condition',
        id: conditionId,
        clinicalStatus: conceptOf(CONDITION_CLINICAL_STATUSES.resolved),
        verificationStatus: conceptOf(CONDITION_VERIFICATION_STATUSES.confirmed),
        category: [conceptOf(CONDITION_CATEGORIES.encounterDiagnosis)],
        code: conceptOf(spec.term),
        subject: this.patientRef,
        encounter,
        onsetDateTime: isoFromDay(day - this.random.int(1, 4)),
        abatementDateTime: isoFromDay(day + this.random.int(5, 12)),
        recordedDate: isoFromDay(day),
        recorder: this.gp.practitioner,
      });
      if (spec.medicine) this.prescription(spec.medicine, day, diagnosis, 1, true);
    }
  }

  /** Hospital stays: an inpatient encounter, the diagnosis, procedures and a discharge letter. */
  hospitalStays(): void {
    const age = this.ageOn(this.today);
    const yearly = age < 18 ? 0.02 : age < 50 ? 0.03 : age < 70 ? 0.07 : 0.15;
    const years = this.demo ? Math.max(5, this.ctx.historyYears) : this.ctx.historyYears;
    const start = this.windowStart(years);
    const stays = this.subject.index === DEMO_INDEX.citizen ? 1 : this.random.chance(yearly * years) ? 1 : 0;
    for (let i = 0; i < stays; i++) {
      const spec =
        this.subject.index === DEMO_INDEX.citizen
          ? STAYS.appendicitis!
          : stayFor(this.random, age, new Set(this.conditions.keys()));
      const admitted = this.random.int(start, Math.max(start, this.today - 20));
      const discharged = admitted + this.random.int(spec.days[0], spec.days[1]);
      const doctors = this.ctx.directory.specialists.filter(
        (d) => d.specialty === spec.specialty && d !== this.ctx.directory.demoSpecialist,
      );
      const doctor =
        doctors.length > 0 ? this.random.pick(doctors) : this.random.pick(this.ctx.directory.specialists);
      this.stay(spec, admitted, discharged, doctor);
    }
  }

  stay(spec: StaySpec, admitted: number, discharged: number, doctor: Clinician): void {
    const conditionId = this.nextId();
    const diagnosis = { reference: `Condition/${conditionId}`, display: spec.term.labels.en };
    const encounter = this.encounter(
      ENCOUNTER_CLASSES.inpatient,
      ENCOUNTER_TYPES.admission,
      admitted,
      discharged,
      doctor,
      spec.term,
      diagnosis,
    );
    const chronicAfter = spec.term === C.myocardialInfarction || spec.term === C.stroke;
    this.add<Condition>({
      resourceType: 'Condition',
      id: conditionId,
      clinicalStatus: conceptOf(
        chronicAfter ? CONDITION_CLINICAL_STATUSES.inactive : CONDITION_CLINICAL_STATUSES.resolved,
      ),
      verificationStatus: conceptOf(CONDITION_VERIFICATION_STATUSES.confirmed),
      category: [conceptOf(CONDITION_CATEGORIES.encounterDiagnosis)],
      code: conceptOf(spec.term),
      subject: this.patientRef,
      encounter,
      onsetDateTime: isoFromDay(admitted),
      abatementDateTime: isoFromDay(discharged),
      recordedDate: isoFromDay(admitted),
      recorder: doctor.practitioner,
    });
    spec.procedures.forEach((procedure, i) => {
      const day = Math.min(discharged, admitted + i);
      this.add<Procedure>({
        resourceType: 'Procedure',
        status: 'completed',
        code: conceptOf(procedure),
        subject: this.patientRef,
        encounter,
        performedDateTime: at(day, 11 + i),
        performer: [{ actor: doctor.practitioner, onBehalfOf: doctor.organization }],
        reasonReference: [diagnosis],
      });
    });
    const text = dischargeLetter(this.subject, spec, admitted, discharged, doctor);
    this.add<DocumentReference>({
      resourceType: 'DocumentReference',
      status: 'current',
      docStatus: 'final',
      type: conceptOf(DOCUMENT_TYPES.dischargeSummary),
      subject: this.patientRef,
      date: at(discharged, 12),
      author: [doctor.practitioner, doctor.organization],
      custodian: doctor.organization,
      description: `${DOCUMENT_TYPES.dischargeSummary.labels.bg}: ${spec.term.labels.bg}`,
      content: [
        {
          attachment: {
            contentType: 'text/plain; charset=utf-8',
            language: 'bg',
            data: base64(text),
            title: `${DOCUMENT_TYPES.dischargeSummary.labels.bg} – ${doctor.organization.display}`,
            creation: at(discharged, 12),
          },
        },
      ],
      context: {
        encounter: [encounter],
        period: { start: isoFromDay(admitted), end: isoFromDay(discharged) },
      },
    });
    if (spec.medicine && this.gp) this.prescription(spec.medicine, discharged + 1, diagnosis, 1, true);
  }

  /**
   * Referrals from the GP to a specialist for a chronic condition, as FHIR has them: a
   * `ServiceRequest` (category referral, intent order) from the GP to the specialist, for the
   * Condition, with the referral letter (a DocumentReference) as its supporting information; and
   * the specialist's consultation a week later. A referral is `active` for 90 days (while it
   * gives the specialist access to the record, see access/care.ts), then `completed`.
   */
  referrals(chronic: Array<{ spec: ChronicSpec; ref: Ref; onset: number }>): void {
    if (!this.gp || this.subject.deceased || this.subject.index === DEMO_INDEX.citizen) return;
    const demoSpecialist = this.ctx.directory.demoSpecialist;
    if (this.subject.personalNumber === demoSpecialist?.personalNumber) return;
    const withSpecialist = chronic.filter((c) => c.spec.specialty);
    const demoCase = this.demoReferral
      ? chronic.find((c) => c.spec.term === DEMO_REFERRAL_CONDITION && c.spec.specialty)
      : undefined;
    if (!demoCase && (withSpecialist.length === 0 || !this.random.chance(0.3))) return;
    const { spec, ref } = demoCase ?? this.random.pick(withSpecialist);
    const doctors = this.ctx.directory.specialists.filter((d) => d.specialty === spec.specialty);
    // The demo specialist's patients: the demo GP's cardiac patients referred are referred to her.
    const toDemo =
      demoSpecialist &&
      spec.specialty === SPECIALTIES.cardiology &&
      (demoCase !== undefined || this.gp === this.ctx.directory.demoGp);
    const doctor = toDemo ? demoSpecialist : doctors.length > 0 ? this.random.pick(doctors) : undefined;
    if (!doctor) return;
    // The demo's referral is recent and still waiting for the consultation.
    const day = demoCase
      ? this.today - this.random.int(3, 6)
      : this.random.int(this.windowStart(1), this.today - 2);
    const specialty = spec.specialty!;
    const referralText = [
      `НАПРАВЛЕНИЕ за консултация (${specialty.labels.bg})`,
      `Пациент: ${fullName(this.subject)}`,
      `Диагноза: ${spec.term.labels.bg} (${spec.term.code})`,
      `Насочен към: ${doctor.practitioner.display}, ${doctor.organization.display}`,
      `Личен лекар: ${this.gp.practitioner.display}, ${this.gp.organization.display}`,
      `Дата: ${isoFromDay(day)}`,
    ].join('\n');
    const letter = this.add<DocumentReference>({
      resourceType: 'DocumentReference',
      status: 'current',
      docStatus: 'final',
      type: conceptOf(DOCUMENT_TYPES.referral),
      subject: this.patientRef,
      date: at(day, 10),
      author: [this.gp.practitioner, this.gp.organization],
      description: `${DOCUMENT_TYPES.referral.labels.bg}: ${specialty.labels.bg}`,
      content: [
        {
          attachment: {
            contentType: 'text/plain; charset=utf-8',
            language: 'bg',
            data: base64(referralText),
            title: `${DOCUMENT_TYPES.referral.labels.bg} – ${specialty.labels.bg}`,
            creation: at(day, 10),
          },
        },
      ],
      // The specialist the patient is referred to (and their role at the hospital).
      context: {
        related: [doctor.practitioner, doctor.role],
        period: { start: isoFromDay(day), end: isoFromDay(day + 30) },
      },
    });
    this.add<ServiceRequest>({
      resourceType: 'ServiceRequest',
      status: this.today - day <= REFERRAL_OPEN_DAYS ? 'active' : 'completed',
      intent: 'order',
      category: [conceptOf(SERVICE_REQUEST_CATEGORIES.referral)],
      priority: 'routine',
      subject: this.patientRef,
      authoredOn: at(day, 10),
      requester: this.gp.practitioner,
      performerType: conceptOf(specialty),
      // The specialist (as the clinician; the search `performer=Practitioner/…` finds it).
      performer: [doctor.practitioner],
      reasonCode: [conceptOf(spec.term)],
      reasonReference: [ref],
      supportingInfo: [{ reference: `DocumentReference/${letter.id}`, display: letter.description! }],
    });
    const seen = day + 7;
    if (seen >= this.today) return;
    this.encounter(
      ENCOUNTER_CLASSES.ambulatory,
      ENCOUNTER_TYPES.consultation,
      seen,
      seen,
      doctor,
      spec.term,
      ref,
    );
  }
}

function dosageOf(medicine: MedicineTerm) {
  const dose = medicine.dose;
  return {
    text: dosageText(dose, 'bg'),
    timing: { repeat: { frequency: dose.frequency, period: 1, periodUnit: dose.period } },
    ...(dose.asNeeded ? { asNeededBoolean: true } : {}),
    doseAndRate: [
      { doseQuantity: { value: dose.amount, unit: dose.unit, system: CodeSystem.ucum, code: dose.unit } },
    ],
  };
}

function dischargeLetter(
  subject: HealthSubject,
  spec: StaySpec,
  admitted: number,
  discharged: number,
  doctor: Clinician,
): string {
  return [
    `${doctor.organization.display}`,
    'ЕПИКРИЗА',
    `Пациент: ${fullName(subject)}, роден(а) на ${subject.birthDate}`,
    `Престой: от ${isoFromDay(admitted)} до ${isoFromDay(discharged)}`,
    `Окончателна диагноза: ${spec.term.labels.bg} (МКБ-10: ${spec.term.code})`,
    `Извършени процедури: ${spec.procedures.map((p) => p.labels.bg).join('; ')}`,
    `Терапия при изписване: ${spec.medicine ? `${spec.medicine.labels.bg} – ${dosageText(spec.medicine.dose, 'bg')}` : 'без медикаментозна терапия'}`,
    'Препоръки: контролен преглед при личния лекар до 14 дни след изписването.',
    `Лекуващ лекар: ${doctor.practitioner.display}`,
  ].join('\n');
}

/** One person's health record (or only their Patient). */
export function generateRecord(
  subject: HealthSubject,
  ctx: GenerateContext,
  detail: RecordDetail = 'full',
): PatientRecord {
  const builder = new RecordBuilder(subject, ctx);
  builder.patient();
  if (detail === 'full') {
    const chronic = builder.chronicConditions();
    builder.allergies();
    builder.immunizations();
    builder.checkUps();
    builder.prescriptions(chronic);
    builder.acuteVisits();
    builder.hospitalStays();
    builder.referrals(chronic);
  }
  return {
    personalNumber: subject.personalNumber,
    patientId: builder.patientId,
    resources: builder.resources,
  };
}

/**
 * The demo specialist's referred patient: the demo GP's first patient who is not a demo account,
 * alive and at least 30 (the demo persons are staff; the demo citizen is referred to nobody, so
 * that a specialist needs break-glass for them). Undefined when there is no demo specialist.
 */
export function demoReferralOf(
  subjects: readonly HealthSubject[],
  directory: Directory,
  gpOf: (subject: HealthSubject) => Clinician | undefined,
  today: string,
): string | undefined {
  if (!directory.demoSpecialist) return undefined;
  const day = dayFromIso(today);
  return subjects.find(
    (subject) =>
      subject.index >= DEMO_COUNT &&
      !subject.deceased &&
      yearsBetween(dayFromIso(subject.birthDate), day) >= DEMO_REFERRAL_MIN_AGE &&
      gpOf(subject) === directory.demoGp,
  )?.personalNumber;
}

/**
 * Each person's GP: the demo citizen, their family and the other demo persons have the demo GP
 * (the demo GP and the specialist are nobody's GP but their own patients' and have one of their
 * own); everyone else a GP of their region, chosen by the seed.
 */
export function assignGps(
  subjects: readonly HealthSubject[],
  directory: Directory,
  seed: Seed,
): (subject: HealthSubject) => Clinician | undefined {
  const demoCitizen = subjects[DEMO_INDEX.citizen]?.personalNumber;
  const byRegion = new Map<string, Clinician[]>();
  for (const gp of directory.gps) byRegion.set(gp.regionCode, [...(byRegion.get(gp.regionCode) ?? []), gp]);
  const others = directory.gps.filter((gp) => gp !== directory.demoGp);
  return (subject) => {
    if (subject.index === DEMO_INDEX.gp) return others[0];
    const family =
      subject.index < DEMO_COUNT ||
      (demoCitizen !== undefined &&
        (subject.motherPersonalNumber === demoCitizen || subject.fatherPersonalNumber === demoCitizen));
    if (family) return directory.demoGp;
    const random = forkRandom(seed, 'ehealth', 'gp', subject.personalNumber);
    const local = byRegion.get(subject.address?.regionCode ?? '') ?? directory.gps;
    const candidates = local.filter((gp) => gp.personalNumber !== subject.personalNumber);
    return candidates.length > 0
      ? random.pick(candidates)
      : (others.find((gp) => gp.personalNumber !== subject.personalNumber) ?? directory.demoGp);
  };
}
