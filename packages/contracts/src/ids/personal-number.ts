import { checkEgn, makeEgn, parseEgn } from './egn.ts';
import { checkPesel, makePesel, PESEL_SERIALS, parsePesel } from './pesel.ts';

/**
 * A country's personal-number scheme. The instance configuration names one (`egn` for Bulgaria,
 * `pesel` for Poland); routes, forms and generators use it instead of a country's functions, so
 * the same code serves every instance.
 */
export type PersonalNumberSchemeId = 'egn' | 'pesel';
export type PersonalNumberProblem = 'length' | 'characters' | 'date' | 'checksum';
export type PersonalNumberSex = 'M' | 'F';

export interface PersonalNumberScheme {
  readonly id: PersonalNumberSchemeId;
  /** How many digits a number has. */
  readonly length: number;
  /** A JSON Schema pattern for route schemas: the digits only (the check digit is `check`'s work). */
  readonly pattern: string;
  /** How many distinct numbers `make` gives for one birth date and sex. */
  readonly serials: number;
  /** Why a value is not a valid number, or null when it is. */
  check(value: string): PersonalNumberProblem | null;
  /** ISO birth date of a valid number; throws on an invalid one. */
  birthDate(value: string): string;
  sex(value: string): PersonalNumberSex;
  /** A valid number for a birth date and sex; `serial` (0..serials-1) tells numbers of one day apart. */
  make(birthDate: string, sex: PersonalNumberSex, serial: number): string;
}

export const EGN: PersonalNumberScheme = {
  id: 'egn',
  length: 10,
  pattern: '^[0-9]{10}$',
  serials: 500,
  check: checkEgn,
  birthDate: (value) => parseEgn(value).birthDate,
  sex: (value) => parseEgn(value).sex,
  make: makeEgn,
};

export const PESEL: PersonalNumberScheme = {
  id: 'pesel',
  length: 11,
  pattern: '^[0-9]{11}$',
  serials: PESEL_SERIALS,
  check: checkPesel,
  birthDate: (value) => parsePesel(value).birthDate,
  sex: (value) => parsePesel(value).sex,
  make: makePesel,
};

export const PERSONAL_NUMBER_SCHEMES: Readonly<Record<PersonalNumberSchemeId, PersonalNumberScheme>> = {
  egn: EGN,
  pesel: PESEL,
};

export function personalNumberScheme(id: PersonalNumberSchemeId): PersonalNumberScheme {
  return PERSONAL_NUMBER_SCHEMES[id];
}

/**
 * What a form shows for a typed personal number: `personal-number-digits` when it is not the
 * scheme's count of digits, `personal-number-invalid` when the digits do not check, null when valid.
 */
export function personalNumberInputProblem(
  scheme: PersonalNumberScheme,
  value: string,
): 'personal-number-digits' | 'personal-number-invalid' | null {
  const problem = scheme.check(value);
  if (problem === 'length' || problem === 'characters') return 'personal-number-digits';
  return problem ? 'personal-number-invalid' : null;
}

/**
 * Any digit run as long as some scheme's numbers (10 for EGN, 11 for PESEL), not part of a longer
 * run: what log redaction hides. Redaction does not ask which instance runs, so a number of either
 * scheme never reaches the logs. Global: use with `replace`.
 */
export const PERSONAL_NUMBER_DIGITS = /(?<![0-9])(?:[0-9]{11}|[0-9]{10})(?![0-9])/g;

/** The text with every run of digits that could be a personal number replaced by asterisks. */
export function redactPersonalNumbers(text: string): string {
  return text.replace(PERSONAL_NUMBER_DIGITS, (digits) => '*'.repeat(digits.length));
}
