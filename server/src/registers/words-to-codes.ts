/**
 * The Bulgarian words the registers stored before they stored codes, and the code of each. A data
 * migration rewrites databases seeded before the change; a fresh seed writes codes directly.
 */
import type { Offence } from '@civitas/contracts/registers/fines.ts';
import type { BodyType, Colour } from '@civitas/contracts/registers/vehicles.ts';

export const BODY_WORDS: Readonly<Record<string, BodyType>> = {
  хечбек: 'hatchback',
  комби: 'estate',
  седан: 'saloon',
  джип: 'suv',
  миниван: 'mpv',
  'товарен фургон': 'van',
  мотоциклет: 'motorcycle',
};

export const COLOUR_WORDS: Readonly<Record<string, Colour>> = {
  Сив: 'grey',
  Черен: 'black',
  Бял: 'white',
  Сребрист: 'silver',
  Син: 'blue',
  Червен: 'red',
  Тъмносин: 'dark-blue',
  Зелен: 'green',
  Бордо: 'burgundy',
  Кафяв: 'brown',
  Бежов: 'beige',
  Жълт: 'yellow',
  Оранжев: 'orange',
};

export const OFFENCE_WORDS: Readonly<Record<string, Offence>> = {
  'Превишаване на разрешената скорост с 11–20 km/h': 'speeding-11-20',
  'Превишаване на разрешената скорост с 21–30 km/h': 'speeding-21-30',
  'Превишаване на разрешената скорост с над 30 km/h': 'speeding-over-30',
  'Неправилно паркиране': 'improper-parking',
  'Управление без поставен обезопасителен колан': 'no-seat-belt',
  'Използване на мобилен телефон по време на управление': 'mobile-phone',
  'Преминаване на червен сигнал на светофара': 'red-light',
  'Неспазване на предимство': 'right-of-way',
  'Управление без сключена застраховка „Гражданска отговорност“': 'no-mtpl-insurance',
  'Управление без преминат технически преглед': 'no-technical-inspection',
};

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

function rewrite(table: string, column: string, words: Readonly<Record<string, string>>): string {
  const cases = Object.entries(words)
    .map(([word, code]) => `WHEN ${literal(word)} THEN ${literal(code)}`)
    .join(' ');
  const known = Object.keys(words).map(literal).join(', ');
  return `UPDATE ${table} SET ${column} = CASE ${column} ${cases} END WHERE ${column} IN (${known})`;
}

/** The UPDATE statements that turn stored words into codes (rows already holding codes are untouched). */
export function wordsToCodesStatements(): string[] {
  return [
    rewrite('vehicles.vehicles', 'body', BODY_WORDS),
    rewrite('vehicles.vehicles', 'colour', COLOUR_WORDS),
    rewrite('fines.fines', 'offence', OFFENCE_WORDS),
  ];
}
