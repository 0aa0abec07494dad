import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkEik, eikCheckDigit, makeEik } from './eik.ts';

describe('EIK', () => {
  it('accepts known valid company identifiers', () => {
    expect(checkEik('121604974')).toBeNull(); // Bulgarian Posts EAD
    expect(checkEik('831642181')).toBeNull();
  });

  it('every made EIK validates and any single-digit change is caught', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99_999_999 }),
        fc.integer({ min: 0, max: 7 }),
        fc.integer({ min: 1, max: 9 }),
        (base, position, delta) => {
          const eik = makeEik(base);
          expect(checkEik(eik)).toBeNull();
          const digits = eik.split('');
          digits[position] = String((Number(digits[position]) + delta) % 10);
          const changed = digits.join('');
          // A changed base digit only goes unnoticed when both fall-back rules map it to the same digit.
          if (eikCheckDigit(changed) !== Number(changed[8])) expect(checkEik(changed)).toBe('checksum');
        },
      ),
    );
  });

  it('uses the second weights when the first remainder is 10', () => {
    // 1·0+2·0+3·0+4·0+5·0+6·0+7·0+8·4 = 32 ≡ 10 (mod 11); second: 10·4 = 40 ≡ 7.
    expect(eikCheckDigit('00000004')).toBe(7);
  });

  it.each([
    ['12160497', 'length'],
    ['1216049744', 'length'],
    ['12160497a', 'characters'],
    ['121604975', 'checksum'],
  ] as const)('reports %s as %s', (value, problem) => {
    expect(checkEik(value)).toBe(problem);
  });
});
