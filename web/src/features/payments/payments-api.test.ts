import { describe, expect, it } from 'vitest';
import { orderRequestOf } from './payments-api.ts';

describe('a payment order for what is due', () => {
  it('names a fine by its number and a vehicle tax by VIN and year', () => {
    const base = { amountCents: 1000, currency: 'EUR' as const, issuedOn: null, detail: 'x' };
    expect(orderRequestOf({ ...base, kind: 'fine', reference: 'К123' })).toEqual({
      kind: 'fine',
      number: 'К123',
    });
    expect(orderRequestOf({ ...base, kind: 'vehicle-tax', reference: 'WVWZZZ1JZXW000001/2025' })).toEqual({
      kind: 'vehicle-tax',
      vin: 'WVWZZZ1JZXW000001',
      year: 2025,
    });
  });
});
