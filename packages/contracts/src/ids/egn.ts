import { isValidDateParts } from '../days.ts';

/**
 * Bulgarian personal number (ЕГН): YYMMDD, two region/serial digits, a digit whose parity gives the sex
 * (even male, odd female), and a check digit. The month carries the century: +20 for 1800–1899,
 * +40 for 2000–2099.
 */
export type EgnProblem = 'length' | 'characters' | 'date' | 'checksum';
export type EgnSex = 'M' | 'F';

export interface EgnFacts {
  birthDate: string;
  sex: EgnSex;
}

export class EgnError extends Error {
  readonly code: EgnProblem;
  constructor(code: EgnProblem, message: string) {
    super(message);
    this.name = 'EgnError';
    this.code = code;
  }
}

const WEIGHTS = [2, 4, 8, 5, 10, 9, 7, 3, 6];

/** Check digit over the first nine digits; a remainder of 10 is written as 0. */
export function egnCheckDigit(firstNine: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (firstNine.charCodeAt(i) - 48) * (WEIGHTS[i] ?? 0);
  const remainder = sum % 11;
  return remainder === 10 ? 0 : remainder;
}

function decodeDate(value: string): { year: number; month: number; day: number } | null {
  const yy = Number(value.slice(0, 2));
  const mm = Number(value.slice(2, 4));
  const day = Number(value.slice(4, 6));
  let year: number;
  let month: number;
  if (mm >= 41 && mm <= 52) {
    year = 2000 + yy;
    month = mm - 40;
  } else if (mm >= 21 && mm <= 32) {
    year = 1800 + yy;
    month = mm - 20;
  } else {
    year = 1900 + yy;
    month = mm;
  }
  return isValidDateParts(year, month, day) ? { year, month, day } : null;
}

export function checkEgn(value: string): EgnProblem | null {
  if (value.length !== 10) return 'length';
  if (!/^\d{10}$/.test(value)) return 'characters';
  if (!decodeDate(value)) return 'date';
  if (egnCheckDigit(value) !== value.charCodeAt(9) - 48) return 'checksum';
  return null;
}

export function isValidEgn(value: string): boolean {
  return checkEgn(value) === null;
}

export function parseEgn(value: string): EgnFacts {
  const problem = checkEgn(value);
  if (problem) throw new EgnError(problem, `invalid EGN (${problem})`);
  const date = decodeDate(value)!;
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    birthDate: `${date.year}-${pad(date.month)}-${pad(date.day)}`,
    sex: (value.charCodeAt(8) - 48) % 2 === 0 ? 'M' : 'F',
  };
}

/**
 * Builds a valid EGN. `serial` (0..499) fills digits 7–9 together with the sex parity, so each birth date
 * and sex has 500 distinct numbers.
 */
export function makeEgn(birthDate: string, sex: EgnSex, serial: number): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  const day = Number(match?.[3]);
  if (!match || !isValidDateParts(year, month, day) || year < 1800 || year > 2099) {
    throw new EgnError('date', `cannot encode birth date ${birthDate} in an EGN`);
  }
  if (!Number.isInteger(serial) || serial < 0 || serial > 499) {
    throw new RangeError(`EGN serial must be 0..499, got ${serial}`);
  }
  const monthCode = year < 1900 ? month + 20 : year >= 2000 ? month + 40 : month;
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  const firstNine = `${pad(year % 100, 2)}${pad(monthCode, 2)}${pad(day, 2)}${pad(serial * 2 + (sex === 'F' ? 1 : 0), 3)}`;
  return firstNine + egnCheckDigit(firstNine);
}
