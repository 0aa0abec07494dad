import { describe, expect, it } from 'vitest';
import { emptyFields, valueOrigin } from './confirm-values.ts';
import { type FieldName, PARKING_PERMIT_FIELDS } from './parking-permit-fields.ts';
import type { PrefillRow } from './prefill-rows.ts';

const rows: PrefillRow[] = PARKING_PERMIT_FIELDS.map((field) => ({
  field,
  source: null,
  registerValue: field.name === 'vehicleTaxPaid' ? null : 'x',
  missing: field.name === 'vehicleTaxPaid' ? 'register-unanswered' : null,
}));

const filled = Object.fromEntries(PARKING_PERMIT_FIELDS.map((field) => [field.name, 'x'])) as Record<
  FieldName,
  string
>;

describe('emptyFields', () => {
  it('is empty when every field has a value', () => {
    expect(emptyFields(rows, filled)).toEqual([]);
  });

  it('names the empty and whitespace-only fields, in form order', () => {
    expect(emptyFields(rows, { ...filled, vehicleTaxPaid: '', permanentAddress: '  ' })).toEqual([
      'permanentAddress',
      'vehicleTaxPaid',
    ]);
  });
});

describe('valueOrigin', () => {
  const plate = { ...rows[4]!, registerValue: 'СВ3107ВН' };
  const tax = rows[9]!;

  it('says a value is from the register when the citizen kept it (surrounding spaces aside)', () => {
    expect(valueOrigin(plate, ' СВ3107ВН ')).toBe('register');
  });

  it('says a value was corrected when the citizen changed the register value', () => {
    expect(valueOrigin(plate, 'СВ3107ВА')).toBe('corrected');
  });

  it('says a value was entered when no register supplied it', () => {
    expect(valueOrigin(tax, 'true')).toBe('entered');
  });
});
