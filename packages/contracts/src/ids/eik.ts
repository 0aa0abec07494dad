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

/**
 * A branch's code (13 digits): the company's EIK, three digits numbering the branch and a check
 * digit over the last four of the first twelve (weights 2, 7, 3, 5 mod 11; if that is 10, weights
 * 4, 9, 5, 7; if that is 10 again, 0), as the BULSTAT register defines it.
 */
export function branchCheckDigit(firstTwelve: string): number {
  const digits = [8, 9, 10, 11].map((index) => firstTwelve.charCodeAt(index) - 48);
  const weigh = (weights: readonly number[]) =>
    digits.reduce((sum, digit, index) => sum + digit * weights[index]!, 0) % 11;
  const remainder = weigh([2, 7, 3, 5]);
  if (remainder !== 10) return remainder;
  const second = weigh([4, 9, 5, 7]);
  return second === 10 ? 0 : second;
}

/** A company's EIK (9 digits) or one of its branches' codes (13 digits). */
export function checkEikOrBranch(value: string): EikProblem | null {
  if (value.length === 9) return checkEik(value);
  if (value.length !== 13) return 'length';
  if (!/^\d{13}$/.test(value)) return 'characters';
  const company = checkEik(value.slice(0, 9));
  if (company) return company;
  return branchCheckDigit(value) === value.charCodeAt(12) - 48 ? null : 'checksum';
}

/** A valid branch code: the company's EIK and the branch's number (1..999). */
export function makeBranchCode(eik: string, branch: number): string {
  if (checkEik(eik)) throw new RangeError(`not a valid EIK: ${eik}`);
  if (!Number.isInteger(branch) || branch < 0 || branch > 999) throw new RangeError('branch: 0..999');
  const twelve = eik + String(branch).padStart(3, '0');
  return twelve + branchCheckDigit(twelve);
}
