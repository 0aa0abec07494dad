/**
 * Every clinical code the health record uses, with the code system's own display (English) and a
 * label for people in each of the platform's languages. The generator emits only codes listed
 * here; the screens, the patient summary (IPS) and validation read their words from here, so no
 * raw code ever reaches a person. Browser-safe: data and pure functions only.
 */

export type TermLocale = 'bg' | 'en' | 'pl';

/** A label in each language of the platform. */
export interface Labels {
  bg: string;
  en: string;
  pl: string;
}

/** The code systems (canonical URIs as FHIR names them). */
export const CodeSystem = {
  icd10: 'http://hl7.org/fhir/sid/icd-10',
  loinc: 'http://loinc.org',
  atc: 'http://www.whocc.no/atc',
  snomed: 'http://snomed.info/sct',
  ucum: 'http://unitsofmeasure.org',
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  observationInterpretation: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
  conditionCategory: 'http://terminology.hl7.org/CodeSystem/condition-category',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  conditionVerification: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  allergyClinical: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
  allergyVerification: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
  diagnosticServiceSection: 'http://terminology.hl7.org/CodeSystem/v2-0074',
  practitionerRole: 'http://terminology.hl7.org/CodeSystem/practitioner-role',
  organizationType: 'http://terminology.hl7.org/CodeSystem/organization-type',
} as const;
export type CodeSystemUri = (typeof CodeSystem)[keyof typeof CodeSystem];

/** The identifier system of e-prescription numbers (12 characters, Crockford base32). */
export const PRESCRIPTION_NUMBER_SYSTEM = 'https://civitas.example/fhir/sid/prescription-number';

/**
 * The identifier systems of personal numbers, by the instance's `personalNumberScheme`: a
 * Patient's (and a Practitioner's) identifier. Never in a URL or a resource id.
 */
export const PERSONAL_NUMBER_SYSTEMS = {
  egn: 'https://civitas.example/fhir/sid/egn',
  pesel: 'https://civitas.example/fhir/sid/pesel',
} as const;

/** A doctor's or pharmacist's professional registration number (УИН of the medical association). */
export const PRACTITIONER_NUMBER_SYSTEM = 'https://civitas.example/fhir/sid/practitioner-number';

/** An Organization's exchange subsystem (`COM/204512873/zdrave-lozenets-emr`), as the instance names it. */
export const EXCHANGE_SUBSYSTEM_SYSTEM = 'https://civitas.example/fhir/sid/exchange-subsystem';

/** One code of a code system, with its official display and labels for people. */
export interface Term {
  system: CodeSystemUri;
  code: string;
  /** The code system's own display, in English. */
  display: string;
  labels: Labels;
}

function term(
  system: CodeSystemUri,
  code: string,
  display: string,
  bg: string,
  en: string,
  pl: string,
): Term {
  return { system, code, display, labels: { bg, en, pl } };
}

// ---------------------------------------------------------------------------------------------
// Conditions (ICD-10, WHO 2019 category titles)

export type ConditionKind = 'chronic' | 'acute' | 'reason';

export interface ConditionTerm extends Term {
  kind: ConditionKind;
  /** Mental health, sexual health and the like: a category patients often hide (EHDS Art. 8). */
  sensitive: boolean;
}

function condition(
  kind: ConditionKind,
  code: string,
  display: string,
  bg: string,
  en: string,
  pl: string,
  sensitive = false,
): ConditionTerm {
  return { ...term(CodeSystem.icd10, code, display, bg, en, pl), kind, sensitive };
}

export const CONDITIONS = {
  hypertension: condition(
    'chronic',
    'I10',
    'Essential (primary) hypertension',
    'Артериална хипертония',
    'High blood pressure (hypertension)',
    'Nadciśnienie tętnicze',
  ),
  diabetesType2: condition(
    'chronic',
    'E11',
    'Type 2 diabetes mellitus',
    'Захарен диабет тип 2',
    'Type 2 diabetes',
    'Cukrzyca typu 2',
  ),
  diabetesType1: condition(
    'chronic',
    'E10',
    'Type 1 diabetes mellitus',
    'Захарен диабет тип 1',
    'Type 1 diabetes',
    'Cukrzyca typu 1',
  ),
  asthma: condition('chronic', 'J45', 'Asthma', 'Бронхиална астма', 'Asthma', 'Astma oskrzelowa'),
  hyperlipidaemia: condition(
    'chronic',
    'E78',
    'Disorders of lipoprotein metabolism and other lipidaemias',
    'Хиперлипидемия (повишен холестерол)',
    'High cholesterol (hyperlipidaemia)',
    'Hiperlipidemia (podwyższony cholesterol)',
  ),
  ischaemicHeartDisease: condition(
    'chronic',
    'I25',
    'Chronic ischaemic heart disease',
    'Хронична исхемична болест на сърцето',
    'Chronic ischaemic heart disease',
    'Przewlekła choroba niedokrwienna serca',
  ),
  copd: condition(
    'chronic',
    'J44',
    'Other chronic obstructive pulmonary disease',
    'Хронична обструктивна белодробна болест (ХОББ)',
    'Chronic obstructive pulmonary disease (COPD)',
    'Przewlekła obturacyjna choroba płuc (POChP)',
  ),
  kneeArthrosis: condition(
    'chronic',
    'M17',
    'Gonarthrosis [arthrosis of knee]',
    'Гонартроза (артроза на коляното)',
    'Osteoarthritis of the knee',
    'Choroba zwyrodnieniowa stawu kolanowego',
  ),
  hypothyroidism: condition(
    'chronic',
    'E03',
    'Other hypothyroidism',
    'Хипотиреоидизъм (понижена функция на щитовидната жлеза)',
    'Underactive thyroid (hypothyroidism)',
    'Niedoczynność tarczycy',
  ),
  depression: condition(
    'chronic',
    'F32',
    'Depressive episode',
    'Депресивен епизод',
    'Depression',
    'Epizod depresyjny',
    true,
  ),
  anxiety: condition(
    'chronic',
    'F41',
    'Other anxiety disorders',
    'Тревожно разстройство',
    'Anxiety disorder',
    'Zaburzenia lękowe',
    true,
  ),
  gerd: condition(
    'chronic',
    'K21',
    'Gastro-oesophageal reflux disease',
    'Гастроезофагеална рефлуксна болест',
    'Acid reflux (gastro-oesophageal reflux disease)',
    'Choroba refluksowa przełyku',
  ),
  chronicKidneyDisease: condition(
    'chronic',
    'N18',
    'Chronic kidney disease',
    'Хронично бъбречно заболяване',
    'Chronic kidney disease',
    'Przewlekła choroba nerek',
  ),
  atrialFibrillation: condition(
    'chronic',
    'I48',
    'Atrial fibrillation and flutter',
    'Предсърдно мъждене',
    'Atrial fibrillation',
    'Migotanie przedsionków',
  ),
  heartFailure: condition(
    'chronic',
    'I50',
    'Heart failure',
    'Сърдечна недостатъчност',
    'Heart failure',
    'Niewydolność serca',
  ),
  epilepsy: condition('chronic', 'G40', 'Epilepsy', 'Епилепсия', 'Epilepsy', 'Padaczka'),
  migraine: condition('chronic', 'G43', 'Migraine', 'Мигрена', 'Migraine', 'Migrena'),
  osteoporosis: condition(
    'chronic',
    'M81',
    'Osteoporosis without pathological fracture',
    'Остеопороза',
    'Osteoporosis',
    'Osteoporoza',
  ),
  obesity: condition('chronic', 'E66', 'Obesity', 'Затлъстяване', 'Obesity', 'Otyłość'),
  rheumatoidArthritis: condition(
    'chronic',
    'M06',
    'Other rheumatoid arthritis',
    'Ревматоиден артрит',
    'Rheumatoid arthritis',
    'Reumatoidalne zapalenie stawów',
  ),
  allergicRhinitis: condition(
    'chronic',
    'J30',
    'Vasomotor and allergic rhinitis',
    'Алергичен ринит',
    'Hay fever (allergic rhinitis)',
    'Alergiczny nieżyt nosa',
  ),
  psoriasis: condition('chronic', 'L40', 'Psoriasis', 'Псориазис', 'Psoriasis', 'Łuszczyca'),
  myocardialInfarction: condition(
    'acute',
    'I21',
    'Acute myocardial infarction',
    'Остър миокарден инфаркт',
    'Heart attack (acute myocardial infarction)',
    'Ostry zawał serca',
  ),
  pneumonia: condition(
    'acute',
    'J18',
    'Pneumonia, organism unspecified',
    'Пневмония',
    'Pneumonia',
    'Zapalenie płuc',
  ),
  appendicitis: condition(
    'acute',
    'K35',
    'Acute appendicitis',
    'Остър апендицит',
    'Acute appendicitis',
    'Ostre zapalenie wyrostka robaczkowego',
  ),
  femurFracture: condition(
    'acute',
    'S72',
    'Fracture of femur',
    'Фрактура на бедрената кост',
    'Broken thigh bone (fracture of femur)',
    'Złamanie kości udowej',
  ),
  stroke: condition(
    'acute',
    'I63',
    'Cerebral infarction',
    'Исхемичен мозъчен инсулт',
    'Stroke (cerebral infarction)',
    'Udar niedokrwienny mózgu',
  ),
  gallstones: condition(
    'acute',
    'K80',
    'Cholelithiasis',
    'Жлъчнокаменна болест',
    'Gallstones (cholelithiasis)',
    'Kamica żółciowa',
  ),
  upperRespiratoryInfection: condition(
    'acute',
    'J06',
    'Acute upper respiratory infections of multiple and unspecified sites',
    'Остра инфекция на горните дихателни пътища',
    'Common cold (upper respiratory infection)',
    'Ostra infekcja górnych dróg oddechowych',
  ),
  bronchitis: condition(
    'acute',
    'J20',
    'Acute bronchitis',
    'Остър бронхит',
    'Acute bronchitis',
    'Ostre zapalenie oskrzeli',
  ),
  cystitis: condition(
    'acute',
    'N30',
    'Cystitis',
    'Цистит',
    'Bladder infection (cystitis)',
    'Zapalenie pęcherza moczowego',
  ),
  checkUp: condition(
    'reason',
    'Z00',
    'General examination and investigation of persons without complaint and reported diagnosis',
    'Профилактичен преглед',
    'Routine health check',
    'Badanie profilaktyczne',
  ),
} as const satisfies Record<string, ConditionTerm>;

// ---------------------------------------------------------------------------------------------
// Laboratory and vital signs (LOINC; units in UCUM)

export type Sex = 'male' | 'female';

/** A reference range for some of the population (first matching row applies). */
export interface RangeRow {
  sex?: Sex;
  /** Age in whole years, inclusive bounds. */
  minAge?: number;
  maxAge?: number;
  low?: number;
  high?: number;
}

export interface MeasureTerm extends Term {
  /** UCUM unit code and how it is shown. */
  unit: string;
  unitDisplay: string;
  /** Decimal places the value is reported with. */
  decimals: number;
  ranges: readonly RangeRow[];
}

function measure(
  code: string,
  display: string,
  labels: [bg: string, en: string, pl: string],
  unit: string,
  unitDisplay: string,
  decimals: number,
  ranges: readonly RangeRow[] = [],
): MeasureTerm {
  return { ...term(CodeSystem.loinc, code, display, ...labels), unit, unitDisplay, decimals, ranges };
}

export const LABS = {
  glucose: measure(
    '2345-7',
    'Glucose [Mass/volume] in Serum or Plasma',
    ['Кръвна захар (глюкоза)', 'Blood sugar (glucose)', 'Glukoza we krwi'],
    'mg/dL',
    'mg/dL',
    0,
    [{ low: 70, high: 99 }],
  ),
  hba1c: measure(
    '4548-4',
    'Hemoglobin A1c/Hemoglobin.total in Blood',
    ['Гликиран хемоглобин (HbA1c)', 'Long-term blood sugar (HbA1c)', 'Hemoglobina glikowana (HbA1c)'],
    '%',
    '%',
    1,
    [{ low: 4, high: 5.6 }],
  ),
  cholesterol: measure(
    '2093-3',
    'Cholesterol [Mass/volume] in Serum or Plasma',
    ['Общ холестерол', 'Total cholesterol', 'Cholesterol całkowity'],
    'mg/dL',
    'mg/dL',
    0,
    [{ high: 200 }],
  ),
  ldl: measure(
    '13457-7',
    'Cholesterol in LDL [Mass/volume] in Serum or Plasma by calculation',
    ['LDL холестерол („лош“)', 'LDL cholesterol ("bad")', 'Cholesterol LDL („zły”)'],
    'mg/dL',
    'mg/dL',
    0,
    [{ high: 130 }],
  ),
  hdl: measure(
    '2085-9',
    'Cholesterol in HDL [Mass/volume] in Serum or Plasma',
    ['HDL холестерол („добър“)', 'HDL cholesterol ("good")', 'Cholesterol HDL („dobry”)'],
    'mg/dL',
    'mg/dL',
    0,
    [
      { sex: 'male', low: 40 },
      { sex: 'female', low: 50 },
    ],
  ),
  triglycerides: measure(
    '2571-8',
    'Triglyceride [Mass/volume] in Serum or Plasma',
    ['Триглицериди', 'Triglycerides', 'Triglicerydy'],
    'mg/dL',
    'mg/dL',
    0,
    [{ high: 150 }],
  ),
  creatinine: measure(
    '2160-0',
    'Creatinine [Mass/volume] in Serum or Plasma',
    ['Креатинин', 'Creatinine', 'Kreatynina'],
    'mg/dL',
    'mg/dL',
    2,
    [
      { maxAge: 17, low: 0.3, high: 1.0 },
      { sex: 'male', low: 0.74, high: 1.35 },
      { sex: 'female', low: 0.59, high: 1.04 },
    ],
  ),
  egfr: measure(
    '33914-3',
    'Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum or Plasma by Creatinine-based formula (MDRD)',
    [
      'Скорост на гломерулна филтрация (еСГФ)',
      'Kidney function (eGFR)',
      'Wskaźnik przesączania kłębuszkowego (eGFR)',
    ],
    'mL/min/{1.73_m2}',
    'mL/min/1.73 m²',
    0,
    [{ low: 60 }],
  ),
  haemoglobin: measure(
    '718-7',
    'Hemoglobin [Mass/volume] in Blood',
    ['Хемоглобин', 'Haemoglobin', 'Hemoglobina'],
    'g/dL',
    'g/dL',
    1,
    [
      { maxAge: 11, low: 11.5, high: 15.5 },
      { sex: 'male', low: 13.5, high: 17.5 },
      { sex: 'female', low: 12, high: 15.5 },
    ],
  ),
  leukocytes: measure(
    '6690-2',
    'Leukocytes [#/volume] in Blood by Automated count',
    ['Левкоцити', 'White blood cells', 'Leukocyty'],
    '10*3/uL',
    '×10³/µL',
    1,
    [
      { maxAge: 11, low: 5, high: 14.5 },
      { low: 4, high: 10.5 },
    ],
  ),
  platelets: measure(
    '777-3',
    'Platelets [#/volume] in Blood by Automated count',
    ['Тромбоцити', 'Platelets', 'Płytki krwi'],
    '10*3/uL',
    '×10³/µL',
    0,
    [{ low: 150, high: 400 }],
  ),
  erythrocytes: measure(
    '789-8',
    'Erythrocytes [#/volume] in Blood by Automated count',
    ['Еритроцити', 'Red blood cells', 'Erytrocyty'],
    '10*6/uL',
    '×10⁶/µL',
    2,
    [
      { sex: 'male', low: 4.5, high: 5.9 },
      { sex: 'female', low: 4.1, high: 5.1 },
    ],
  ),
  alt: measure(
    '1742-6',
    'Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma',
    ['АЛАТ (чернодробен ензим)', 'ALT (liver enzyme)', 'ALT (enzym wątrobowy)'],
    'U/L',
    'U/L',
    0,
    [
      { sex: 'male', high: 41 },
      { sex: 'female', high: 33 },
    ],
  ),
  ast: measure(
    '1920-8',
    'Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma',
    ['АСАТ (чернодробен ензим)', 'AST (liver enzyme)', 'AST (enzym wątrobowy)'],
    'U/L',
    'U/L',
    0,
    [
      { sex: 'male', high: 40 },
      { sex: 'female', high: 32 },
    ],
  ),
  tsh: measure(
    '3016-3',
    'Thyrotropin [Units/volume] in Serum or Plasma',
    ['Тиреостимулиращ хормон (TSH)', 'Thyroid-stimulating hormone (TSH)', 'Hormon tyreotropowy (TSH)'],
    'm[IU]/L',
    'mIU/L',
    2,
    [{ low: 0.4, high: 4 }],
  ),
  potassium: measure(
    '2823-3',
    'Potassium [Moles/volume] in Serum or Plasma',
    ['Калий', 'Potassium', 'Potas'],
    'mmol/L',
    'mmol/L',
    1,
    [{ low: 3.5, high: 5.1 }],
  ),
  sodium: measure(
    '2951-2',
    'Sodium [Moles/volume] in Serum or Plasma',
    ['Натрий', 'Sodium', 'Sód'],
    'mmol/L',
    'mmol/L',
    0,
    [{ low: 136, high: 145 }],
  ),
  urea: measure(
    '3094-0',
    'Urea nitrogen [Mass/volume] in Serum or Plasma',
    ['Урея (уреен азот)', 'Urea nitrogen', 'Azot mocznikowy'],
    'mg/dL',
    'mg/dL',
    0,
    [{ low: 7, high: 20 }],
  ),
  crp: measure(
    '1988-5',
    'C reactive protein [Mass/volume] in Serum or Plasma',
    ['C-реактивен протеин (CRP)', 'C-reactive protein (CRP)', 'Białko C-reaktywne (CRP)'],
    'mg/L',
    'mg/L',
    1,
    [{ high: 5 }],
  ),
  uricAcid: measure(
    '3084-1',
    'Urate [Mass/volume] in Serum or Plasma',
    ['Пикочна киселина', 'Uric acid', 'Kwas moczowy'],
    'mg/dL',
    'mg/dL',
    1,
    [
      { sex: 'male', low: 3.4, high: 7 },
      { sex: 'female', low: 2.4, high: 6 },
    ],
  ),
} as const satisfies Record<string, MeasureTerm>;

export const VITALS = {
  systolic: measure(
    '8480-6',
    'Systolic blood pressure',
    ['Систолно (горно) кръвно налягане', 'Systolic blood pressure', 'Ciśnienie skurczowe'],
    'mm[Hg]',
    'mmHg',
    0,
    [{ low: 90, high: 139 }],
  ),
  diastolic: measure(
    '8462-4',
    'Diastolic blood pressure',
    ['Диастолно (долно) кръвно налягане', 'Diastolic blood pressure', 'Ciśnienie rozkurczowe'],
    'mm[Hg]',
    'mmHg',
    0,
    [{ low: 60, high: 89 }],
  ),
  heartRate: measure(
    '8867-4',
    'Heart rate',
    ['Сърдечна честота (пулс)', 'Heart rate (pulse)', 'Tętno'],
    '/min',
    '/min',
    0,
    [
      { maxAge: 11, low: 70, high: 120 },
      { low: 60, high: 100 },
    ],
  ),
  weight: measure('29463-7', 'Body weight', ['Тегло', 'Body weight', 'Masa ciała'], 'kg', 'kg', 1),
  height: measure('8302-2', 'Body height', ['Ръст', 'Height', 'Wzrost'], 'cm', 'cm', 0),
  bmi: measure(
    '39156-5',
    'Body mass index (BMI) [Ratio]',
    ['Индекс на телесна маса (ИТМ)', 'Body mass index (BMI)', 'Wskaźnik masy ciała (BMI)'],
    'kg/m2',
    'kg/m²',
    1,
    [{ minAge: 18, low: 18.5, high: 24.9 }],
  ),
} as const satisfies Record<string, MeasureTerm>;

/** Panels and groupings (LOINC): the code of an Observation or DiagnosticReport that groups others. */
export const PANELS = {
  bloodPressure: term(
    CodeSystem.loinc,
    '85354-9',
    'Blood pressure panel with all children optional',
    'Кръвно налягане',
    'Blood pressure',
    'Ciśnienie tętnicze',
  ),
  completeBloodCount: term(
    CodeSystem.loinc,
    '58410-2',
    'CBC panel - Blood by Automated count',
    'Пълна кръвна картина',
    'Full blood count',
    'Morfologia krwi',
  ),
  metabolic: term(
    CodeSystem.loinc,
    '24323-8',
    'Comprehensive metabolic 2000 panel - Serum or Plasma',
    'Биохимия',
    'Blood chemistry',
    'Biochemia krwi',
  ),
  lipids: term(
    CodeSystem.loinc,
    '24331-1',
    'Lipid 1996 panel - Serum or Plasma',
    'Липиден профил',
    'Cholesterol and fats (lipid profile)',
    'Lipidogram',
  ),
  thyroid: term(
    CodeSystem.loinc,
    '3016-3',
    'Thyrotropin [Units/volume] in Serum or Plasma',
    'Тиреостимулиращ хормон (TSH)',
    'Thyroid-stimulating hormone (TSH)',
    'Hormon tyreotropowy (TSH)',
  ),
  diabetes: term(
    CodeSystem.loinc,
    '4548-4',
    'Hemoglobin A1c/Hemoglobin.total in Blood',
    'Гликиран хемоглобин (HbA1c)',
    'Long-term blood sugar (HbA1c)',
    'Hemoglobina glikowana (HbA1c)',
  ),
} as const satisfies Record<string, Term>;

/** The laboratory panels the GP orders, and which tests each holds. */
export const LAB_PANELS: ReadonlyArray<{ panel: Term; tests: readonly MeasureTerm[] }> = [
  {
    panel: PANELS.completeBloodCount,
    tests: [LABS.haemoglobin, LABS.erythrocytes, LABS.leukocytes, LABS.platelets],
  },
  {
    panel: PANELS.metabolic,
    tests: [
      LABS.glucose,
      LABS.creatinine,
      LABS.egfr,
      LABS.urea,
      LABS.sodium,
      LABS.potassium,
      LABS.alt,
      LABS.ast,
      LABS.uricAcid,
    ],
  },
  { panel: PANELS.lipids, tests: [LABS.cholesterol, LABS.ldl, LABS.hdl, LABS.triglycerides] },
];

/** The reference range that applies to a person of this sex and age, if the measure has one. */
export function referenceRangeFor(
  measureTerm: MeasureTerm,
  sex: Sex,
  ageYears: number,
): RangeRow | undefined {
  return measureTerm.ranges.find(
    (r) =>
      (r.sex === undefined || r.sex === sex) &&
      (r.minAge === undefined || ageYears >= r.minAge) &&
      (r.maxAge === undefined || ageYears <= r.maxAge),
  );
}

export type InterpretationCode = 'L' | 'N' | 'H';

/** Low, normal or high against a range (normal when the range is absent). */
export function interpret(value: number, range: RangeRow | undefined): InterpretationCode {
  if (range?.low !== undefined && value < range.low) return 'L';
  if (range?.high !== undefined && value > range.high) return 'H';
  return 'N';
}

// ---------------------------------------------------------------------------------------------
// Medicines (ATC, WHO names; labels are the international non-proprietary name, no trade names)

export interface Dose {
  /** Amount per intake, in the unit (UCUM). */
  amount: number;
  unit: string;
  /** What is taken: a tablet, a capsule, an inhalation, … */
  form: 'tablet' | 'capsule' | 'inhalation' | 'injection' | 'drops';
  /** Intakes per period. */
  frequency: number;
  period: 'd' | 'wk';
  /** Taken when needed, not on a schedule. */
  asNeeded?: boolean;
  /** The course's length for a short treatment (antibiotics); a chronic one has none. */
  courseDays?: number;
  /** Units in one pack (what a pharmacy dispenses at once). */
  packSize: number;
}

export interface MedicineTerm extends Term {
  dose: Dose;
}

function medicine(
  code: string,
  display: string,
  bg: string,
  pl: string,
  dose: Dose,
  en: string = display.charAt(0).toUpperCase() + display.slice(1),
): MedicineTerm {
  return { ...term(CodeSystem.atc, code, display, bg, en, pl), dose };
}

const daily = (amount: number, unit: string, frequency = 1, packSize = 30): Dose => ({
  amount,
  unit,
  form: 'tablet',
  frequency,
  period: 'd',
  packSize,
});

export const MEDICINES = {
  ramipril: medicine('C09AA05', 'ramipril', 'Рамиприл', 'Ramipryl', daily(5, 'mg')),
  enalapril: medicine('C09AA02', 'enalapril', 'Еналаприл', 'Enalapryl', daily(10, 'mg', 2, 60)),
  losartan: medicine('C09CA01', 'losartan', 'Лозартан', 'Losartan', daily(50, 'mg')),
  amlodipine: medicine('C08CA01', 'amlodipine', 'Амлодипин', 'Amlodypina', daily(5, 'mg')),
  bisoprolol: medicine('C07AB07', 'bisoprolol', 'Бизопролол', 'Bisoprolol', daily(5, 'mg')),
  metoprolol: medicine('C07AB02', 'metoprolol', 'Метопролол', 'Metoprolol', daily(50, 'mg', 2, 60)),
  indapamide: medicine('C03BA11', 'indapamide', 'Индапамид', 'Indapamid', daily(1.5, 'mg')),
  furosemide: medicine('C03CA01', 'furosemide', 'Фуроземид', 'Furosemid', daily(40, 'mg')),
  atorvastatin: medicine('C10AA05', 'atorvastatin', 'Аторвастатин', 'Atorwastatyna', daily(20, 'mg')),
  rosuvastatin: medicine('C10AA07', 'rosuvastatin', 'Розувастатин', 'Rosuwastatyna', daily(10, 'mg')),
  metformin: medicine('A10BA02', 'metformin', 'Метформин', 'Metformina', daily(1000, 'mg', 2, 60)),
  gliclazide: medicine('A10BB09', 'gliclazide', 'Гликлазид', 'Gliklazyd', daily(60, 'mg')),
  dapagliflozin: medicine('A10BK01', 'dapagliflozin', 'Дапаглифлозин', 'Dapagliflozyna', daily(10, 'mg')),
  insulinGlargine: medicine('A10AE04', 'insulin glargine', 'Инсулин гларжин', 'Insulina glargine', {
    amount: 20,
    unit: '[iU]',
    form: 'injection',
    frequency: 1,
    period: 'd',
    packSize: 1500,
  }),
  salmeterolFluticasone: medicine(
    'R03AK06',
    'salmeterol and fluticasone',
    'Салметерол и флутиказон',
    'Salmeterol i flutykazon',
    { amount: 1, unit: '{inhalation}', form: 'inhalation', frequency: 2, period: 'd', packSize: 60 },
    'Salmeterol and fluticasone',
  ),
  salbutamol: medicine('R03AC02', 'salbutamol', 'Салбутамол', 'Salbutamol', {
    amount: 1,
    unit: '{inhalation}',
    form: 'inhalation',
    frequency: 4,
    period: 'd',
    asNeeded: true,
    packSize: 200,
  }),
  tiotropium: medicine('R03BB04', 'tiotropium bromide', 'Тиотропиев бромид', 'Bromek tiotropium', {
    amount: 1,
    unit: '{inhalation}',
    form: 'inhalation',
    frequency: 1,
    period: 'd',
    packSize: 30,
  }),
  levothyroxine: medicine(
    'H03AA01',
    'levothyroxine sodium',
    'Левотироксин натрий',
    'Lewotyroksyna sodowa',
    daily(50, 'ug', 1, 50),
  ),
  sertraline: medicine('N06AB06', 'sertraline', 'Сертралин', 'Sertralina', daily(50, 'mg', 1, 28)),
  escitalopram: medicine('N06AB10', 'escitalopram', 'Есциталопрам', 'Escytalopram', daily(10, 'mg', 1, 28)),
  omeprazole: medicine('A02BC01', 'omeprazole', 'Омепразол', 'Omeprazol', {
    ...daily(20, 'mg', 1, 28),
    form: 'capsule',
  }),
  pantoprazole: medicine('A02BC02', 'pantoprazole', 'Пантопразол', 'Pantoprazol', daily(40, 'mg', 1, 28)),
  aspirin: medicine(
    'B01AC06',
    'acetylsalicylic acid',
    'Ацетилсалицилова киселина',
    'Kwas acetylosalicylowy',
    daily(100, 'mg'),
  ),
  rivaroxaban: medicine('B01AF01', 'rivaroxaban', 'Ривароксабан', 'Rywaroksaban', daily(20, 'mg', 1, 28)),
  apixaban: medicine('B01AF02', 'apixaban', 'Апиксабан', 'Apiksaban', daily(5, 'mg', 2, 60)),
  levetiracetam: medicine(
    'N03AX14',
    'levetiracetam',
    'Леветирацетам',
    'Lewetyracetam',
    daily(500, 'mg', 2, 60),
  ),
  valproicAcid: medicine(
    'N03AG01',
    'valproic acid',
    'Валпроева киселина',
    'Kwas walproinowy',
    daily(500, 'mg', 2, 60),
  ),
  alendronicAcid: medicine('M05BA04', 'alendronic acid', 'Алендронова киселина', 'Kwas alendronowy', {
    ...daily(70, 'mg', 1, 4),
    period: 'wk',
  }),
  colecalciferol: medicine('A11CC05', 'colecalciferol', 'Колекалциферол (витамин D3)', 'Cholekalcyferol', {
    amount: 1000,
    unit: '[iU]',
    form: 'drops',
    frequency: 1,
    period: 'd',
    packSize: 100,
  }),
  methotrexate: medicine('L04AX03', 'methotrexate', 'Метотрексат', 'Metotreksat', {
    ...daily(15, 'mg', 1, 4),
    period: 'wk',
  }),
  sumatriptan: medicine('N02CC01', 'sumatriptan', 'Суматриптан', 'Sumatryptan', {
    ...daily(50, 'mg', 1, 6),
    asNeeded: true,
  }),
  ibuprofen: medicine('M01AE01', 'ibuprofen', 'Ибупрофен', 'Ibuprofen', {
    ...daily(400, 'mg', 3, 20),
    asNeeded: true,
  }),
  paracetamol: medicine('N02BE01', 'paracetamol', 'Парацетамол', 'Paracetamol', {
    ...daily(500, 'mg', 3, 20),
    asNeeded: true,
  }),
  cetirizine: medicine('R06AE07', 'cetirizine', 'Цетиризин', 'Cetyryzyna', daily(10, 'mg', 1, 30)),
  amoxicillin: medicine('J01CA04', 'amoxicillin', 'Амоксицилин', 'Amoksycylina', {
    ...daily(500, 'mg', 3, 21),
    form: 'capsule',
    courseDays: 7,
  }),
  amoxicillinClavulanate: medicine(
    'J01CR02',
    'amoxicillin and beta-lactamase inhibitor',
    'Амоксицилин и клавуланова киселина',
    'Amoksycylina z kwasem klawulanowym',
    { ...daily(875, 'mg', 2, 14), courseDays: 7 },
    'Amoxicillin and clavulanic acid',
  ),
  azithromycin: medicine('J01FA10', 'azithromycin', 'Азитромицин', 'Azytromycyna', {
    ...daily(500, 'mg', 1, 3),
    courseDays: 3,
  }),
  nitrofurantoin: medicine('J01XE01', 'nitrofurantoin', 'Нитрофурантоин', 'Nitrofurantoina', {
    ...daily(100, 'mg', 2, 10),
    courseDays: 5,
  }),
} as const satisfies Record<string, MedicineTerm>;

const FORM_LABELS: Record<Dose['form'], { one: Labels; many: Labels }> = {
  tablet: {
    one: { bg: 'таблетка', en: 'tablet', pl: 'tabletka' },
    many: { bg: 'таблетки', en: 'tablets', pl: 'tabletki' },
  },
  capsule: {
    one: { bg: 'капсула', en: 'capsule', pl: 'kapsułka' },
    many: { bg: 'капсули', en: 'capsules', pl: 'kapsułki' },
  },
  inhalation: {
    one: { bg: 'инхалация', en: 'inhalation', pl: 'inhalacja' },
    many: { bg: 'инхалации', en: 'inhalations', pl: 'inhalacje' },
  },
  injection: {
    one: { bg: 'инжекция', en: 'injection', pl: 'wstrzyknięcie' },
    many: { bg: 'инжекции', en: 'injections', pl: 'wstrzyknięcia' },
  },
  drops: {
    one: { bg: 'доза капки', en: 'dose of drops', pl: 'dawka kropli' },
    many: { bg: 'дози капки', en: 'doses of drops', pl: 'dawki kropli' },
  },
};

const UNIT_LABELS: Record<string, Labels> = {
  mg: { bg: 'мг', en: 'mg', pl: 'mg' },
  ug: { bg: 'мкг', en: 'µg', pl: 'µg' },
  '[iU]': { bg: 'IU', en: 'IU', pl: 'j.m.' },
  '{inhalation}': { bg: 'инхалация', en: 'inhalation', pl: 'inhalacja' },
};

/**
 * How to take a medicine, in words: "1 tablet (5 mg) once a day", "as needed", "for 7 days". The
 * patient's screens, the prescription and the summary show it the same way.
 */
export function dosageText(dose: Dose, locale: TermLocale): string {
  const unit = UNIT_LABELS[dose.unit]?.[locale] ?? dose.unit;
  const strength = dose.form === 'inhalation' ? '' : ` (${formatNumber(dose.amount, locale)} ${unit})`;
  const what = `1 ${FORM_LABELS[dose.form].one[locale]}${strength}`;
  const times = timesText(dose.frequency, dose.period, locale);
  const parts = [`${what} ${times}`];
  if (dose.asNeeded) parts.push({ bg: 'при нужда', en: 'as needed', pl: 'w razie potrzeby' }[locale]);
  if (dose.courseDays) {
    parts.push(
      {
        bg: `за ${dose.courseDays} дни`,
        en: `for ${dose.courseDays} days`,
        pl: `przez ${dose.courseDays} dni`,
      }[locale],
    );
  }
  return parts.join(', ');
}

function timesText(frequency: number, period: 'd' | 'wk', locale: TermLocale): string {
  if (period === 'wk') return { bg: 'веднъж седмично', en: 'once a week', pl: 'raz w tygodniu' }[locale];
  if (frequency === 1) return { bg: 'веднъж дневно', en: 'once a day', pl: 'raz dziennie' }[locale];
  if (frequency === 2) return { bg: 'два пъти дневно', en: 'twice a day', pl: 'dwa razy dziennie' }[locale];
  return { bg: `${frequency} пъти дневно`, en: `${frequency} times a day`, pl: `${frequency} razy dziennie` }[
    locale
  ];
}

function formatNumber(value: number, locale: TermLocale): string {
  return locale === 'en' ? String(value) : String(value).replace('.', ',');
}

// ---------------------------------------------------------------------------------------------
// Vaccines (ATC J07) and the Bulgarian immunisation calendar

export interface VaccineTerm extends Term {
  /**
   * The ages (in months) at which the calendar gives a dose; empty for vaccines given on
   * occasion (influenza and COVID-19 for adults).
   */
  scheduleMonths: readonly number[];
  /** Who the calendar gives it to when not everybody (HPV: girls; recommended ones: adults). */
  audience?: 'girls' | 'adults-yearly' | 'adults-booster';
}

function vaccine(
  code: string,
  display: string,
  bg: string,
  en: string,
  pl: string,
  scheduleMonths: readonly number[],
  audience?: VaccineTerm['audience'],
): VaccineTerm {
  return {
    ...term(CodeSystem.atc, code, display, bg, en, pl),
    scheduleMonths,
    ...(audience ? { audience } : {}),
  };
}

/**
 * The mandatory immunisation calendar of Bulgaria (Наредба № 15 за имунизациите) as the
 * generator uses it: ages in months. Td boosters every ten years from 17 are `adults-booster`.
 */
export const VACCINES = {
  bcg: vaccine(
    'J07AN01',
    'tuberculosis, live attenuated',
    'БЦЖ (туберкулоза)',
    'BCG (tuberculosis)',
    'BCG (gruźlica)',
    [0, 84],
  ),
  hepatitisB: vaccine(
    'J07BC01',
    'hepatitis B, purified antigen',
    'Хепатит B',
    'Hepatitis B',
    'WZW typu B',
    [0],
  ),
  hexavalent: vaccine(
    'J07CA09',
    'diphtheria-hemophilus influenzae B-pertussis-poliomyelitis-tetanus-hepatitis B',
    'Шесткомпонентна (дифтерия, тетанус, коклюш, полиомиелит, Hib, хепатит B)',
    'Six-in-one (diphtheria, tetanus, whooping cough, polio, Hib, hepatitis B)',
    'Sześcioskładnikowa (błonica, tężec, krztusiec, polio, Hib, WZW B)',
    [2, 3, 4, 16],
  ),
  pneumococcal: vaccine(
    'J07AL02',
    'pneumococcus, purified polysaccharides antigen conjugated',
    'Пневмококова конюгирана ваксина',
    'Pneumococcal conjugate vaccine',
    'Szczepionka przeciw pneumokokom (skoniugowana)',
    [2, 4, 12],
  ),
  mmr: vaccine(
    'J07BD52',
    'measles, combinations with mumps and rubella, live attenuated',
    'Морбили, паротит, рубеола (МПР)',
    'Measles, mumps and rubella (MMR)',
    'Odra, świnka, różyczka (MMR)',
    [13, 144],
  ),
  dtapIpvBooster: vaccine(
    'J07CA02',
    'diphtheria-pertussis-poliomyelitis-tetanus',
    'Дифтерия, тетанус, коклюш, полиомиелит (реимунизация)',
    'Diphtheria, tetanus, whooping cough and polio (booster)',
    'Błonica, tężec, krztusiec, polio (dawka przypominająca)',
    [72],
  ),
  tdap: vaccine(
    'J07AJ52',
    'pertussis, purified antigen, combinations with toxoids',
    'Тетанус, дифтерия, коклюш (реимунизация)',
    'Tetanus, diphtheria and whooping cough (booster)',
    'Tężec, błonica, krztusiec (dawka przypominająca)',
    [144],
  ),
  td: vaccine(
    'J07AM51',
    'tetanus toxoid, combinations with diphtheria toxoid',
    'Тетанус и дифтерия (Td)',
    'Tetanus and diphtheria (Td)',
    'Tężec i błonica (Td)',
    [204],
    'adults-booster',
  ),
  hpv: vaccine(
    'J07BM01',
    'papillomavirus (human types 6, 11, 16, 18)',
    'Човешки папиломен вирус (HPV)',
    'Human papillomavirus (HPV)',
    'Wirus brodawczaka ludzkiego (HPV)',
    [144, 150],
    'girls',
  ),
  influenza: vaccine(
    'J07BB02',
    'influenza, inactivated, split virus or surface antigen',
    'Грип (сезонна ваксина)',
    'Flu (seasonal vaccine)',
    'Grypa (szczepionka sezonowa)',
    [],
    'adults-yearly',
  ),
  covid19: vaccine(
    'J07BN01',
    'covid-19, RNA-based vaccine',
    'COVID-19 (иРНК ваксина)',
    'COVID-19 (mRNA vaccine)',
    'COVID-19 (szczepionka mRNA)',
    [],
    'adults-yearly',
  ),
} as const satisfies Record<string, VaccineTerm>;

// ---------------------------------------------------------------------------------------------
// Allergies (SNOMED CT substances) and reactions

export type AllergyCategory = 'food' | 'medication' | 'environment' | 'biologic';

export interface AllergenTerm extends Term {
  category: AllergyCategory;
}

function allergen(
  code: string,
  display: string,
  category: AllergyCategory,
  bg: string,
  en: string,
  pl: string,
) {
  return { ...term(CodeSystem.snomed, code, display, bg, en, pl), category } satisfies AllergenTerm;
}

export const ALLERGENS = {
  penicillin: allergen(
    '764146007',
    'Penicillin (substance)',
    'medication',
    'Пеницилин',
    'Penicillin',
    'Penicylina',
  ),
  sulfonamide: allergen(
    '387406002',
    'Sulfonamide (substance)',
    'medication',
    'Сулфонамиди',
    'Sulfonamides (sulfa drugs)',
    'Sulfonamidy',
  ),
  aspirin: allergen(
    '387458008',
    'Aspirin (substance)',
    'medication',
    'Ацетилсалицилова киселина (аспирин)',
    'Aspirin',
    'Kwas acetylosalicylowy (aspiryna)',
  ),
  pollen: allergen('256259004', 'Pollen (substance)', 'environment', 'Полени', 'Pollen', 'Pyłki'),
  grassPollen: allergen(
    '256277009',
    'Grass pollen (substance)',
    'environment',
    'Полени от треви',
    'Grass pollen',
    'Pyłki traw',
  ),
  houseDustMite: allergen(
    '260147004',
    'House dust mite (organism)',
    'environment',
    'Акари от домашен прах',
    'House dust mites',
    'Roztocza kurzu domowego',
  ),
  peanut: allergen(
    '256349002',
    'Peanut - dietary (substance)',
    'food',
    'Фъстъци',
    'Peanuts',
    'Orzeszki ziemne',
  ),
  cowsMilk: allergen(
    '3718001',
    "Cow's milk (substance)",
    'food',
    'Краве мляко',
    "Cow's milk",
    'Mleko krowie',
  ),
  egg: allergen('102263004', 'Eggs (edible) (substance)', 'food', 'Яйца', 'Eggs', 'Jaja'),
  latex: allergen('111088007', 'Latex (substance)', 'environment', 'Латекс', 'Latex', 'Lateks'),
  beeVenom: allergen(
    '288328004',
    'Bee venom (substance)',
    'environment',
    'Пчелна отрова',
    'Bee stings',
    'Jad pszczeli',
  ),
} as const satisfies Record<string, AllergenTerm>;

const snomed = (code: string, display: string, bg: string, en: string, pl: string) =>
  term(CodeSystem.snomed, code, display, bg, en, pl);

export const REACTIONS = {
  rash: snomed('271807003', 'Eruption of skin (disorder)', 'Обрив', 'Skin rash', 'Wysypka'),
  urticaria: snomed('126485001', 'Urticaria (disorder)', 'Уртикария (копривна треска)', 'Hives', 'Pokrzywka'),
  anaphylaxis: snomed(
    '39579001',
    'Anaphylaxis (disorder)',
    'Анафилактичен шок',
    'Anaphylaxis',
    'Wstrząs anafilaktyczny',
  ),
  angioedema: snomed(
    '41291007',
    'Angioedema (disorder)',
    'Ангиоедем (оток)',
    'Swelling (angioedema)',
    'Obrzęk naczynioruchowy',
  ),
  sneezing: snomed('76067001', 'Sneezing (finding)', 'Кихане и хрема', 'Sneezing', 'Kichanie'),
  dyspnoea: snomed('267036007', 'Dyspnea (finding)', 'Задух', 'Shortness of breath', 'Duszność'),
  itching: snomed('418290006', 'Itching (finding)', 'Сърбеж', 'Itching', 'Świąd'),
} as const satisfies Record<string, Term>;

// ---------------------------------------------------------------------------------------------
// Procedures (SNOMED CT)

export const PROCEDURES = {
  appendectomy: snomed(
    '80146002',
    'Appendectomy (procedure)',
    'Апендектомия',
    'Removal of the appendix',
    'Appendektomia',
  ),
  pci: snomed(
    '415070008',
    'Percutaneous coronary intervention (procedure)',
    'Перкутанна коронарна интервенция (стент)',
    'Coronary stent (percutaneous coronary intervention)',
    'Przezskórna interwencja wieńcowa (stent)',
  ),
  hipReplacement: snomed(
    '52734007',
    'Total replacement of hip (procedure)',
    'Тотално ендопротезиране на тазобедрена става',
    'Hip replacement',
    'Endoprotezoplastyka stawu biodrowego',
  ),
  kneeReplacement: snomed(
    '609588000',
    'Total knee replacement (procedure)',
    'Тотално ендопротезиране на колянна става',
    'Knee replacement',
    'Endoprotezoplastyka stawu kolanowego',
  ),
  cholecystectomy: snomed(
    '38102005',
    'Cholecystectomy (procedure)',
    'Холецистектомия',
    'Gallbladder removal',
    'Cholecystektomia',
  ),
  colonoscopy: snomed('73761001', 'Colonoscopy (procedure)', 'Колоноскопия', 'Colonoscopy', 'Kolonoskopia'),
  echocardiography: snomed(
    '40701008',
    'Echocardiography (procedure)',
    'Ехокардиография',
    'Heart ultrasound (echocardiography)',
    'Echokardiografia',
  ),
  ecg: snomed(
    '29303009',
    'Electrocardiographic procedure (procedure)',
    'Електрокардиограма (ЕКГ)',
    'ECG',
    'Elektrokardiogram (EKG)',
  ),
  chestXray: snomed(
    '399208008',
    'Plain X-ray of chest (procedure)',
    'Рентгенография на гръден кош',
    'Chest X-ray',
    'RTG klatki piersiowej',
  ),
  abdominalUltrasound: snomed(
    '45036003',
    'Ultrasonography of abdomen (procedure)',
    'Ехография на корем',
    'Abdominal ultrasound',
    'USG jamy brzusznej',
  ),
  ctHead: snomed(
    '303653007',
    'Computed tomography of head (procedure)',
    'Компютърна томография на глава',
    'Head CT scan',
    'Tomografia komputerowa głowy',
  ),
} as const satisfies Record<string, Term>;

// ---------------------------------------------------------------------------------------------
// Encounters, categories, statuses

export const ENCOUNTER_CLASSES = {
  ambulatory: term(
    CodeSystem.actCode,
    'AMB',
    'ambulatory',
    'Амбулаторен преглед',
    'Outpatient visit',
    'Wizyta ambulatoryjna',
  ),
  inpatient: term(
    CodeSystem.actCode,
    'IMP',
    'inpatient encounter',
    'Болничен престой',
    'Hospital stay',
    'Pobyt w szpitalu',
  ),
  emergency: term(CodeSystem.actCode, 'EMER', 'emergency', 'Спешна помощ', 'Emergency care', 'Pomoc doraźna'),
  virtual: term(
    CodeSystem.actCode,
    'VR',
    'virtual',
    'Дистанционна консултация',
    'Remote consultation',
    'Teleporada',
  ),
  home: term(CodeSystem.actCode, 'HH', 'home health', 'Домашно посещение', 'Home visit', 'Wizyta domowa'),
} as const satisfies Record<string, Term>;

export const ENCOUNTER_TYPES = {
  checkUp: snomed(
    '185349003',
    'Encounter for check up (procedure)',
    'Профилактичен преглед',
    'Check-up',
    'Badanie kontrolne',
  ),
  consultation: snomed('11429006', 'Consultation (procedure)', 'Консултация', 'Consultation', 'Konsultacja'),
  followUp: snomed(
    '390906007',
    'Follow-up encounter (procedure)',
    'Контролен преглед',
    'Follow-up visit',
    'Wizyta kontrolna',
  ),
  symptom: snomed(
    '185345009',
    'Encounter for symptom (procedure)',
    'Преглед по повод оплакване',
    'Visit for a complaint',
    'Wizyta z powodu dolegliwości',
  ),
  admission: snomed(
    '32485007',
    'Hospital admission (procedure)',
    'Хоспитализация',
    'Hospital admission',
    'Przyjęcie do szpitala',
  ),
  wellChild: snomed(
    '410620009',
    'Well child visit (procedure)',
    'Детска консултация',
    'Child health check',
    'Bilans zdrowia dziecka',
  ),
  immunization: snomed(
    '33879002',
    'Administration of vaccine to produce active immunity (procedure)',
    'Имунизация',
    'Vaccination',
    'Szczepienie',
  ),
} as const satisfies Record<string, Term>;

export const DOCUMENT_TYPES = {
  dischargeSummary: term(
    CodeSystem.loinc,
    '18842-5',
    'Discharge summary',
    'Епикриза',
    'Discharge letter',
    'Karta informacyjna leczenia szpitalnego',
  ),
  referral: term(CodeSystem.loinc, '57133-1', 'Referral note', 'Направление', 'Referral', 'Skierowanie'),
  consultNote: term(
    CodeSystem.loinc,
    '11488-4',
    'Consult note',
    'Консултация от специалист',
    'Specialist consultation note',
    'Konsultacja specjalistyczna',
  ),
  patientSummary: term(
    CodeSystem.loinc,
    '60591-5',
    'Patient summary Document',
    'Пациентско резюме',
    'Patient summary',
    'Podsumowanie pacjenta',
  ),
  labReport: term(
    CodeSystem.loinc,
    '11502-2',
    'Laboratory report',
    'Лабораторен резултат',
    'Laboratory report',
    'Wynik badania laboratoryjnego',
  ),
  prescription: term(
    CodeSystem.loinc,
    '57833-6',
    'Prescription for medication',
    'Рецепта',
    'Prescription',
    'Recepta',
  ),
} as const satisfies Record<string, Term>;

/** The sections of the International Patient Summary (LOINC), for its composition and PDF. */
export const IPS_SECTIONS = {
  problems: term(
    CodeSystem.loinc,
    '11450-4',
    'Problem list - Reported',
    'Заболявания',
    'Health problems',
    'Problemy zdrowotne',
  ),
  medications: term(
    CodeSystem.loinc,
    '10160-0',
    'History of Medication use Narrative',
    'Лекарства',
    'Medicines',
    'Leki',
  ),
  allergies: term(
    CodeSystem.loinc,
    '48765-2',
    'Allergies and adverse reactions Document',
    'Алергии',
    'Allergies',
    'Alergie',
  ),
  immunizations: term(
    CodeSystem.loinc,
    '11369-6',
    'History of Immunization Narrative',
    'Имунизации',
    'Vaccinations',
    'Szczepienia',
  ),
  results: term(
    CodeSystem.loinc,
    '30954-2',
    'Relevant diagnostic tests/laboratory data Narrative',
    'Изследвания',
    'Test results',
    'Wyniki badań',
  ),
  procedures: term(
    CodeSystem.loinc,
    '47519-4',
    'History of Procedures Document',
    'Процедури и операции',
    'Procedures and operations',
    'Procedury i operacje',
  ),
  vitalSigns: term(
    CodeSystem.loinc,
    '8716-3',
    'Vital signs',
    'Жизнени показатели',
    'Vital signs',
    'Parametry życiowe',
  ),
} as const satisfies Record<string, Term>;

export const OBSERVATION_CATEGORIES = {
  laboratory: term(
    CodeSystem.observationCategory,
    'laboratory',
    'Laboratory',
    'Лабораторни изследвания',
    'Laboratory tests',
    'Badania laboratoryjne',
  ),
  vitalSigns: term(
    CodeSystem.observationCategory,
    'vital-signs',
    'Vital Signs',
    'Жизнени показатели',
    'Vital signs',
    'Parametry życiowe',
  ),
  exam: term(CodeSystem.observationCategory, 'exam', 'Exam', 'Преглед', 'Examination', 'Badanie fizykalne'),
  socialHistory: term(
    CodeSystem.observationCategory,
    'social-history',
    'Social History',
    'Начин на живот',
    'Lifestyle',
    'Styl życia',
  ),
} as const satisfies Record<string, Term>;

export const INTERPRETATIONS = {
  L: term(CodeSystem.observationInterpretation, 'L', 'Low', 'Под нормата', 'Below normal', 'Poniżej normy'),
  N: term(CodeSystem.observationInterpretation, 'N', 'Normal', 'В норма', 'Normal', 'W normie'),
  H: term(CodeSystem.observationInterpretation, 'H', 'High', 'Над нормата', 'Above normal', 'Powyżej normy'),
} as const satisfies Record<InterpretationCode, Term>;

export const DIAGNOSTIC_SECTIONS = {
  laboratory: term(
    CodeSystem.diagnosticServiceSection,
    'LAB',
    'Laboratory',
    'Лаборатория',
    'Laboratory',
    'Laboratorium',
  ),
  radiology: term(
    CodeSystem.diagnosticServiceSection,
    'RAD',
    'Radiology',
    'Образна диагностика',
    'Imaging',
    'Diagnostyka obrazowa',
  ),
} as const satisfies Record<string, Term>;

export const CONDITION_CATEGORIES = {
  problemListItem: term(
    CodeSystem.conditionCategory,
    'problem-list-item',
    'Problem List Item',
    'Хронично заболяване',
    'Long-term condition',
    'Choroba przewlekła',
  ),
  encounterDiagnosis: term(
    CodeSystem.conditionCategory,
    'encounter-diagnosis',
    'Encounter Diagnosis',
    'Диагноза при преглед',
    'Diagnosis at a visit',
    'Rozpoznanie podczas wizyty',
  ),
} as const satisfies Record<string, Term>;

export const CONDITION_CLINICAL_STATUSES = {
  active: term(CodeSystem.conditionClinical, 'active', 'Active', 'Активно', 'Active', 'Aktywne'),
  remission: term(
    CodeSystem.conditionClinical,
    'remission',
    'Remission',
    'В ремисия',
    'In remission',
    'Remisja',
  ),
  resolved: term(CodeSystem.conditionClinical, 'resolved', 'Resolved', 'Отзвучало', 'Resolved', 'Ustąpiło'),
  inactive: term(CodeSystem.conditionClinical, 'inactive', 'Inactive', 'Неактивно', 'Inactive', 'Nieaktywne'),
} as const satisfies Record<string, Term>;

export const CONDITION_VERIFICATION_STATUSES = {
  confirmed: term(
    CodeSystem.conditionVerification,
    'confirmed',
    'Confirmed',
    'Потвърдено',
    'Confirmed',
    'Potwierdzone',
  ),
  provisional: term(
    CodeSystem.conditionVerification,
    'provisional',
    'Provisional',
    'Предварително',
    'Provisional',
    'Wstępne',
  ),
} as const satisfies Record<string, Term>;

export const ALLERGY_CLINICAL_STATUSES = {
  active: term(CodeSystem.allergyClinical, 'active', 'Active', 'Активна', 'Active', 'Aktywna'),
  resolved: term(CodeSystem.allergyClinical, 'resolved', 'Resolved', 'Отзвучала', 'Resolved', 'Ustąpiła'),
} as const satisfies Record<string, Term>;

export const ALLERGY_VERIFICATION_STATUSES = {
  confirmed: term(
    CodeSystem.allergyVerification,
    'confirmed',
    'Confirmed',
    'Потвърдена',
    'Confirmed',
    'Potwierdzona',
  ),
  unconfirmed: term(
    CodeSystem.allergyVerification,
    'unconfirmed',
    'Unconfirmed',
    'Непотвърдена',
    'Unconfirmed',
    'Niepotwierdzona',
  ),
} as const satisfies Record<string, Term>;

// ---------------------------------------------------------------------------------------------
// Organisations and practitioners

export const ORGANIZATION_TYPES = {
  provider: term(
    CodeSystem.organizationType,
    'prov',
    'Healthcare Provider',
    'Лечебно заведение',
    'Healthcare provider',
    'Podmiot leczniczy',
  ),
} as const satisfies Record<string, Term>;

/** What kind of place an organisation is (SNOMED CT environments). */
export const SETTINGS = {
  gpPractice: snomed(
    '394761003',
    'General practitioner practice site (environment)',
    'Практика на личен лекар',
    'GP practice',
    'Praktyka lekarza rodzinnego',
  ),
  hospital: snomed('22232009', 'Hospital (environment)', 'Болница', 'Hospital', 'Szpital'),
  pharmacy: snomed('264372000', 'Pharmacy (environment)', 'Аптека', 'Pharmacy', 'Apteka'),
} as const satisfies Record<string, Term>;

export const PRACTITIONER_ROLES = {
  doctor: term(CodeSystem.practitionerRole, 'doctor', 'Doctor', 'Лекар', 'Doctor', 'Lekarz'),
  pharmacist: term(
    CodeSystem.practitionerRole,
    'pharmacist',
    'Pharmacist',
    'Фармацевт',
    'Pharmacist',
    'Farmaceuta',
  ),
  nurse: term(CodeSystem.practitionerRole, 'nurse', 'Nurse', 'Медицинска сестра', 'Nurse', 'Pielęgniarka'),
} as const satisfies Record<string, Term>;

/** Practitioner specialties (SNOMED CT practice codes, the FHIR example binding). */
export const SPECIALTIES = {
  generalPractice: snomed(
    '394814009',
    'General practice (specialty) (qualifier value)',
    'Обща медицина (личен лекар)',
    'General practice (GP)',
    'Medycyna rodzinna',
  ),
  cardiology: snomed('394579002', 'Cardiology (qualifier value)', 'Кардиология', 'Cardiology', 'Kardiologia'),
  endocrinology: snomed(
    '394583002',
    'Endocrinology (qualifier value)',
    'Ендокринология',
    'Endocrinology',
    'Endokrynologia',
  ),
  paediatrics: snomed(
    '394537008',
    'Pediatric specialty (qualifier value)',
    'Педиатрия',
    'Paediatrics',
    'Pediatria',
  ),
  pulmonology: snomed(
    '418112009',
    'Pulmonary medicine (qualifier value)',
    'Пневмология',
    'Lung medicine (pulmonology)',
    'Pulmonologia',
  ),
  neurology: snomed('394591006', 'Neurology (qualifier value)', 'Неврология', 'Neurology', 'Neurologia'),
  nephrology: snomed(
    '394589003',
    'Nephrology (qualifier value)',
    'Нефрология',
    'Kidney medicine (nephrology)',
    'Nefrologia',
  ),
  psychiatry: snomed('394587001', 'Psychiatry (qualifier value)', 'Психиатрия', 'Psychiatry', 'Psychiatria'),
  orthopaedics: snomed(
    '394801008',
    'Trauma & orthopedics (qualifier value)',
    'Ортопедия и травматология',
    'Orthopaedics and trauma',
    'Ortopedia i traumatologia',
  ),
  gastroenterology: snomed(
    '394584008',
    'Gastroenterology (qualifier value)',
    'Гастроентерология',
    'Gastroenterology',
    'Gastroenterologia',
  ),
  generalSurgery: snomed(
    '394609007',
    'General surgery (qualifier value)',
    'Обща хирургия',
    'General surgery',
    'Chirurgia ogólna',
  ),
  internalMedicine: snomed(
    '394802001',
    'General medicine (qualifier value)',
    'Вътрешни болести',
    'Internal medicine',
    'Choroby wewnętrzne',
  ),
  rheumatology: snomed(
    '394810000',
    'Rheumatology (qualifier value)',
    'Ревматология',
    'Rheumatology',
    'Reumatologia',
  ),
  dermatology: snomed(
    '394582007',
    'Dermatology (qualifier value)',
    'Дерматология',
    'Dermatology',
    'Dermatologia',
  ),
} as const satisfies Record<string, Term>;

/** What a ServiceRequest is (its `category`): a referral to a specialist (SNOMED CT). */
export const SERVICE_REQUEST_CATEGORIES = {
  referral: snomed('3457005', 'Patient referral', 'Направление', 'Referral', 'Skierowanie'),
} as const satisfies Record<string, Term>;

// ---------------------------------------------------------------------------------------------
// Lookup

/** Every term above, once (the same system and code listed twice is one term). */
export const ALL_TERMS: readonly Term[] = dedupe([
  ...Object.values(CONDITIONS),
  ...Object.values(LABS),
  ...Object.values(VITALS),
  ...Object.values(PANELS),
  ...Object.values(MEDICINES),
  ...Object.values(VACCINES),
  ...Object.values(ALLERGENS),
  ...Object.values(REACTIONS),
  ...Object.values(PROCEDURES),
  ...Object.values(ENCOUNTER_CLASSES),
  ...Object.values(ENCOUNTER_TYPES),
  ...Object.values(DOCUMENT_TYPES),
  ...Object.values(IPS_SECTIONS),
  ...Object.values(OBSERVATION_CATEGORIES),
  ...Object.values(INTERPRETATIONS),
  ...Object.values(DIAGNOSTIC_SECTIONS),
  ...Object.values(CONDITION_CATEGORIES),
  ...Object.values(CONDITION_CLINICAL_STATUSES),
  ...Object.values(CONDITION_VERIFICATION_STATUSES),
  ...Object.values(ALLERGY_CLINICAL_STATUSES),
  ...Object.values(ALLERGY_VERIFICATION_STATUSES),
  ...Object.values(ORGANIZATION_TYPES),
  ...Object.values(SETTINGS),
  ...Object.values(PRACTITIONER_ROLES),
  ...Object.values(SPECIALTIES),
  ...Object.values(SERVICE_REQUEST_CATEGORIES),
]);

function dedupe(terms: readonly Term[]): Term[] {
  const seen = new Set<string>();
  return terms.filter((t) => {
    const key = `${t.system}|${t.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const BY_KEY = new Map<string, Term>(ALL_TERMS.map((t) => [`${t.system}|${t.code}`, t]));

/** The term of a code, or undefined when the platform does not know it. */
export function termOf(system: string | undefined, code: string | undefined): Term | undefined {
  if (!system || !code) return undefined;
  return BY_KEY.get(`${system}|${code}`);
}

const UNKNOWN_TERM: Labels = { bg: 'Некодиран запис', en: 'Uncoded entry', pl: 'Wpis bez kodu' };

/**
 * A code's label for people. An unknown code shows the given fallback (a coding's `display` or
 * a CodeableConcept's `text`) or a neutral phrase: never the raw code.
 */
export function termLabel(
  system: string | undefined,
  code: string | undefined,
  locale: TermLocale,
  fallback?: string,
): string {
  return termOf(system, code)?.labels[locale] ?? fallback ?? UNKNOWN_TERM[locale];
}

/** The shape of a FHIR CodeableConcept, as much as the label needs. */
export interface ConceptLike {
  coding?: ReadonlyArray<{ system?: string; code?: string; display?: string }>;
  text?: string;
}

/** The label of a CodeableConcept: the first coding the platform knows, else its text or display. */
export function conceptLabel(concept: ConceptLike | undefined, locale: TermLocale): string {
  for (const coding of concept?.coding ?? []) {
    const known = termOf(coding.system, coding.code);
    if (known) return known.labels[locale];
  }
  return concept?.text ?? concept?.coding?.find((c) => c.display)?.display ?? UNKNOWN_TERM[locale];
}

/** The FHIR Coding of a term (system, code and the official display). */
export function codingOf(t: Term): { system: string; code: string; display: string } {
  return { system: t.system, code: t.code, display: t.display };
}

/** A FHIR CodeableConcept of a term: its coding, and the English label as text. */
export function conceptOf(t: Term): {
  coding: Array<{ system: string; code: string; display: string }>;
  text: string;
} {
  return { coding: [codingOf(t)], text: t.labels.en };
}
