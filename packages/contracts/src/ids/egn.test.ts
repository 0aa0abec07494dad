import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkEgn, EgnError, isValidEgn, makeEgn, parseEgn } from './egn.ts';

const birthDate = fc
  .date({ min: new Date('1800-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));
const sex = fc.constantFrom<'M' | 'F'>('M', 'F');
const serial = fc.integer({ min: 0, max: 499 });

function rawRemainder(egn: string): number {
  let sum = 0;
  [2, 4, 8, 5, 10, 9, 7, 3, 6].forEach((weight, i) => {
    sum += Number(egn[i]) * weight;
  });
  return sum % 11;
}

describe('EGN', () => {
  it('accepts a known valid EGN and reads its birth date and sex', () => {
    expect(checkEgn('7523169263')).toBeNull();
    expect(parseEgn('7523169263')).toEqual({ birthDate: '1875-03-16', sex: 'M' });
    expect(parseEgn('8032056031')).toEqual({ birthDate: '1880-12-05', sex: 'F' });
  });

  it('every made EGN validates and round-trips birth date and sex', () => {
    fc.assert(
      fc.property(birthDate, sex, serial, (date, s, n) => {
        const egn = makeEgn(date, s, n);
        expect(checkEgn(egn)).toBeNull();
        expect(parseEgn(egn)).toEqual({ birthDate: date, sex: s });
      }),
    );
  });

  it('detects any single-digit change, except between raw remainders 0 and 10, which the official rule merges', () => {
    fc.assert(
      fc.property(
        birthDate,
        sex,
        serial,
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        (date, s, n, position, delta) => {
          const egn = makeEgn(date, s, n);
          const changed =
            egn.slice(0, position) + ((Number(egn[position]) + delta) % 10) + egn.slice(position + 1);
          const merged = position < 9 && rawRemainder(egn) % 10 === 0 && rawRemainder(changed) % 10 === 0;
          expect(isValidEgn(changed)).toBe(merged && checkEgn(changed) === null);
        },
      ),
    );
  });

  it.each([
    ['', 'length'],
    ['123456789', 'length'],
    ['12345678901', 'length'],
    ['75231692a3', 'characters'],
    ['7513169261', 'date'], // month 13
    ['0002300004', 'date'], // 30 February 1900
    ['8402300000', 'date'], // 30 February 1984
    ['7523169264', 'checksum'],
  ] as const)('reports %s as %s', (value, problem) => {
    expect(checkEgn(value)).toBe(problem);
  });

  it('throws a typed error with the problem code', () => {
    try {
      parseEgn('7523169264');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EgnError);
      expect((error as EgnError).code).toBe('checksum');
    }
  });

  it('writes a check remainder of 10 as 0', () => {
    const tens = Array.from({ length: 500 }, (_, n) => makeEgn('1990-01-01', 'M', n)).filter(
      (egn) => rawRemainder(egn) === 10,
    );
    expect(tens.length).toBeGreaterThan(0);
    for (const egn of tens) expect(egn.endsWith('0')).toBe(true);
  });

  it('rejects impossible birth dates and serials when making', () => {
    expect(() => makeEgn('2001-02-29', 'M', 1)).toThrow(EgnError);
    expect(() => makeEgn('1799-12-31', 'M', 1)).toThrow(EgnError);
    expect(() => makeEgn('2000-01-01', 'F', 500)).toThrow(RangeError);
  });
});
