/**
 * The registers' codes in words, for the PDF report in each of its languages. The web app names the
 * same codes in its locale files; a test checks that both name every code in every language.
 */
import type { ReportRegister } from '@civitas/contracts/api/vehicle-report.ts';
import type { Offence } from '@civitas/contracts/registers/fines.ts';
import type { InspectionResult } from '@civitas/contracts/registers/inspections.ts';
import type { BodyType, Colour, Fuel, VehicleCategory } from '@civitas/contracts/registers/vehicles.ts';

export const PDF_LANGUAGES = ['bg', 'en', 'pl'] as const;
export type PdfLanguage = (typeof PDF_LANGUAGES)[number];

// The web imported the list from here before it moved to the contracts; it stays re-exported until
// the web imports it from '@civitas/contracts/api/vehicle-report.ts'.
export { REPORT_REGISTERS, type ReportRegister } from '@civitas/contracts/api/vehicle-report.ts';

export interface CodeLabels {
  fuels: Record<Fuel, string>;
  bodies: Record<BodyType, string>;
  colours: Record<Colour, string>;
  categories: Record<VehicleCategory, string>;
  offences: Record<Offence, string>;
  inspectionResults: Record<InspectionResult, string>;
  registers: Record<ReportRegister, string>;
}

/** A code's words, or the code itself for one the labels do not know yet (a newer register). */
export function nameOf<K extends string>(labels: Readonly<Record<K, string>>, code: string): string {
  return Object.hasOwn(labels, code) ? labels[code as K] : code;
}

const bg: CodeLabels = {
  fuels: {
    petrol: 'бензин',
    diesel: 'дизел',
    lpg: 'пропан-бутан',
    cng: 'метан',
    hybrid: 'хибрид',
    electric: 'електричество',
  },
  bodies: {
    hatchback: 'хечбек',
    estate: 'комби',
    saloon: 'седан',
    suv: 'джип',
    mpv: 'миниван',
    van: 'товарен фургон',
    motorcycle: 'мотоциклет',
  },
  colours: {
    grey: 'сив',
    black: 'черен',
    white: 'бял',
    silver: 'сребрист',
    blue: 'син',
    red: 'червен',
    'dark-blue': 'тъмносин',
    green: 'зелен',
    burgundy: 'бордо',
    brown: 'кафяв',
    beige: 'бежов',
    yellow: 'жълт',
    orange: 'оранжев',
  },
  categories: {
    M1: 'лек автомобил (M1)',
    N1: 'лекотоварен автомобил (N1)',
    L3: 'мотоциклет (L3)',
  },
  offences: {
    'speeding-11-20': 'Превишаване на разрешената скорост с 11–20 км/ч',
    'speeding-21-30': 'Превишаване на разрешената скорост с 21–30 км/ч',
    'speeding-over-30': 'Превишаване на разрешената скорост с над 30 км/ч',
    'improper-parking': 'Неправилно паркиране',
    'no-seat-belt': 'Управление без поставен обезопасителен колан',
    'mobile-phone': 'Използване на мобилен телефон по време на управление',
    'red-light': 'Преминаване на червен сигнал на светофара',
    'right-of-way': 'Неспазване на предимство',
    'no-mtpl-insurance': 'Управление без сключена застраховка „Гражданска отговорност“',
    'no-technical-inspection': 'Управление без преминат технически преглед',
  },
  inspectionResults: { passed: 'преминат', failed: 'непреминат' },
  registers: {
    'vehicle-register': 'Регистър на моторните превозни средства (МВР)',
    inspections: 'Регистър на техническите прегледи (ИААА)',
    'mtpl-insurance': 'Информационен център (Гаранционен фонд)',
    'traffic-fines': 'Регистър на глобите (МВР)',
    'local-taxes': 'Местни данъци и такси (община)',
  },
};

const en: CodeLabels = {
  fuels: {
    petrol: 'petrol',
    diesel: 'diesel',
    lpg: 'LPG',
    cng: 'CNG',
    hybrid: 'hybrid',
    electric: 'electric',
  },
  bodies: {
    hatchback: 'hatchback',
    estate: 'estate',
    saloon: 'saloon',
    suv: 'SUV',
    mpv: 'MPV',
    van: 'van',
    motorcycle: 'motorcycle',
  },
  colours: {
    grey: 'grey',
    black: 'black',
    white: 'white',
    silver: 'silver',
    blue: 'blue',
    red: 'red',
    'dark-blue': 'dark blue',
    green: 'green',
    burgundy: 'burgundy',
    brown: 'brown',
    beige: 'beige',
    yellow: 'yellow',
    orange: 'orange',
  },
  categories: {
    M1: 'passenger car (M1)',
    N1: 'light goods vehicle (N1)',
    L3: 'motorcycle (L3)',
  },
  offences: {
    'speeding-11-20': 'Speeding by 11–20 km/h',
    'speeding-21-30': 'Speeding by 21–30 km/h',
    'speeding-over-30': 'Speeding by more than 30 km/h',
    'improper-parking': 'Improper parking',
    'no-seat-belt': 'Driving without a seat belt',
    'mobile-phone': 'Using a mobile phone while driving',
    'red-light': 'Driving through a red light',
    'right-of-way': 'Failure to give way',
    'no-mtpl-insurance': 'Driving without third-party liability insurance',
    'no-technical-inspection': 'Driving without a valid technical inspection',
  },
  inspectionResults: { passed: 'passed', failed: 'failed' },
  registers: {
    'vehicle-register': 'Vehicle register (Ministry of Interior)',
    inspections: 'Technical inspections register (Road Transport Administration)',
    'mtpl-insurance': 'Insurance information centre (Guarantee Fund)',
    'traffic-fines': 'Traffic fines register (Ministry of Interior)',
    'local-taxes': 'Local taxes (municipality)',
  },
};

const pl: CodeLabels = {
  fuels: {
    petrol: 'benzyna',
    diesel: 'olej napędowy',
    lpg: 'LPG',
    cng: 'CNG',
    hybrid: 'hybryda',
    electric: 'elektryczny',
  },
  bodies: {
    hatchback: 'hatchback',
    estate: 'kombi',
    saloon: 'sedan',
    suv: 'SUV',
    mpv: 'minivan',
    van: 'furgon',
    motorcycle: 'motocykl',
  },
  colours: {
    grey: 'szary',
    black: 'czarny',
    white: 'biały',
    silver: 'srebrny',
    blue: 'niebieski',
    red: 'czerwony',
    'dark-blue': 'granatowy',
    green: 'zielony',
    burgundy: 'bordowy',
    brown: 'brązowy',
    beige: 'beżowy',
    yellow: 'żółty',
    orange: 'pomarańczowy',
  },
  categories: {
    M1: 'samochód osobowy (M1)',
    N1: 'samochód dostawczy (N1)',
    L3: 'motocykl (L3)',
  },
  offences: {
    'speeding-11-20': 'Przekroczenie dozwolonej prędkości o 11–20 km/h',
    'speeding-21-30': 'Przekroczenie dozwolonej prędkości o 21–30 km/h',
    'speeding-over-30': 'Przekroczenie dozwolonej prędkości o ponad 30 km/h',
    'improper-parking': 'Nieprawidłowe parkowanie',
    'no-seat-belt': 'Jazda bez zapiętych pasów bezpieczeństwa',
    'mobile-phone': 'Korzystanie z telefonu komórkowego podczas jazdy',
    'red-light': 'Przejazd na czerwonym świetle',
    'right-of-way': 'Nieustąpienie pierwszeństwa przejazdu',
    'no-mtpl-insurance': 'Jazda bez ubezpieczenia OC',
    'no-technical-inspection': 'Jazda bez ważnego badania technicznego',
  },
  inspectionResults: { passed: 'pozytywny', failed: 'negatywny' },
  registers: {
    'vehicle-register': 'Rejestr pojazdów (Ministerstwo Spraw Wewnętrznych)',
    inspections: 'Rejestr badań technicznych (Agencja Transportu Drogowego)',
    'mtpl-insurance': 'Ośrodek informacji ubezpieczeniowej (Fundusz Gwarancyjny)',
    'traffic-fines': 'Rejestr mandatów drogowych (Ministerstwo Spraw Wewnętrznych)',
    'local-taxes': 'Podatki lokalne (gmina)',
  },
};

export const CODE_LABELS: Readonly<Record<PdfLanguage, CodeLabels>> = { bg, en, pl };
