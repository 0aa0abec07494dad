/**
 * Vehicle identification number (ISO 3779). The check digit at position 9 is mandatory only for North
 * American manufacturers (WMI starting 1–5); European manufacturers may use that position freely, so it is
 * verified only there.
 */
export type VinProblem = 'length' | 'characters' | 'checksum';

const ALLOWED = /^[A-HJ-NPR-Z0-9]{17}$/;
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
const LETTER_VALUES: Record<string, number> = {
  A: 1,
  B: 2,
  C: 3,
  D: 4,
  E: 5,
  F: 6,
  G: 7,
  H: 8,
  J: 1,
  K: 2,
  L: 3,
  M: 4,
  N: 5,
  P: 7,
  R: 9,
  S: 2,
  T: 3,
  U: 4,
  V: 5,
  W: 6,
  X: 7,
  Y: 8,
  Z: 9,
};

function transliterate(char: string): number {
  const code = char.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  const value = LETTER_VALUES[char];
  if (value === undefined) throw new RangeError(`character not allowed in a VIN: ${char}`);
  return value;
}

/** The check digit ('0'–'9' or 'X') a VIN should carry at position 9; expects 17 allowed characters. */
export function vinCheckDigit(vin: string): string {
  if (!ALLOWED.test(vin)) throw new RangeError(`not a 17-character VIN: ${vin}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += transliterate(vin[i]!) * (WEIGHTS[i] ?? 0);
  const remainder = sum % 11;
  return remainder === 10 ? 'X' : String(remainder);
}

/** The same VIN with position 9 replaced by its correct check digit. */
export function withCheckDigit(vin17: string): string {
  const digit = vinCheckDigit(`${vin17.slice(0, 8)}0${vin17.slice(9)}`);
  return `${vin17.slice(0, 8)}${digit}${vin17.slice(9)}`;
}

function requiresCheckDigit(vin: string): boolean {
  const first = vin.charCodeAt(0);
  return first >= 49 && first <= 53; // '1'..'5': North American WMI
}

export function checkVin(value: string): VinProblem | null {
  if (value.length !== 17) return 'length';
  if (!ALLOWED.test(value)) return 'characters';
  if (requiresCheckDigit(value) && vinCheckDigit(value) !== value[8]) return 'checksum';
  return null;
}

export function isValidVin(value: string): boolean {
  return checkVin(value) === null;
}

/** Strictest form: also verifies position 9 for non-North-American VINs (as every generated VIN carries one). */
export function hasCorrectCheckDigit(value: string): boolean {
  return ALLOWED.test(value) && vinCheckDigit(value) === value[8];
}
