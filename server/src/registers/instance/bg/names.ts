/**
 * Frequent Bulgarian names (Cyrillic) with relative weights, and the rules that turn a given name into a
 * father's name (презиме) and a male family name into its female form. Weights approximate the NSI
 * name-frequency tables; they only need the right shape, not the exact counts.
 */
import type { WeightedPairs } from '../../../kernel/index.ts';

export const MALE_GIVEN_NAMES: WeightedPairs<string> = [
  ['Георги', 60],
  ['Иван', 55],
  ['Димитър', 45],
  ['Николай', 40],
  ['Петър', 30],
  ['Христо', 28],
  ['Александър', 25],
  ['Стефан', 24],
  ['Тодор', 22],
  ['Йордан', 20],
  ['Васил', 20],
  ['Атанас', 18],
  ['Стоян', 16],
  ['Красимир', 15],
  ['Пламен', 14],
  ['Мартин', 14],
  ['Никола', 14],
  ['Ангел', 12],
  ['Валентин', 12],
  ['Борис', 10],
  ['Кирил', 10],
  ['Илия', 10],
  ['Емил', 10],
  ['Владимир', 10],
  ['Любомир', 10],
  ['Даниел', 10],
  ['Михаил', 8],
  ['Цветан', 8],
  ['Милен', 8],
  ['Росен', 8],
  ['Светослав', 8],
  ['Калоян', 8],
  ['Виктор', 8],
  ['Веселин', 7],
  ['Симеон', 6],
  ['Асен', 6],
  ['Павел', 6],
  ['Кристиян', 6],
  ['Андрей', 6],
  ['Радослав', 6],
  ['Здравко', 5],
  ['Лъчезар', 5],
  ['Трифон', 4],
  ['Живко', 4],
  ['Богдан', 4],
  ['Методи', 3],
  ['Янко', 3],
  ['Кръстьо', 3],
  ['Пенчо', 3],
  ['Славчо', 3],
];

export const FEMALE_GIVEN_NAMES: WeightedPairs<string> = [
  ['Мария', 60],
  ['Елена', 30],
  ['Иванка', 25],
  ['Йорданка', 18],
  ['Десислава', 18],
  ['Петя', 16],
  ['Даниела', 16],
  ['Маргарита', 15],
  ['Анна', 15],
  ['Гергана', 14],
  ['Галина', 14],
  ['Милена', 14],
  ['Виктория', 14],
  ['Пенка', 12],
  ['Виолета', 12],
  ['Лиляна', 12],
  ['Цветелина', 12],
  ['Снежана', 12],
  ['Валентина', 12],
  ['Надежда', 12],
  ['Румяна', 12],
  ['Христина', 12],
  ['Силвия', 12],
  ['Александра', 12],
  ['Радка', 10],
  ['Антоанета', 10],
  ['Стефка', 10],
  ['Николина', 10],
  ['Веселина', 10],
  ['Красимира', 10],
  ['Габриела', 10],
  ['Никол', 10],
  ['Ива', 10],
  ['Теодора', 10],
  ['Емилия', 10],
  ['Диана', 10],
  ['Ирина', 10],
  ['Симона', 8],
  ['Светла', 8],
  ['Юлия', 8],
  ['Катя', 8],
  ['Станка', 8],
  ['Тодорка', 8],
  ['Ралица', 8],
  ['Нели', 6],
  ['Калина', 6],
  ['Яна', 6],
  ['Бистра', 4],
];

/** Family names in their male form. */
export const FAMILY_NAMES: WeightedPairs<string> = [
  ['Иванов', 50],
  ['Георгиев', 45],
  ['Димитров', 40],
  ['Петров', 35],
  ['Николов', 30],
  ['Христов', 25],
  ['Стоянов', 22],
  ['Тодоров', 22],
  ['Илиев', 20],
  ['Василев', 18],
  ['Атанасов', 17],
  ['Петков', 16],
  ['Ангелов', 16],
  ['Колев', 15],
  ['Йорданов', 15],
  ['Маринов', 14],
  ['Попов', 14],
  ['Стефанов', 14],
  ['Костов', 13],
  ['Михайлов', 13],
  ['Павлов', 11],
  ['Русев', 10],
  ['Александров', 10],
  ['Кръстев', 10],
  ['Добрев', 9],
  ['Цветков', 9],
  ['Радев', 8],
  ['Марков', 8],
  ['Милев', 8],
  ['Митев', 8],
  ['Борисов', 8],
  ['Янков', 7],
  ['Лазаров', 7],
  ['Славов', 7],
  ['Киров', 7],
  ['Антонов', 7],
  ['Желев', 6],
  ['Алексиев', 6],
  ['Вълчев', 6],
  ['Желязков', 6],
  ['Трифонов', 6],
  ['Стойчев', 6],
  ['Станчев', 6],
  ['Найденов', 6],
  ['Симеонов', 6],
  ['Кирилов', 6],
  ['Енчев', 6],
  ['Бонев', 5],
  ['Тончев', 5],
  ['Денев', 5],
  ['Панайотов', 5],
  ['Григоров', 5],
  ['Ненчев', 5],
  ['Гочев', 4],
  ['Шишков', 4],
  ['Ковачев', 4],
  ['Чолаков', 4],
];

/** Names whose patronymic does not follow the general rule. */
const PATRONYMIC_EXCEPTIONS: Readonly<Record<string, string>> = {
  Павел: 'Павлов',
  Михаил: 'Михайлов',
  Васил: 'Василев',
  Кръстьо: 'Кръстев',
  Кольо: 'Колев',
  Пейо: 'Пеев',
  Благой: 'Благоев',
};

// After these consonants Bulgarian takes -ев rather than -ов (Пенчо → Пенчев, Гоце → Гоцев).
const SOFT_ENDINGS = new Set(['ч', 'ж', 'ш', 'щ', 'ц', 'й']);

/** Male form of the father's name (презиме) derived from the father's given name. */
export function patronymicFrom(fatherGivenName: string): string {
  const exception = PATRONYMIC_EXCEPTIONS[fatherGivenName];
  if (exception) return exception;
  const last = fatherGivenName.slice(-1);
  const stem = fatherGivenName.slice(0, -1);
  if (fatherGivenName.endsWith('ър')) return `${fatherGivenName.slice(0, -2)}ров`; // Петър → Петров
  if (last === 'я') return `${stem}ев`; // Илия → Илиев
  if (last === 'и') return `${fatherGivenName}ев`; // Георги → Георгиев
  if (last === 'й') return `${stem}ев`; // Николай → Николаев, Андрей → Андреев
  if (fatherGivenName.endsWith('ьо')) return `${fatherGivenName.slice(0, -2)}ев`;
  if (last === 'а' || last === 'о' || last === 'е') {
    return SOFT_ENDINGS.has(stem.slice(-1)) ? `${stem}ев` : `${stem}ов`; // Никола → Николов, Пенчо → Пенчев
  }
  return SOFT_ENDINGS.has(last) ? `${fatherGivenName}ев` : `${fatherGivenName}ов`;
}

/** Female form of a family name or patronymic: Иванов → Иванова, Ковачки → Ковачка, Петровски → Петровска. */
export function feminineSurname(maleForm: string): string {
  if (maleForm.endsWith('ки')) return `${maleForm.slice(0, -1)}а`;
  return `${maleForm}а`;
}

export function surnameForSex(maleForm: string, sex: 'M' | 'F'): string {
  return sex === 'M' ? maleForm : feminineSurname(maleForm);
}
