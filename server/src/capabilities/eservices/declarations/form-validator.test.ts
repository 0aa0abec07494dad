import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATALOGUE_FOLDER } from '../index.ts';
import { checkForm } from './form-validator.ts';
import { loadCatalogue } from './load.ts';

const service = loadCatalogue(CATALOGUE_FOLDER).get('change-of-current-address')!;
const valid = {
  applicant: { givenName: 'Иван', familyName: 'Георгиев' },
  newAddress: { settlement: 'София', street: 'ул. Оборище', number: '12, ап. 4', postcode: '1504' },
  since: '2026-11-01',
};
const withAddress = (change: Record<string, unknown>) => ({
  ...valid,
  newAddress: { ...valid.newAddress, ...change },
});
const fieldsOf = (data: unknown) => checkForm(service, data).errors.map((error) => error.field);

describe('the server’s check of a form against its declared schema (Ajv 8)', () => {
  it('accepts the filled form and names every missing field by its path', () => {
    expect(checkForm(service, valid)).toEqual({ valid: true, errors: [] });
    expect(fieldsOf({ applicant: valid.applicant, newAddress: {} }).sort()).toEqual([
      'newAddress.number',
      'newAddress.postcode',
      'newAddress.settlement',
      'newAddress.street',
      'since',
    ]);
  });

  it('accepts a postcode exactly when it is four digits', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), (postcode) => {
        const errors = fieldsOf(withAddress({ postcode }));
        expect(errors.includes('newAddress.postcode')).toBe(!/^[0-9]{4}$/.test(postcode));
        expect(errors.filter((field) => field !== 'newAddress.postcode')).toEqual([]);
      }),
    );
  });

  it('refuses a control character anywhere in a street name, and nothing else about it', () => {
    const control = fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code));
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 30 }), control, fc.nat(30), (text, bad, at) => {
        const street = `ул. ${text.slice(0, at)}${bad}${text.slice(at)}`;
        expect(fieldsOf(withAddress({ street }))).toEqual(['newAddress.street']);
      }),
    );
  });

  it('refuses a value of the wrong type or an impossible date, at its own path', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string())), (value) => {
        expect(fieldsOf({ ...valid, since: value })).toEqual(['since']);
      }),
    );
    expect(fieldsOf({ ...valid, since: '2026-02-30' })).toEqual(['since']);
  });
});
