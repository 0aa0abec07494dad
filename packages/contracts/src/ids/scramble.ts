/**
 * Bijective scrambling of [0, modulus): distinct indexes always give distinct numbers, so generators can
 * derive unique document and certificate numbers from an entity's index instead of remembering every number
 * issued. Not secret; it only keeps numbers from looking sequential.
 */
export interface Scrambler {
  readonly modulus: number;
  scramble(index: number): number;
  /** Scrambled index zero-padded to the modulus's digit count (modulus must be a power of ten). */
  digits(index: number): string;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

export function makeScrambler(modulus: number, multiplier: number, offset: number): Scrambler {
  if (gcd(multiplier, modulus) !== 1) throw new RangeError('multiplier must be coprime to the modulus');
  if (modulus * multiplier > Number.MAX_SAFE_INTEGER) throw new RangeError('modulus × multiplier too large');
  const width = String(modulus - 1).length;
  const scramble = (index: number): number => {
    if (index < 0 || index >= modulus || !Number.isInteger(index))
      throw new RangeError(`index ${index} out of range`);
    return (index * multiplier + offset) % modulus;
  };
  return { modulus, scramble, digits: (index) => String(scramble(index)).padStart(width, '0') };
}
