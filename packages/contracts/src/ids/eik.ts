/**
 * Bulgarian company identifier (ЕИК / UIC, 9 digits). Check digit: weighted sum of the first eight digits
 * with weights 1..8 mod 11; if that is 10, weights 3..10 mod 11; if that is 10 again, 0.
 */
export type EikProblem = 'length' | 'characters' | 'checksum';

export function eikCheckDigit(firstEight: string): number {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (firstEight.charCodeAt(i) - 48) * (i + 1);
  let remainder = sum % 11;
  if (remainder !== 10) return remainder;
  sum = 0;
  for (let i = 0; i < 8; i++) sum += (firstEight.charCodeAt(i) - 48) * (i + 3);
  remainder = sum % 11;
  return remainder === 10 ? 0 : remainder;
}

export function checkEik(value: string): EikProblem | null {
  if (value.length !== 9) return 'length';
  if (!/^\d{9}$/.test(value)) return 'characters';
  if (eikCheckDigit(value) !== value.charCodeAt(8) - 48) return 'checksum';
  return null;
}

export function isValidEik(value: string): boolean {
  return checkEik(value) === null;
}

/** A valid EIK from eight base digits (a number is zero-padded). */
export function makeEik(base8: string | number): string {
  const base = typeof base8 === 'number' ? String(base8).padStart(8, '0') : base8;
  if (!/^\d{8}$/.test(base)) throw new RangeError(`EIK base must be 8 digits, got ${base8}`);
  return base + eikCheckDigit(base);
}
