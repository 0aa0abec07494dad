import { describe, expect, it } from 'vitest';
import { checkEncounter, EMPTY_ENCOUNTER, type EncounterDraft, parseDecimal } from './encounter-form.ts';

const errorsOf = (draft: Partial<EncounterDraft>) => {
  const result = checkEncounter({ ...EMPTY_ENCOUNTER, ...draft });
  return result.ok ? [] : result.errors.map((error) => `${error.field}:${error.problem}`);
};

describe('the encounter form', () => {
  it('needs only the reason for the visit', () => {
    expect(errorsOf({})).toEqual(['reason:required']);
    const checked = checkEncounter({ ...EMPTY_ENCOUNTER, reason: '  Control visit ' });
    expect(checked).toEqual({ ok: true, reason: 'Control visit', vitals: {} });
  });

  it('reads decimals typed with a comma or a point', () => {
    expect(parseDecimal('7,4')).toBe(7.4);
    expect(parseDecimal('7.4')).toBe(7.4);
    expect(parseDecimal('7,4,1')).toBeNull();
    expect(parseDecimal('-1')).toBeNull();
    expect(parseDecimal('1e3')).toBeNull();
  });

  it('asks for both blood pressures or neither, and checks each number against its bounds', () => {
    expect(errorsOf({ reason: 'x', systolic: '130' })).toEqual(['diastolic:both-pressures']);
    expect(errorsOf({ reason: 'x', systolic: '1300', diastolic: '80' })).toEqual(['systolic:out-of-range']);
    expect(errorsOf({ reason: 'x', heartRate: '72.5' })).toEqual(['heartRate:whole-number']);
    expect(errorsOf({ reason: 'x', weight: 'heavy' })).toEqual(['weight:number']);
  });

  it('takes a lab result only with its test, from the terminology', () => {
    expect(errorsOf({ reason: 'x', labValue: '5' })).toEqual(['labCode:value-without-test']);
    expect(errorsOf({ reason: 'x', labCode: '4548-4' })).toEqual(['labValue:required']);
    expect(errorsOf({ reason: 'x', labCode: '9999-9', labValue: '5' })).toEqual(['labCode:unknown-code']);
    const checked = checkEncounter({ ...EMPTY_ENCOUNTER, reason: 'x', labCode: '4548-4', labValue: '7,9' });
    expect(checked.ok && checked.lab).toEqual({ code: '4548-4', value: 7.9 });
  });

  it('needs the dose, the times a day and the quantity of a prescription', () => {
    expect(errorsOf({ reason: 'x', medicine: 'A10BA02' })).toEqual([
      'doseAmount:required',
      'timesPerDay:required',
      'quantity:required',
    ]);
    expect(
      errorsOf({ reason: 'x', medicine: 'X99', doseAmount: '1', timesPerDay: '2', quantity: '60' }),
    ).toEqual(['medicine:unknown-code']);
    const checked = checkEncounter({
      ...EMPTY_ENCOUNTER,
      reason: 'x',
      medicine: 'A10BA02',
      doseAmount: '1',
      timesPerDay: '2',
      quantity: '60',
    });
    expect(checked.ok && checked.prescription).toEqual({
      medicine: 'A10BA02',
      doseAmount: 1,
      timesPerDay: 2,
      quantity: 60,
    });
  });

  it('refuses control characters in what is typed', () => {
    expect(errorsOf({ reason: 'Visit\u0000' })).toEqual(['reason:characters']);
    expect(errorsOf({ reason: 'x', diagnosis: 'E11', note: 'a\u001bb' })).toEqual(['note:characters']);
    expect(errorsOf({ reason: 'x'.repeat(501) })).toEqual(['reason:too-long']);
  });
});
