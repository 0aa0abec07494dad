import { makeEgn } from '@civitas/contracts/ids/egn.ts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_LOOKUP, groundsHeaders, type LookupDraft, validateLookup } from './lookup-form.ts';

const VALID_EGN = makeEgn('1985-03-14', 'M', 123);
const VALID_VIN = 'WVWZZZ1KZAW123456';
const grounds = {
  purpose: 'address-verification',
  legalBasis: 'civil-registration-act-106',
  caseNumber: 'ДП-77/2026',
};

const errorsOf = (draft: Partial<LookupDraft>) => {
  const result = validateLookup({ ...EMPTY_LOOKUP, ...draft });
  return result.ok ? [] : result.errors;
};

describe('the lookup form', () => {
  it('asks for everything when nothing is filled in', () => {
    expect(errorsOf({})).toEqual([
      { field: 'personalNumber', problem: 'required' },
      { field: 'purpose', problem: 'required' },
      { field: 'legalBasis', problem: 'required' },
      { field: 'caseNumber', problem: 'required' },
    ]);
    expect(errorsOf({ kind: 'vehicle', ...grounds })).toEqual([{ field: 'vin', problem: 'required' }]);
  });

  it('gives a person lookup with the personal number as typed, without spaces, and the case number trimmed', () => {
    const spaced = `${VALID_EGN.slice(0, 6)} ${VALID_EGN.slice(6)}`;
    expect(
      validateLookup({ ...EMPTY_LOOKUP, personalNumber: spaced, ...grounds, caseNumber: '  ДП-77/2026 ' }),
    ).toEqual({ ok: true, request: { kind: 'person', personalNumber: VALID_EGN, ...grounds } });
  });

  it('gives a vehicle lookup with the VIN upper-cased', () => {
    expect(
      validateLookup({ ...EMPTY_LOOKUP, kind: 'vehicle', vin: VALID_VIN.toLowerCase(), ...grounds }),
    ).toEqual({
      ok: true,
      request: { kind: 'vehicle', vin: VALID_VIN, ...grounds },
    });
  });

  it('tells digits missing from an impossible personal number', () => {
    expect(errorsOf({ personalNumber: '85031467', ...grounds })).toEqual([
      { field: 'personalNumber', problem: 'personal-number-digits' },
    ]);
    const wrongCheckDigit = `${VALID_EGN.slice(0, 9)}${(Number(VALID_EGN[9]) + 1) % 10}`;
    expect(errorsOf({ personalNumber: wrongCheckDigit, ...grounds })).toEqual([
      { field: 'personalNumber', problem: 'personal-number-invalid' },
    ]);
  });

  it('refuses a VIN of the wrong form', () => {
    expect(errorsOf({ kind: 'vehicle', vin: 'WVWZZZ1KZAW12345O', ...grounds })).toEqual([
      { field: 'vin', problem: 'vin-ioq' },
    ]);
    expect(errorsOf({ kind: 'vehicle', vin: 'WVWZZZ', ...grounds })).toEqual([
      { field: 'vin', problem: 'vin-length' },
    ]);
  });

  it('refuses a case number that is too long or holds a control character', () => {
    expect(errorsOf({ personalNumber: VALID_EGN, ...grounds, caseNumber: 'Д'.repeat(101) })).toEqual([
      { field: 'caseNumber', problem: 'case-number-too-long' },
    ]);
    expect(errorsOf({ personalNumber: VALID_EGN, ...grounds, caseNumber: '12\u0000' })).toEqual([
      { field: 'caseNumber', problem: 'case-number-characters' },
    ]);
  });

  it('sends any case number in headers a browser accepts (Latin-1), which decode to it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 100 }), (caseNumber) => {
        const headers = groundsHeaders({ ...grounds, caseNumber });
        expect(new Headers(headers).get('x-case')).toBe(headers['X-Case']);
        expect(headers['X-Case']).toMatch(/^[\u0021-\u007e]*$/);
        expect(decodeURIComponent(headers['X-Case']!)).toBe(caseNumber);
      }),
    );
  });
});
