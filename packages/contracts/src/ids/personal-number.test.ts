import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeEgn } from './egn.ts';
import {
  EGN,
  PERSONAL_NUMBER_SCHEMES,
  PESEL,
  personalNumberInputProblem,
  personalNumberScheme,
  redactPersonalNumbers,
} from './personal-number.ts';
import { makePesel } from './pesel.ts';

const birthDate = fc
  .date({ min: new Date('1800-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));
const sex = fc.constantFrom<'M' | 'F'>('M', 'F');

describe('personal-number schemes', () => {
  it.each(Object.values(PERSONAL_NUMBER_SCHEMES))(
    '$id: made numbers check, match the pattern and give back birth date and sex',
    (scheme) => {
      fc.assert(
        fc.property(birthDate, sex, fc.integer({ min: 0, max: scheme.serials - 1 }), (date, s, serial) => {
          const value = scheme.make(date, s, serial);
          expect(value).toHaveLength(scheme.length);
          expect(value).toMatch(new RegExp(scheme.pattern));
          expect(scheme.check(value)).toBeNull();
          expect(scheme.birthDate(value)).toBe(date);
          expect(scheme.sex(value)).toBe(s);
        }),
      );
    },
  );

  it('are chosen by id', () => {
    expect(personalNumberScheme('egn')).toBe(EGN);
    expect(personalNumberScheme('pesel')).toBe(PESEL);
  });

  it("refuse each other's numbers: an EGN is too short for PESEL, a PESEL too long for EGN", () => {
    expect(PESEL.check(makeEgn('1985-03-14', 'M', 123))).toBe('length');
    expect(EGN.check(makePesel('1985-03-14', 'M', 123))).toBe('length');
  });

  it('tell a form whether the digits are missing or do not check', () => {
    const egn = makeEgn('1985-03-14', 'M', 123);
    expect(personalNumberInputProblem(EGN, egn)).toBeNull();
    expect(personalNumberInputProblem(EGN, `${egn.slice(0, 9)}${(Number(egn[9]) + 1) % 10}`)).toBe(
      'personal-number-invalid',
    );
    expect(personalNumberInputProblem(EGN, egn.slice(0, 9))).toBe('personal-number-digits');
    expect(personalNumberInputProblem(EGN, `${egn.slice(0, 9)}x`)).toBe('personal-number-digits');
    expect(personalNumberInputProblem(PESEL, egn)).toBe('personal-number-digits');
    expect(personalNumberInputProblem(PESEL, '44051401359')).toBeNull();
  });
});

describe('redactPersonalNumbers', () => {
  it('hides a 10-digit EGN and an 11-digit PESEL wherever they stand', () => {
    expect(redactPersonalNumbers('/api/persons/7523169263/addresses')).toBe(
      '/api/persons/**********/addresses',
    );
    expect(redactPersonalNumbers('/api/persons/44051401359?x=1')).toBe('/api/persons/***********?x=1');
    expect(redactPersonalNumbers('subject=44051401359&owner=7523169263')).toBe(
      'subject=***********&owner=**********',
    );
  });

  it('leaves shorter and longer digit runs alone (ids, timestamps, VIN digits)', () => {
    expect(redactPersonalNumbers('/api/reports/123456789')).toBe('/api/reports/123456789');
    expect(redactPersonalNumbers('/log/tile/0/000000000000')).toBe('/log/tile/0/000000000000');
  });
});
