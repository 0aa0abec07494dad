import { describe, expect, it } from 'vitest';
import {
  localToday,
  pastDateProblem,
  validateDeath,
  validateLicence,
  validateOwner,
} from './change-forms.ts';

const TODAY = '2026-06-01';

describe('the register change forms', () => {
  it('take a licence number as people type it, and refuse what cannot be one', () => {
    expect(validateLicence({ action: 'suspend', number: ' 200 123 456 ' })).toEqual({
      ok: true,
      request: { action: 'suspend', number: '200123456' },
    });
    expect(validateLicence({ action: 'restore', number: '' })).toMatchObject({
      ok: false,
      errors: [{ field: 'number', problem: 'required' }],
    });
    expect(validateLicence({ action: 'restore', number: '12/34' })).toMatchObject({
      errors: [{ field: 'number', problem: 'licence-number' }],
    });
  });

  it('want a death with a personal number and a real date not after today', () => {
    expect(validateDeath({ personalNumber: '8507 146 243', deathDate: '2026-05-31' }, TODAY)).toEqual({
      ok: true,
      request: { personalNumber: '8507146243', deathDate: '2026-05-31' },
    });
    expect(validateDeath({ personalNumber: '85071', deathDate: '2026-06-02' }, TODAY)).toMatchObject({
      errors: [
        { field: 'personalNumber', problem: 'personal-number-digits' },
        { field: 'deathDate', problem: 'date-future' },
      ],
    });
    expect(pastDateProblem('2026-02-30', TODAY)).toBe('date-invalid');
    expect(pastDateProblem('', TODAY)).toBe('required');
  });

  it('want a new owner with a VIN, a personal number and a date', () => {
    expect(
      validateOwner({ vin: 'wvw zzz1jzxw000001', ownerId: '8507146243', eventDate: TODAY }, TODAY),
    ).toEqual({ ok: true, request: { vin: 'WVWZZZ1JZXW000001', ownerId: '8507146243', eventDate: TODAY } });
    expect(validateOwner({ vin: 'WVWZZZ1JZXO000001', ownerId: '', eventDate: '' }, TODAY)).toMatchObject({
      errors: [
        { field: 'vin', problem: 'vin-ioq' },
        { field: 'ownerId', problem: 'required' },
        { field: 'eventDate', problem: 'required' },
      ],
    });
  });

  it("write today as a date input does, in the browser's own calendar", () => {
    expect(localToday(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
  });
});
