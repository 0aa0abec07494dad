import { describe, expect, it } from 'vitest';
import { EMPTY_DESK, validateDesk } from './desk-form.ts';

describe('the wallet desk form', () => {
  it('asks for the person and the document', () => {
    expect(validateDesk(EMPTY_DESK)).toEqual({
      ok: false,
      errors: [
        { field: 'personalNumber', problem: 'required' },
        { field: 'configurationId', problem: 'required' },
      ],
    });
  });

  it('refuses a personal number that is not 10 or 11 digits, and takes it with spaces', () => {
    const draft = { ...EMPTY_DESK, configurationId: 'ehic' as const };
    expect(validateDesk({ ...draft, personalNumber: '12345' })).toMatchObject({
      ok: false,
      errors: [{ field: 'personalNumber', problem: 'personal-number-digits' }],
    });
    expect(validateDesk({ ...draft, personalNumber: '85 03 14 1234' })).toEqual({
      ok: true,
      request: { personalNumber: '8503141234', configurationId: 'ehic' },
    });
  });

  it('asks for a valid VIN only for a vehicle registration, and sends it normalised', () => {
    const draft = {
      ...EMPTY_DESK,
      personalNumber: '8503141234',
      configurationId: 'vehicle-registration' as const,
    };
    expect(validateDesk(draft)).toMatchObject({ ok: false, errors: [{ field: 'vin', problem: 'required' }] });
    expect(validateDesk({ ...draft, vin: 'WVWZZZ1KZAW12345O' })).toMatchObject({
      errors: [{ field: 'vin', problem: 'vin-ioq' }],
    });
    expect(validateDesk({ ...draft, vin: 'wvwzzz1kz-aw123456' })).toEqual({
      ok: true,
      request: {
        personalNumber: '8503141234',
        configurationId: 'vehicle-registration',
        vin: 'WVWZZZ1KZAW123456',
      },
    });
    expect(validateDesk({ ...draft, configurationId: 'ehic', vin: 'junk' })).toMatchObject({ ok: true });
  });
});
