import { transliterate } from '@civitas/contracts/text/translit.ts';

/**
 * The words of the patient summary (section titles, column headings, notes) in each language the
 * platform speaks. Clinical codes are named by the terminology (`terms.ts`), never here.
 */

export const SUMMARY_LANGUAGES = ['bg', 'en', 'pl'] as const;
export type SummaryLanguage = (typeof SUMMARY_LANGUAGES)[number];

export type SectionKey =
  | 'problems'
  | 'allergies'
  | 'medications'
  | 'immunizations'
  | 'results'
  | 'vitalSigns'
  | 'procedures';

export interface SummaryLabels {
  title: string;
  /** Column headings of a section's table: what, details, date. */
  columns: { item: string; details: string; date: string };
  patient: string;
  birthDate: string;
  gender: Record<string, string>;
  identifier: string;
  author: string;
  generated: string;
  /** A required section with nothing recorded. */
  noInformation: string;
  /** Some of the record is hidden from the reader at the patient's request (never says what). */
  withheld: string;
  /** A reference to something the summary does not carry. */
  notIncluded: string;
  /** The system that generated the summary (its author when the patient has no GP on record). */
  generator: string;
  dose: (n: number) => string;
  status: Record<string, string>;
  criticality: Record<string, string>;
  footer: (page: number, pages: number) => string;
  document: { title: string; date: string; author: string; patient: string };
}

export const SUMMARY_LABELS: Record<SummaryLanguage, SummaryLabels> = {
  bg: {
    title: 'Международно резюме на пациента',
    columns: { item: 'Наименование', details: 'Подробности', date: 'Дата' },
    patient: 'Пациент',
    birthDate: 'Дата на раждане',
    gender: { male: 'мъж', female: 'жена', other: 'друг', unknown: 'неизвестен' },
    identifier: 'Идентификатор',
    author: 'Автор',
    generated: 'Създадено',
    noInformation: 'Няма налична информация.',
    withheld: 'Част от информацията не е показана по желание на пациента.',
    notIncluded: 'не е включено в резюмето',
    generator: 'Национална здравноинформационна система',
    dose: (n) => `доза ${n}`,
    status: {
      active: 'активно',
      recurrence: 'повторно',
      relapse: 'рецидив',
      inactive: 'неактивно',
      remission: 'ремисия',
      resolved: 'отзвучало',
      completed: 'завършено',
      'on-hold': 'спряно временно',
    },
    criticality: { low: 'ниска степен', high: 'висока степен', 'unable-to-assess': 'неоценена степен' },
    footer: (page, pages) => `Страница ${page} от ${pages}`,
    document: { title: 'Документ', date: 'Дата', author: 'Автор', patient: 'Пациент' },
  },
  en: {
    title: 'International Patient Summary',
    columns: { item: 'Name', details: 'Details', date: 'Date' },
    patient: 'Patient',
    birthDate: 'Date of birth',
    gender: { male: 'male', female: 'female', other: 'other', unknown: 'unknown' },
    identifier: 'Identifier',
    author: 'Author',
    generated: 'Generated',
    noInformation: 'No information available.',
    withheld: "Some information is withheld at the patient's request.",
    notIncluded: 'not included in this summary',
    generator: 'National health information system',
    dose: (n) => `dose ${n}`,
    status: {
      active: 'active',
      recurrence: 'recurrence',
      relapse: 'relapse',
      inactive: 'inactive',
      remission: 'remission',
      resolved: 'resolved',
      completed: 'completed',
      'on-hold': 'on hold',
    },
    criticality: {
      low: 'low criticality',
      high: 'high criticality',
      'unable-to-assess': 'criticality not assessed',
    },
    footer: (page, pages) => `Page ${page} of ${pages}`,
    document: { title: 'Document', date: 'Date', author: 'Author', patient: 'Patient' },
  },
  pl: {
    title: 'Międzynarodowe podsumowanie pacjenta',
    columns: { item: 'Nazwa', details: 'Szczegóły', date: 'Data' },
    patient: 'Pacjent',
    birthDate: 'Data urodzenia',
    gender: { male: 'mężczyzna', female: 'kobieta', other: 'inna', unknown: 'nieznana' },
    identifier: 'Identyfikator',
    author: 'Autor',
    generated: 'Utworzono',
    noInformation: 'Brak dostępnych informacji.',
    withheld: 'Część informacji nie jest pokazana na życzenie pacjenta.',
    notIncluded: 'nie ujęto w podsumowaniu',
    generator: 'Krajowy system informacji o zdrowiu',
    dose: (n) => `dawka ${n}`,
    status: {
      active: 'aktywne',
      recurrence: 'nawrót',
      relapse: 'rzut',
      inactive: 'nieaktywne',
      remission: 'remisja',
      resolved: 'ustąpiło',
      completed: 'zakończone',
      'on-hold': 'wstrzymane',
    },
    criticality: { low: 'niskie ryzyko', high: 'wysokie ryzyko', 'unable-to-assess': 'ryzyko nieocenione' },
    footer: (page, pages) => `Strona ${page} z ${pages}`,
    document: { title: 'Dokument', date: 'Data', author: 'Autor', patient: 'Pacjent' },
  },
};

/** The language asked for: `_language` first, then the Accept-Language list in order of preference, else the fallback. */
export function summaryLanguage(
  asked: { language?: string | undefined; acceptLanguage?: string | undefined },
  fallback: SummaryLanguage,
): SummaryLanguage | null {
  if (asked.language !== undefined) {
    const primary = asked.language.trim().toLowerCase().split('-')[0];
    return (SUMMARY_LANGUAGES as readonly string[]).includes(primary ?? '')
      ? (primary as SummaryLanguage)
      : null;
  }
  const ranges = (asked.acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return {
        tag: tag.trim().toLowerCase().split('-')[0] ?? '',
        weight: Number.isFinite(weight) ? weight : 0,
        index,
      };
    })
    .filter((range) => range.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { tag } of ranges)
    if ((SUMMARY_LANGUAGES as readonly string[]).includes(tag)) return tag as SummaryLanguage;
  return fallback;
}

/** Dates as the reader writes them (`2024-03-05` → `05.03.2024`); a bad value is shown as given. */
export function formatDate(value: string | undefined, language: SummaryLanguage): string {
  if (!value) return '';
  const match = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(value);
  if (!match) return value;
  const [, year, month, day] = match;
  if (language === 'en') return [year, month, day].filter(Boolean).join('-');
  return [day, month, year].filter(Boolean).join('.');
}

/** Bulgarian titles before a name, as English and Polish write them (transliterated, "д-р" would be "d-r"). */
const NAME_TITLES: Record<Exclude<SummaryLanguage, 'bg'>, Readonly<Record<string, string>>> = {
  en: { 'д-р': 'Dr', 'проф.': 'Prof.', 'доц.': 'Assoc. Prof.' },
  pl: { 'д-р': 'dr', 'проф.': 'prof.', 'доц.': 'doc.' },
};

/**
 * A name as the record has it (a patient, a doctor, an organisation) in a script the reader can
 * read: as written for Bulgarian; for English and Polish, in Latin script by the Transliteration
 * Act (Мария Петрова → Maria Petrova; a title such as "д-р" in the reader's words), followed by
 * the original in brackets unless `original` is false (where there is no room), so that it can
 * still be matched with papers in Cyrillic. A name already in Latin script is shown once.
 */
export function readerName(name: string, language: SummaryLanguage, { original = true } = {}): string {
  if (language === 'bg') return name;
  const titles = NAME_TITLES[language];
  const latin = name
    .split(' ')
    .map((word) => titles[word.toLowerCase()] ?? transliterate(word))
    .join(' ');
  if (latin === name || !original) return latin;
  return `${latin} (${name})`;
}
