import { makeEgn } from '@civitas/contracts/ids/egn.ts';
import { makePesel } from '@civitas/contracts/ids/pesel.ts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalisePersonalNumber, personalNumberProblem } from './find-patient-form.ts';

describe('finding a patient by personal number', () => {
  it('takes an EGN or a PESEL, with the spaces people group it with', () => {
    const egn = makeEgn('1975-01-02', 'M', 7);
    expect(personalNumberProblem(egn)).toBeNull();
    expect(personalNumberProblem(`${egn.slice(0, 6)} ${egn.slice(6)}`)).toBeNull();
    expect(normalisePersonalNumber(` ${egn.slice(0, 6)} ${egn.slice(6)} `)).toBe(egn);
    expect(personalNumberProblem(makePesel('1975-01-02', 'F', 3))).toBeNull();
  });

  it('says what is wrong before asking the record', () => {
    expect(personalNumberProblem('')).toBe('required');
    expect(personalNumberProblem('75010200')).toBe('personal-number-digits');
    expect(personalNumberProblem('75O1020018')).toBe('personal-number-digits');
  });

  it('refuses every EGN with a wrong check digit', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2025-12-31'), noInvalidDate: true }),
        fc.constantFrom('M' as const, 'F' as const),
        fc.integer({ min: 0, max: 499 }),
        fc.integer({ min: 1, max: 9 }),
        (date, sex, serial, shift) => {
          const egn = makeEgn(date.toISOString().slice(0, 10), sex, serial);
          const wrong = `${egn.slice(0, 9)}${(Number(egn[9]) + shift) % 10}`;
          expect(personalNumberProblem(egn)).toBeNull();
          expect(personalNumberProblem(wrong)).toBe('personal-number-invalid');
        },
      ),
    );
  });
});
