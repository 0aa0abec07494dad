import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  branchCheckDigit,
  checkEik,
  checkEikOrBranch,
  eikCheckDigit,
  makeBranchCode,
  makeEik,
} from './eik.ts';

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

describe('EIK with a branch (13 digits)', () => {
  it('accepts every made branch code and the bare EIK, and refuses a changed branch digit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99_999_999 }),
        fc.integer({ min: 1, max: 999 }),
        fc.integer({ min: 9, max: 11 }),
        fc.integer({ min: 1, max: 9 }),
        (base, branch, position, delta) => {
          const code = makeBranchCode(makeEik(base), branch);
          expect(checkEikOrBranch(code)).toBeNull();
          expect(checkEikOrBranch(code.slice(0, 9))).toBeNull();
          const digits = code.split('');
          digits[position] = String((Number(digits[position]) + delta) % 10);
          const changed = digits.join('');
          if (branchCheckDigit(changed) !== Number(changed[12]))
            expect(checkEikOrBranch(changed)).toBe('checksum');
        },
      ),
    );
  });

  it('uses the second weights when the first remainder is 10', () => {
    // 2·0+7·0+3·0+5·2 = 10; second: 4·0+9·0+5·0+7·2 = 14 ≡ 3 (mod 11).
    expect(branchCheckDigit('000000000002')).toBe(3);
  });

  it.each([
    ['1216049740011', 'checksum'], // a valid EIK, a wrong branch check digit (2 is right)
    ['1216049750010', 'checksum'], // the EIK itself is wrong
    ['12160497400', 'length'],
    ['12160497400a1', 'characters'],
  ] as const)('reports %s as %s', (value, problem) => {
    expect(checkEikOrBranch(value)).toBe(problem);
  });
});
