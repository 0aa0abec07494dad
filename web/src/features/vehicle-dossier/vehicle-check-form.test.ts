import { describe, expect, it } from 'vitest';
import {
  dateProblem,
  EMPTY_VEHICLE_CHECK,
  normaliseVin,
  plateProblem,
  validateVehicleCheck,
  vinProblem,
} from './vehicle-check-form.ts';

const TODAY = '2026-05-20';

describe('VIN hints', () => {
  it('accepts 17 letters and digits', () => {
    expect(vinProblem('WVWZZZ1JZXW000001')).toBeNull();
  });

  it('upper-cases and drops the spaces and dashes people group a VIN with', () => {
    expect(normaliseVin(' wvwzzz 1jz-xw000001 ')).toBe('WVWZZZ1JZXW000001');
  });

  it('names I, O and Q, which a VIN never uses', () => {
    expect(vinProblem('WVWZZZ1JZXW00000O')).toBe('vin-ioq');
    expect(vinProblem('IVWZZZ1JZXW000001')).toBe('vin-ioq');
    expect(vinProblem('WVWZZZ1JZXW0000Q1')).toBe('vin-ioq');
  });

  it('refuses other characters and other lengths', () => {
    expect(vinProblem('WVWZZZ1JZXW00000*')).toBe('vin-characters');
    expect(vinProblem('WVWZZZ1JZXW00000Ж')).toBe('vin-characters');
    expect(vinProblem('WVWZZZ1JZXW00000')).toBe('vin-length');
    expect(vinProblem('WVWZZZ1JZXW0000001')).toBe('vin-length');
    expect(vinProblem('')).toBe('required');
  });
});

describe('plate hints', () => {
  it('accepts Cyrillic plates, Latin look-alikes, and spaces or dashes', () => {
    expect(plateProblem('СА 1234 ВХ')).toBeNull();
    expect(plateProblem('ca1234bx')).toBeNull();
    expect(plateProblem('В-1234-КМ')).toBeNull();
  });

  it('refuses letters that are not used on plates and other shapes', () => {
    expect(plateProblem('СА 1234 БХ')).toBe('plate-format');
    expect(plateProblem('СА 123 ВХ')).toBe('plate-format');
    expect(plateProblem('ABC 1234 XY')).toBe('plate-format');
    expect(plateProblem('  ')).toBe('required');
  });
});

describe('first-registration date', () => {
  it('accepts a real date up to today', () => {
    expect(dateProblem('2018-02-28', TODAY)).toBeNull();
    expect(dateProblem(TODAY, TODAY)).toBeNull();
  });

  it('refuses impossible dates and dates after today', () => {
    expect(dateProblem('2019-02-29', TODAY)).toBe('date-invalid');
    expect(dateProblem('2019-13-01', TODAY)).toBe('date-invalid');
    expect(dateProblem('18.02.2019', TODAY)).toBe('date-invalid');
    expect(dateProblem('2026-05-21', TODAY)).toBe('date-future');
  });
});

describe('validateVehicleCheck', () => {
  it('builds the request from the chosen key and the chosen fact only', () => {
    const result = validateVehicleCheck(
      {
        ...EMPTY_VEHICLE_CHECK,
        keyKind: 'vin',
        vin: 'wvwzzz1jzxw000001',
        plate: 'not used',
        factKind: 'firstRegistrationDate',
        firstRegistrationDate: '2018-02-28',
        registrationCertificateNumber: 'not used',
      },
      TODAY,
    );
    expect(result).toEqual({
      ok: true,
      request: { vin: 'WVWZZZ1JZXW000001', firstRegistrationDate: '2018-02-28' },
    });
  });

  it('sends a plate with the registration certificate number', () => {
    const result = validateVehicleCheck(
      {
        ...EMPTY_VEHICLE_CHECK,
        keyKind: 'plate',
        plate: ' СА 1234 ВХ ',
        factKind: 'registrationCertificateNumber',
        registrationCertificateNumber: '008 123 456',
      },
      TODAY,
    );
    expect(result).toEqual({
      ok: true,
      request: { plate: 'СА 1234 ВХ', registrationCertificateNumber: '008123456' },
    });
  });

  it('reports every problem of the fields in use, in the order of the form', () => {
    expect(validateVehicleCheck({ ...EMPTY_VEHICLE_CHECK, vin: 'WVWZZZ1JZXW00000O' }, TODAY)).toEqual({
      ok: false,
      errors: [
        { field: 'vin', problem: 'vin-ioq' },
        { field: 'firstRegistrationDate', problem: 'required' },
      ],
    });
  });
});
