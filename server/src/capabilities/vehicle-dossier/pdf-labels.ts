/**
 * The words of the PDF report in Bulgarian, English and Polish, and how each language writes dates,
 * numbers and money. Formatting is done by hand, not with Intl, so that a PDF's bytes do not depend on
 * the ICU data of the Node build that rendered it. The registers' codes are named in `pdf-code-labels.ts`.
 */

import type { ReportBody, SourceKey, Viewer } from '@civitas/contracts/api/vehicle-report.ts';
import { transliterate } from '@civitas/contracts/text/translit.ts';
import { CODE_LABELS, type CodeLabels, type PdfLanguage } from './pdf-code-labels.ts';

export { PDF_LANGUAGES, type PdfLanguage } from './pdf-code-labels.ts';

type Verdict = NonNullable<ReportBody['odometer']>['verdict'];
type RegistrationStatus = NonNullable<ReportBody['registration']>['status'];
type RegistrationEventName = NonNullable<ReportBody['registration']>['timeline'][number]['event'];
type SourceStatus = ReportBody['sources'][number]['status'];

/** Label functions take dates and numbers already formatted. */
export interface PdfLabels {
  /** The registers' codes (fuel, body, colour, offence ...) in words. */
  codes: CodeLabels;
  /**
   * Whether to print a missing register's own explanation, which the exchange writes in English:
   * in another language the report says only that the register did not answer.
   */
  registerErrors: boolean;
  /**
   * A Bulgarian proper name from a register (inspection station, insurer, municipality): as written
   * for Bulgarian, transliterated (Transliteration Act) for languages written in Latin script.
   */
  properName: (name: string) => string;
  title: string;
  reference: string;
  issuedAt: string;
  issuer: string;
  viewer: string;
  viewers: Record<Viewer, string>;
  checkAt: (url: string) => string;
  signedNote: (issuer: string, kid: string) => string;
  partialTitle: string;
  partialText: string;
  stolenBanner: (since: string | null) => string;
  notAvailable: string;
  yes: string;
  no: string;
  sections: {
    technical: string;
    registration: string;
    theft: string;
    deregistration: string;
    inspections: string;
    odometer: string;
    insurance: string;
    fines: string;
    tax: string;
    sources: string;
  };
  technical: {
    vin: string;
    make: string;
    model: string;
    category: string;
    body: string;
    fuel: string;
    engine: string;
    power: string;
    mass: string;
    colour: string;
    modelYear: string;
  };
  units: { km: string; cc: string; kw: string; kg: string; kmPerYear: string };
  registration: {
    status: string;
    statuses: Record<RegistrationStatus, string>;
    plate: string;
    firstRegistration: string;
    ownersCount: string;
    currentOwner: string;
    timeline: string;
    events: Record<RegistrationEventName, string>;
    ownerKinds: Record<'person' | 'company', string>;
    columns: [string, string, string, string];
  };
  theft: { notStolen: string; stolen: (since: string | null) => string };
  deregistration: {
    registered: string;
    deregistered: (date: string | null) => string;
    scrapped: (date: string | null) => string;
    earlier: (dates: string) => string;
  };
  inspections: {
    columns: [string, string, string, string];
    nextDue: string;
    none: string;
  };
  odometer: {
    verdicts: Record<Verdict, string>;
    lastReading: string;
    average: string;
    readings: string;
    rollbacks: string;
    rollbackColumns: [string, string, string];
    implausible: string;
    implausibleColumns: [string, string];
    futureReading: string;
    rate: (kmPerYear: string) => string;
    more: (count: number) => string;
    legendReading: string;
    legendRollback: string;
  };
  insurance: { insured: string; insurer: string; endsOn: string; policies: string };
  fines: { unpaid: string; columns: [string, string, string, string, string]; none: string };
  tax: { unpaidYears: string; unpaidAmount: string; columns: [string, string, string, string]; none: string };
  sources: {
    columns: [string, string, string, string];
    statuses: Record<SourceStatus, string>;
    keys: Record<SourceKey, string>;
  };
  footer: (reference: string, page: number, pages: number) => string;
  formatDate: (iso: string) => string;
  formatDateTime: (iso: string) => string;
  formatNumber: (value: number) => string;
  formatMoney: (cents: number) => string;
}

/** 1234567 → "1" + separator + "234" + separator + "567". */
function grouped(value: number, separator: string): string {
  const sign = value < 0 ? '-' : '';
  return sign + String(Math.abs(Math.round(value))).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/** Euro cents as euros with two decimals: 512345 → "5,123.45" (separators per language). */
function euros(cents: number, thousands: string, decimal: string): string {
  const whole = grouped(Math.floor(Math.abs(cents) / 100), thousands);
  return `${cents < 0 ? '-' : ''}${whole}${decimal}${String(Math.abs(cents) % 100).padStart(2, '0')}`;
}

/** "2026-11-20T09:30:00.000Z" → "2026-11-20", "09:30" (the report's own UTC time). */
function dateAndTime(iso: string): [string, string] {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return [iso, ''];
  const text = instant.toISOString();
  return [text.slice(0, 10), text.slice(11, 16)];
}

const NBSP = '\u00a0';

/** Day.month.year, as Bulgarian and Polish write dates: 07.03.2026. */
const DOTTED_DATE = (iso: string): string => {
  const [year, month, day] = iso.split('-');
  return day && month && year ? `${day}.${month}.${year}` : iso;
};

const bg: PdfLabels = {
  codes: CODE_LABELS.bg,
  registerErrors: false,
  properName: (name) => name,
  title: 'Справка за история на превозно средство',
  reference: 'Номер на справката',
  issuedAt: 'Издадена на',
  issuer: 'Издадена от',
  viewer: 'Изготвена за',
  viewers: {
    public: 'всеки (публична справка)',
    owner: 'собственика',
    official: 'длъжностно лице',
    police: 'полицията',
  },
  checkAt: (url) => `Проверете тази справка на ${url}`,
  signedNote: (issuer, kid) =>
    `Справката е подписана електронно от ${issuer}. Подписаните данни са приложени към този PDF като report.json (подпис ES256, ключ ${kid}).`,
  partialTitle: 'Непълна справка',
  partialText: 'Някои регистри не отговориха и справката не съдържа техните данни:',
  stolenBanner: (since) => `ОБЯВЕНО ЗА ИЗДИРВАНЕ КАТО ОТКРАДНАТО${since ? ` от ${since}` : ''}`,
  notAvailable: 'Няма данни: регистърът не отговори.',
  yes: 'да',
  no: 'не',
  sections: {
    technical: 'Технически данни',
    registration: 'Регистрация',
    theft: 'Издирване',
    deregistration: 'Прекратяване на регистрацията и бракуване',
    inspections: 'Периодични технически прегледи',
    odometer: 'Километраж',
    insurance: 'Застраховка „Гражданска отговорност“',
    fines: 'Глоби',
    tax: 'Данък върху превозното средство',
    sources: 'Източници на данните',
  },
  technical: {
    vin: 'Идентификационен номер (VIN)',
    make: 'Марка',
    model: 'Модел',
    category: 'Категория',
    body: 'Каросерия',
    fuel: 'Гориво',
    engine: 'Работен обем',
    power: 'Мощност',
    mass: 'Маса',
    colour: 'Цвят',
    modelYear: 'Година на производство',
  },
  units: { km: 'км', cc: 'см³', kw: 'kW', kg: 'кг', kmPerYear: 'км/год.' },
  registration: {
    status: 'Състояние',
    statuses: { registered: 'регистрирано', deregistered: 'с прекратена регистрация', scrapped: 'бракувано' },
    plate: 'Регистрационен номер',
    firstRegistration: 'Първа регистрация',
    ownersCount: 'Брой собственици',
    currentOwner: 'Настоящ собственик',
    timeline: 'История на регистрацията',
    events: {
      first_registration: 'първа регистрация',
      import_registration: 'регистрация в България след внос',
      change_of_owner: 'смяна на собственика',
      change_of_plate: 'смяна на номера',
      deregistration: 'прекратяване на регистрацията',
    },
    ownerKinds: { person: 'физическо лице', company: 'юридическо лице' },
    columns: ['Дата', 'Събитие', 'Рег. номер', 'Собственик'],
  },
  theft: {
    notStolen: 'Превозното средство не е обявено за издирване.',
    stolen: (since) =>
      `Превозното средство е обявено за издирване като откраднато${since ? ` от ${since}` : ''}.`,
  },
  deregistration: {
    registered: 'Превозното средство е регистрирано; не е бракувано.',
    deregistered: (date) => `Регистрацията е прекратена${date ? ` на ${date}` : ''}.`,
    scrapped: (date) =>
      `Превозното средство е бракувано${date ? ` (регистрацията е прекратена на ${date})` : ''}.`,
    earlier: (dates) => `По-рано регистрацията е прекратявана на: ${dates}.`,
  },
  inspections: {
    columns: ['Дата', 'Пункт', 'Резултат', 'Километраж'],
    nextDue: 'Следващ преглед до',
    none: 'Няма данни за технически прегледи.',
  },
  odometer: {
    verdicts: {
      consistent: 'Показанията на километража са последователни.',
      rollback: 'ВНИМАНИЕ: километражът е връщан назад — има показание, по-ниско от по-ранно.',
      implausible: 'Някои показания са неправдоподобни (пробег, невъзможен за времето, или дата в бъдещето).',
      'insufficient-data': 'Показанията са твърде малко за оценка.',
    },
    lastReading: 'Последно показание',
    average: 'Среден годишен пробег',
    readings: 'Брой показания',
    rollbacks: 'Връщания на километража',
    rollbackColumns: ['По-ранно показание', 'По-ниско показание', 'Разлика'],
    implausible: 'Неправдоподобни показания',
    implausibleColumns: ['Период', 'Обяснение'],
    futureReading: 'показание с дата след датата на справката',
    rate: (kmPerYear) => `пробег ≈ ${kmPerYear} км годишно — повече, отколкото автомобил може да измине`,
    more: (count) => `… и още ${count}`,
    legendReading: 'показание',
    legendRollback: 'по-ниско от по-ранно показание',
  },
  insurance: {
    insured: 'Валидна застраховка днес',
    insurer: 'Застраховател',
    endsOn: 'Валидна до',
    policies: 'Полици в регистъра',
  },
  fines: {
    unpaid: 'Неплатени глоби',
    columns: ['Номер', 'Дата', 'Нарушение', 'Сума', 'Платена'],
    none: 'Няма глоби.',
  },
  tax: {
    unpaidYears: 'Неплатени години',
    unpaidAmount: 'Неплатена сума',
    columns: ['Година', 'Община', 'Сума', 'Платен'],
    none: 'няма',
  },
  sources: {
    columns: ['Регистър', 'Състояние', 'Запитан на', 'Данни към'],
    statuses: { ok: 'отговори', missing: 'НЕ ОТГОВОРИ', 'not-applicable': 'не се показва' },
    keys: {
      vehicle: 'превозно средство',
      registrations: 'регистрации',
      inspections: 'технически прегледи',
      insurance: 'застраховки',
      fines: 'глоби',
      tax: 'местни данъци',
    },
  },
  footer: (reference, page, pages) => `Справка ${reference} · страница ${page} от ${pages}`,
  formatDate: DOTTED_DATE,
  formatDateTime: (iso) => {
    const [date, time] = dateAndTime(iso);
    return `${DOTTED_DATE(date)} ${time} UTC`;
  },
  formatNumber: (value) => grouped(value, NBSP),
  formatMoney: (cents) => `${euros(cents, NBSP, ',')}${NBSP}€`,
};

const en: PdfLabels = {
  codes: CODE_LABELS.en,
  registerErrors: true,
  properName: transliterate,
  title: 'Vehicle history report',
  reference: 'Report reference',
  issuedAt: 'Issued at',
  issuer: 'Issued by',
  viewer: 'Prepared for',
  viewers: {
    public: 'anyone (public report)',
    owner: 'the owner',
    official: 'an official',
    police: 'the police',
  },
  checkAt: (url) => `Check this report at ${url}`,
  signedNote: (issuer, kid) =>
    `This report is signed electronically by ${issuer}. The signed data is attached to this PDF as report.json (ES256 signature, key ${kid}).`,
  partialTitle: 'Partial report',
  partialText: 'Some registers did not answer, and this report lacks their data:',
  stolenBanner: (since) => `REPORTED STOLEN${since ? ` since ${since}` : ''}`,
  notAvailable: 'Not available: the register did not answer.',
  yes: 'yes',
  no: 'no',
  sections: {
    technical: 'Technical data',
    registration: 'Registration',
    theft: 'Stolen or wanted',
    deregistration: 'Deregistration and scrapping',
    inspections: 'Periodic technical inspections',
    odometer: 'Odometer',
    insurance: 'Motor third-party liability insurance',
    fines: 'Fines',
    tax: 'Vehicle tax',
    sources: 'Sources of the data',
  },
  technical: {
    vin: 'Vehicle identification number (VIN)',
    make: 'Make',
    model: 'Model',
    category: 'Category',
    body: 'Body',
    fuel: 'Fuel',
    engine: 'Engine capacity',
    power: 'Power',
    mass: 'Mass',
    colour: 'Colour',
    modelYear: 'Model year',
  },
  units: { km: 'km', cc: 'cm³', kw: 'kW', kg: 'kg', kmPerYear: 'km/year' },
  registration: {
    status: 'Status',
    statuses: { registered: 'registered', deregistered: 'deregistered', scrapped: 'scrapped' },
    plate: 'Registration plate',
    firstRegistration: 'First registration',
    ownersCount: 'Number of owners',
    currentOwner: 'Current owner',
    timeline: 'Registration history',
    events: {
      first_registration: 'first registration',
      import_registration: 'registered in Bulgaria after import',
      change_of_owner: 'change of owner',
      change_of_plate: 'change of plate',
      deregistration: 'deregistration',
    },
    ownerKinds: { person: 'a person', company: 'a company' },
    columns: ['Date', 'Event', 'Plate', 'Owner'],
  },
  theft: {
    notStolen: 'The vehicle is not reported stolen or wanted.',
    stolen: (since) =>
      `The vehicle is reported stolen and wanted by the police${since ? ` since ${since}` : ''}.`,
  },
  deregistration: {
    registered: 'The vehicle is registered; it has not been scrapped.',
    deregistered: (date) => `The registration was ended${date ? ` on ${date}` : ''}.`,
    scrapped: (date) => `The vehicle was scrapped${date ? ` (deregistered on ${date})` : ''}.`,
    earlier: (dates) => `Earlier deregistrations: ${dates}.`,
  },
  inspections: {
    columns: ['Date', 'Station', 'Result', 'Odometer'],
    nextDue: 'Next inspection due',
    none: 'No inspections on record.',
  },
  odometer: {
    verdicts: {
      consistent: 'The odometer readings are consistent.',
      rollback: 'WARNING: the odometer has been rolled back: a reading is lower than an earlier one.',
      implausible:
        'Some readings are implausible (more mileage than the time allows, or dated in the future).',
      'insufficient-data': 'There are too few readings to judge.',
    },
    lastReading: 'Last reading',
    average: 'Average per year',
    readings: 'Number of readings',
    rollbacks: 'Odometer rollbacks',
    rollbackColumns: ['Earlier reading', 'Lower reading', 'Drop'],
    implausible: 'Implausible readings',
    implausibleColumns: ['Period', 'Why'],
    futureReading: 'reading dated after the report was issued',
    rate: (kmPerYear) => `about ${kmPerYear} km a year, more than a car can drive`,
    more: (count) => `… and ${count} more`,
    legendReading: 'reading',
    legendRollback: 'lower than an earlier reading',
  },
  insurance: {
    insured: 'Insured today',
    insurer: 'Insurer',
    endsOn: 'Valid until',
    policies: 'Policies on record',
  },
  fines: {
    unpaid: 'Unpaid fines',
    columns: ['Number', 'Date', 'Offence', 'Amount', 'Paid'],
    none: 'No fines.',
  },
  tax: {
    unpaidYears: 'Unpaid years',
    unpaidAmount: 'Unpaid amount',
    columns: ['Year', 'Municipality', 'Amount', 'Paid'],
    none: 'none',
  },
  sources: {
    columns: ['Register', 'Status', 'Asked at', 'Data as of'],
    statuses: { ok: 'answered', missing: 'DID NOT ANSWER', 'not-applicable': 'not shown' },
    keys: {
      vehicle: 'vehicle',
      registrations: 'registrations',
      inspections: 'inspections',
      insurance: 'insurance',
      fines: 'fines',
      tax: 'local taxes',
    },
  },
  footer: (reference, page, pages) => `Report ${reference} · page ${page} of ${pages}`,
  formatDate: (iso) => iso,
  formatDateTime: (iso) => {
    const [date, time] = dateAndTime(iso);
    return `${date} ${time} UTC`;
  },
  formatNumber: (value) => grouped(value, ','),
  formatMoney: (cents) => `€${euros(cents, ',', '.')}`,
};

const pl: PdfLabels = {
  codes: CODE_LABELS.pl,
  registerErrors: false,
  properName: transliterate,
  title: 'Raport historii pojazdu',
  reference: 'Numer raportu',
  issuedAt: 'Data wydania',
  issuer: 'Wydany przez',
  viewer: 'Przygotowany dla',
  viewers: {
    public: 'każdego (raport publiczny)',
    owner: 'właściciela',
    official: 'urzędnika',
    police: 'policji',
  },
  checkAt: (url) => `Sprawdź ten raport na stronie ${url}`,
  signedNote: (issuer, kid) =>
    `Raport jest podpisany elektronicznie przez ${issuer}. Podpisane dane są załączone do tego pliku PDF jako report.json (podpis ES256, klucz ${kid}).`,
  partialTitle: 'Raport niepełny',
  partialText: 'Niektóre rejestry nie odpowiedziały i w raporcie brakuje ich danych:',
  stolenBanner: (since) => `ZGŁOSZONY JAKO SKRADZIONY${since ? ` od ${since}` : ''}`,
  notAvailable: 'Brak danych: rejestr nie odpowiedział.',
  yes: 'tak',
  no: 'nie',
  sections: {
    technical: 'Dane techniczne',
    registration: 'Rejestracja',
    theft: 'Kradzież lub poszukiwanie',
    deregistration: 'Wyrejestrowanie i kasacja',
    inspections: 'Okresowe badania techniczne',
    odometer: 'Licznik przebiegu',
    insurance: 'Ubezpieczenie OC posiadaczy pojazdów',
    fines: 'Mandaty',
    tax: 'Podatek od pojazdu',
    sources: 'Źródła danych',
  },
  technical: {
    vin: 'Numer identyfikacyjny pojazdu (VIN)',
    make: 'Marka',
    model: 'Model',
    category: 'Kategoria',
    body: 'Nadwozie',
    fuel: 'Paliwo',
    engine: 'Pojemność silnika',
    power: 'Moc',
    mass: 'Masa',
    colour: 'Kolor',
    modelYear: 'Rok modelowy',
  },
  units: { km: 'km', cc: 'cm³', kw: 'kW', kg: 'kg', kmPerYear: 'km/rok' },
  registration: {
    status: 'Status',
    statuses: { registered: 'zarejestrowany', deregistered: 'wyrejestrowany', scrapped: 'zezłomowany' },
    plate: 'Numer rejestracyjny',
    firstRegistration: 'Pierwsza rejestracja',
    ownersCount: 'Liczba właścicieli',
    currentOwner: 'Obecny właściciel',
    timeline: 'Historia rejestracji',
    events: {
      first_registration: 'pierwsza rejestracja',
      import_registration: 'rejestracja w Bułgarii po sprowadzeniu z zagranicy',
      change_of_owner: 'zmiana właściciela',
      change_of_plate: 'zmiana numeru rejestracyjnego',
      deregistration: 'wyrejestrowanie',
    },
    ownerKinds: { person: 'osoba fizyczna', company: 'firma' },
    columns: ['Data', 'Zdarzenie', 'Nr rej.', 'Właściciel'],
  },
  theft: {
    notStolen: 'Pojazd nie jest zgłoszony jako skradziony ani poszukiwany.',
    stolen: (since) =>
      `Pojazd jest zgłoszony jako skradziony i poszukiwany przez policję${since ? ` od ${since}` : ''}.`,
  },
  deregistration: {
    registered: 'Pojazd jest zarejestrowany; nie został zezłomowany.',
    deregistered: (date) => `Rejestracja została zakończona${date ? ` ${date}` : ''}.`,
    scrapped: (date) => `Pojazd został zezłomowany${date ? ` (wyrejestrowany ${date})` : ''}.`,
    earlier: (dates) => `Wcześniejsze wyrejestrowania: ${dates}.`,
  },
  inspections: {
    columns: ['Data', 'Stacja', 'Wynik', 'Przebieg'],
    nextDue: 'Następne badanie do',
    none: 'Brak zapisanych badań technicznych.',
  },
  odometer: {
    verdicts: {
      consistent: 'Odczyty licznika są spójne.',
      rollback: 'UWAGA: licznik został cofnięty – jeden z odczytów jest niższy niż wcześniejszy.',
      implausible:
        'Niektóre odczyty są nieprawdopodobne (przebieg niemożliwy w tym czasie albo data w przyszłości).',
      'insufficient-data': 'Odczytów jest za mało, aby ocenić przebieg.',
    },
    lastReading: 'Ostatni odczyt',
    average: 'Średni przebieg roczny',
    readings: 'Liczba odczytów',
    rollbacks: 'Cofnięcia licznika',
    rollbackColumns: ['Wcześniejszy odczyt', 'Niższy odczyt', 'Różnica'],
    implausible: 'Nieprawdopodobne odczyty',
    implausibleColumns: ['Okres', 'Wyjaśnienie'],
    futureReading: 'odczyt z datą późniejszą niż data wydania raportu',
    rate: (kmPerYear) => `około ${kmPerYear} km rocznie – więcej, niż samochód jest w stanie przejechać`,
    more: (count) => `… i jeszcze ${count}`,
    legendReading: 'odczyt',
    legendRollback: 'niższy niż wcześniejszy odczyt',
  },
  insurance: {
    insured: 'Ważne ubezpieczenie dzisiaj',
    insurer: 'Ubezpieczyciel',
    endsOn: 'Ważne do',
    policies: 'Polisy w rejestrze',
  },
  fines: {
    unpaid: 'Niezapłacone mandaty',
    columns: ['Numer', 'Data', 'Wykroczenie', 'Kwota', 'Zapłacony'],
    none: 'Brak mandatów.',
  },
  tax: {
    unpaidYears: 'Niezapłacone lata',
    unpaidAmount: 'Kwota zaległości',
    columns: ['Rok', 'Gmina', 'Kwota', 'Zapłacony'],
    none: 'brak',
  },
  sources: {
    columns: ['Rejestr', 'Status', 'Zapytano', 'Stan danych na'],
    statuses: { ok: 'odpowiedział', missing: 'NIE ODPOWIEDZIAŁ', 'not-applicable': 'nie pokazano' },
    keys: {
      vehicle: 'pojazd',
      registrations: 'rejestracje',
      inspections: 'badania techniczne',
      insurance: 'ubezpieczenia',
      fines: 'mandaty',
      tax: 'podatki lokalne',
    },
  },
  footer: (reference, page, pages) => `Raport ${reference} · strona ${page} z ${pages}`,
  formatDate: DOTTED_DATE,
  formatDateTime: (iso) => {
    const [date, time] = dateAndTime(iso);
    return `${DOTTED_DATE(date)} ${time} UTC`;
  },
  formatNumber: (value) => grouped(value, NBSP),
  formatMoney: (cents) => `${euros(cents, NBSP, ',')}${NBSP}€`,
};

export const PDF_LABELS: Readonly<Record<PdfLanguage, PdfLabels>> = { bg, en, pl };
