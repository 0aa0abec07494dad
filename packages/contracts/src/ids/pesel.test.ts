import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPesel, isValidPesel, makePesel, PESEL_SERIALS, PeselError, parsePesel } from './pesel.ts';

const birthDate = fc
  .date({ min: new Date('1800-01-01T00:00:00Z'), max: new Date('2299-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));
const sex = fc.constantFrom<'M' | 'F'>('M', 'F');
const serial = fc.integer({ min: 0, max: PESEL_SERIALS - 1 });

describe('PESEL', () => {
  it('accepts known valid numbers and reads their birth date and sex', () => {
    expect(checkPesel('44051401359')).toBeNull();
    expect(parsePesel('44051401359')).toEqual({ birthDate: '1944-05-14', sex: 'M' });
    expect(parsePesel('02070803628')).toEqual({ birthDate: '1902-07-08', sex: 'F' });
  });

  it('reads the century from the month: +80 for the 1800s, +20, +40, +60 for the 2000s to 2200s', () => {
    expect(parsePesel(makePesel('1899-12-31', 'F', 0)).birthDate).toBe('1899-12-31');
    expect(makePesel('1899-12-31', 'F', 0).slice(2, 4)).toBe('92');
    expect(makePesel('2005-03-01', 'M', 0).slice(2, 4)).toBe('23');
    expect(makePesel('2105-03-01', 'M', 0).slice(2, 4)).toBe('43');
    expect(makePesel('2299-12-31', 'M', 0).slice(2, 4)).toBe('72');
  });

  it('every made PESEL validates and round-trips birth date and sex', () => {
    fc.assert(
      fc.property(birthDate, sex, serial, (date, s, n) => {
        const pesel = makePesel(date, s, n);
        expect(checkPesel(pesel)).toBeNull();
        expect(parsePesel(pesel)).toEqual({ birthDate: date, sex: s });
      }),
    );
  });

  it('gives each birth date and sex 5,000 distinct numbers', () => {
    const made = new Set(Array.from({ length: PESEL_SERIALS }, (_, n) => makePesel('1990-01-01', 'F', n)));
    expect(made.size).toBe(PESEL_SERIALS);
  });

  it('detects any single-digit change (the weights 1, 3, 7, 9 are coprime to 10)', () => {
    fc.assert(
      fc.property(
        birthDate,
        sex,
        serial,
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 1, max: 9 }),
        (date, s, n, position, delta) => {
          const pesel = makePesel(date, s, n);
          const changed =
            pesel.slice(0, position) + ((Number(pesel[position]) + delta) % 10) + pesel.slice(position + 1);
          expect(isValidPesel(changed)).toBe(false);
        },
      ),
    );
  });

  it.each([
    ['', 'length'],
    ['4405140135', 'length'],
    ['440514013590', 'length'],
    ['4405140135a', 'characters'],
    ['44131401359', 'date'], // month 13 of the 1900s
    ['00023000000', 'date'], // 30 February 1900
    ['84023000000', 'date'], // 30 February 1984
    ['44051401358', 'checksum'],
  ] as const)('reports %s as %s', (value, problem) => {
    expect(checkPesel(value)).toBe(problem);
  });

  it('throws a typed error with the problem code', () => {
    try {
      parsePesel('44051401358');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PeselError);
      expect((error as PeselError).code).toBe('checksum');
    }
  });

  it('rejects impossible birth dates and serials when making', () => {
    expect(() => makePesel('2001-02-29', 'M', 1)).toThrow(PeselError);
    expect(() => makePesel('1799-12-31', 'M', 1)).toThrow(PeselError);
    expect(() => makePesel('2300-01-01', 'M', 1)).toThrow(PeselError);
    expect(() => makePesel('2000-01-01', 'F', PESEL_SERIALS)).toThrow(RangeError);
  });
});
