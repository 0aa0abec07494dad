import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { camelRow } from './camel-case.ts';

describe('camelRow', () => {
  it('turns snake_case columns into camelCase keys and keeps the values', () => {
    const created = new Date(0);
    expect(
      camelRow({ vin: 'X', first_registration_date: '2020-01-02', engine_cc: 1598, co2_g_km: null, created }),
    ).toEqual({
      vin: 'X',
      firstRegistrationDate: '2020-01-02',
      engineCc: 1598,
      co2GKm: null,
      created,
    });
  });

  it('gives the same answer the second time a column is seen', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/), { maxLength: 6 }),
        (columns) => {
          const row = Object.fromEntries(columns.map((column, i) => [column, i]));
          const first = camelRow(row);
          expect(camelRow(row)).toEqual(first);
          for (const column of columns) {
            const key = column.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
            expect(Object.hasOwn(first, key)).toBe(true);
          }
        },
      ),
    );
  });
});
