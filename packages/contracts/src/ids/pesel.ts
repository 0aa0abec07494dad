import { isValidDateParts } from '../days.ts';

/**
 * Polish personal number (PESEL): YYMMDD, three serial digits, a digit whose parity gives the sex
 * (even female, odd male: the opposite of the EGN), and a check digit. The month carries the century:
 * +80 for 1800–1899, +0 for 1900–1999, +20 for 2000–2099, +40 for 2100–2199, +60 for 2200–2299.
 */
export type PeselProblem = 'length' | 'characters' | 'date' | 'checksum';
export type PeselSex = 'M' | 'F';

export interface PeselFacts {
  birthDate: string;
  sex: PeselSex;
}

export class PeselError extends Error {
  readonly code: PeselProblem;
  constructor(code: PeselProblem, message: string) {
    super(message);
    this.name = 'PeselError';
    this.code = code;
  }
}

const WEIGHTS = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
/** Month offset of each century, from 1800 on. */
const CENTURY_OFFSETS = [80, 0, 20, 40, 60];
const FIRST_CENTURY = 1800;

/** Check digit over the first ten digits: what brings the weighted sum to a multiple of ten. */
export function peselCheckDigit(firstTen: string): number {
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += (firstTen.charCodeAt(i) - 48) * (WEIGHTS[i] ?? 0);
  return (10 - (sum % 10)) % 10;
}

function decodeDate(value: string): { year: number; month: number; day: number } | null {
  const yy = Number(value.slice(0, 2));
  const mm = Number(value.slice(2, 4));
  const day = Number(value.slice(4, 6));
  const century = CENTURY_OFFSETS.findIndex((offset) => mm > offset && mm <= offset + 12);
  if (century < 0) return null;
  const year = FIRST_CENTURY + century * 100 + yy;
  const month = mm - (CENTURY_OFFSETS[century] ?? 0);
  return isValidDateParts(year, month, day) ? { year, month, day } : null;
}

export function checkPesel(value: string): PeselProblem | null {
  if (value.length !== 11) return 'length';
  if (!/^\d{11}$/.test(value)) return 'characters';
  if (!decodeDate(value)) return 'date';
  if (peselCheckDigit(value) !== value.charCodeAt(10) - 48) return 'checksum';
  return null;
}

export function isValidPesel(value: string): boolean {
  return checkPesel(value) === null;
}

export function parsePesel(value: string): PeselFacts {
  const problem = checkPesel(value);
  if (problem) throw new PeselError(problem, `invalid PESEL (${problem})`);
  const date = decodeDate(value)!;
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    birthDate: `${date.year}-${pad(date.month)}-${pad(date.day)}`,
    sex: (value.charCodeAt(9) - 48) % 2 === 0 ? 'F' : 'M',
  };
}

/** Each birth date and sex has 5,000 numbers: three serial digits times five digits of the sex's parity. */
export const PESEL_SERIALS = 5000;

/** Builds a valid PESEL; `serial` (0..4999) fills digits 7–10 together with the sex parity. */
export function makePesel(birthDate: string, sex: PeselSex, serial: number): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  const day = Number(match?.[3]);
  if (!match || !isValidDateParts(year, month, day) || year < 1800 || year > 2299) {
    throw new PeselError('date', `cannot encode birth date ${birthDate} in a PESEL`);
  }
  if (!Number.isInteger(serial) || serial < 0 || serial >= PESEL_SERIALS) {
    throw new RangeError(`PESEL serial must be 0..${PESEL_SERIALS - 1}, got ${serial}`);
  }
  const offset = CENTURY_OFFSETS[Math.floor((year - FIRST_CENTURY) / 100)] ?? 0;
  const sexDigit = (serial % 5) * 2 + (sex === 'M' ? 1 : 0);
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  const firstTen = `${pad(year % 100, 2)}${pad(month + offset, 2)}${pad(day, 2)}${pad(Math.floor(serial / 5), 3)}${sexDigit}`;
  return firstTen + peselCheckDigit(firstTen);
}
