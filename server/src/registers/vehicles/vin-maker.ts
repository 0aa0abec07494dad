/**
 * Builds synthetic VINs that pass the strictest check: real WMI, allowed characters only, model-year code at
 * position 10, and always a correct check digit at position 9. Positions 11–17 encode the vehicle index
 * (scrambled), so VINs are unique by construction.
 */

import { makeScrambler } from '@civitas/contracts/ids/scramble.ts';
import { withCheckDigit } from '@civitas/contracts/ids/vin.ts';
import type { Random } from '../../kernel/index.ts';

export const VIN_ALPHABET = '0123456789ABCDEFGHJKLMNPRSTUVWXYZ';
const YEAR_CODES = 'ABCDEFGHJKLMNPRSTVWXY123456789';
const SERIALS = makeScrambler(VIN_ALPHABET.length * 1_000_000, 48_271, 9_876_543);

/** ISO 3779 model-year code (position 10), which repeats every 30 years from 1980. */
export function modelYearCode(year: number): string {
  return YEAR_CODES[(((year - 1980) % 30) + 30) % 30]!;
}

export function makeVin(random: Random, wmi: string, modelYear: number, index: number): string {
  let descriptor = '';
  for (let i = 0; i < 5; i++) descriptor += VIN_ALPHABET[random.int(0, VIN_ALPHABET.length - 1)];
  const serial = SERIALS.scramble(index);
  const plant = VIN_ALPHABET[Math.floor(serial / 1_000_000)]!;
  return withCheckDigit(
    `${wmi}${descriptor}0${modelYearCode(modelYear)}${plant}${String(serial % 1_000_000).padStart(6, '0')}`,
  );
}
