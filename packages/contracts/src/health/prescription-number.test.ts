import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatPrescriptionNumber,
  isValidPrescriptionNumber,
  newPrescriptionNumber,
  normalisePrescriptionNumber,
  PRESCRIPTION_ALPHABET,
  parsePrescriptionQr,
  prescriptionNumberFrom,
  prescriptionQrPayload,
} from './prescription-number.ts';

const alphabetChar = fc.constantFrom(...PRESCRIPTION_ALPHABET);
const bytes = fc.uint8Array({ minLength: 24, maxLength: 24 });

describe('prescription numbers', () => {
  it('are 12 characters of the look-alike-free alphabet with a valid check character', () => {
    fc.assert(
      fc.property(bytes, (random) => {
        const number = newPrescriptionNumber((n) => (random.length >= n ? random : new Uint8Array(n)));
        expect(number).toMatch(/^[2-9A-HJKMNP-Z]{12}$/);
        expect(isValidPrescriptionNumber(number)).toBe(true);
      }),
    );
    for (let i = 0; i < 200; i++) expect(isValidPrescriptionNumber(newPrescriptionNumber())).toBe(true);
  });

  it('come the same from a seeded source, for the synthetic data', () => {
    const seeded = (seed: number) => {
      let state = seed;
      return (below: number) => {
        state = (state * 1103515245 + 12345) % 2 ** 31;
        return state % below;
      };
    };
    const a = prescriptionNumberFrom(seeded(7));
    expect(prescriptionNumberFrom(seeded(7))).toBe(a);
    expect(isValidPrescriptionNumber(a)).toBe(true);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 30 }), (seed) => {
        expect(isValidPrescriptionNumber(prescriptionNumberFrom(seeded(seed)))).toBe(true);
      }),
    );
  });

  it('catch every single mistyped character', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 11 }), alphabetChar, (at, char) => {
        const number = newPrescriptionNumber();
        fc.pre(number[at] !== char);
        const typo = number.slice(0, at) + char + number.slice(at + 1);
        expect(isValidPrescriptionNumber(typo)).toBe(false);
      }),
    );
  });

  it('catch two swapped neighbours', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 }), (at) => {
        const number = newPrescriptionNumber();
        fc.pre(number[at] !== number[at + 1]);
        const swapped = number.slice(0, at) + number[at + 1] + number[at] + number.slice(at + 2);
        expect(isValidPrescriptionNumber(swapped)).toBe(false);
      }),
    );
  });

  it('are read as typed: lower case, spaces and dashes, and nothing else', () => {
    const number = newPrescriptionNumber();
    expect(normalisePrescriptionNumber(formatPrescriptionNumber(number).toLowerCase())).toBe(number);
    expect(normalisePrescriptionNumber(` ${number.slice(0, 6)} ${number.slice(6)} `)).toBe(number);
    expect(normalisePrescriptionNumber(`${number}2`)).toBeNull();
    expect(normalisePrescriptionNumber(number.replace(/./, 'O'))).toBeNull();
    expect(normalisePrescriptionNumber(`${number.slice(0, 11)}\u0000`)).toBeNull();
    fc.assert(
      fc.property(fc.string(), (typed) => {
        const canonical = normalisePrescriptionNumber(typed);
        if (canonical !== null) expect(isValidPrescriptionNumber(canonical)).toBe(true);
      }),
    );
  });

  it('travel in the QR with a patient tag, and a foreign QR is not read as one', () => {
    const number = newPrescriptionNumber();
    expect(parsePrescriptionQr(prescriptionQrPayload(number, 'tAg_9-x'))).toEqual({ number, tag: 'tAg_9-x' });
    expect(parsePrescriptionQr(`CIVRX1:${number}`)).toBeNull();
    expect(parsePrescriptionQr('openid4vp://?client_id=x')).toBeNull();
    const broken = number.slice(0, 11) + (number[11] === '2' ? '3' : '2');
    expect(parsePrescriptionQr(prescriptionQrPayload(broken, 'tag'))).toBeNull();
  });
});
