/**
 * Bulgarian registration plates: region prefix (one or two letters), four digits, two series letters, all
 * letters from the twelve Cyrillic ones that look Latin. Latin look-alikes are accepted on input and
 * normalised to Cyrillic, since people type plates on Latin keyboards.
 */
export type PlateProblem = 'format' | 'region';

/** Plate prefix → region (област) it is issued in. */
export const PLATE_REGIONS: Readonly<Record<string, string>> = {
  А: 'Бургас',
  В: 'Варна',
  ВН: 'Видин',
  ВР: 'Враца',
  ВТ: 'Велико Търново',
  Е: 'Благоевград',
  ЕВ: 'Габрово',
  ЕН: 'Плевен',
  К: 'Кърджали',
  КН: 'Кюстендил',
  М: 'Монтана',
  Н: 'Шумен',
  ОВ: 'Ловеч',
  Р: 'Русе',
  РА: 'Пазарджик',
  РВ: 'Пловдив',
  РК: 'Перник',
  РР: 'Разград',
  С: 'София (столица)',
  СА: 'София (столица)',
  СВ: 'София (столица)',
  СО: 'Софийска област',
  СС: 'Силистра',
  СН: 'Сливен',
  СМ: 'Смолян',
  СТ: 'Стара Загора',
  Т: 'Търговище',
  ТХ: 'Добрич',
  У: 'Ямбол',
  Х: 'Хасково',
};

/** The twelve letters allowed on plates, in Cyrillic. */
export const PLATE_LETTERS = 'АВЕКМНОРСТУХ';
const LATIN_LOOKALIKES = 'ABEKMHOPCTYX';

const PLATE_FORMAT = new RegExp(`^([${PLATE_LETTERS}]{1,2})(\\d{4})([${PLATE_LETTERS}]{2})$`);

/** Upper-cases, drops spaces and dashes, and turns Latin look-alikes into their Cyrillic letters. */
export function normalisePlate(value: string): string {
  let out = '';
  for (const char of value.toUpperCase()) {
    if (char === ' ' || char === '-' || char === '\u00a0') continue;
    const latin = LATIN_LOOKALIKES.indexOf(char);
    out += latin >= 0 ? PLATE_LETTERS[latin] : char;
  }
  return out;
}

export function checkPlate(value: string): PlateProblem | null {
  const match = PLATE_FORMAT.exec(normalisePlate(value));
  if (!match) return 'format';
  return PLATE_REGIONS[match[1]!] === undefined ? 'region' : null;
}

export function isValidPlate(value: string): boolean {
  return checkPlate(value) === null;
}

/** Region name for a plate, or null when the plate is not valid. */
export function plateRegion(value: string): string | null {
  const match = PLATE_FORMAT.exec(normalisePlate(value));
  return match ? (PLATE_REGIONS[match[1]!] ?? null) : null;
}
