import type { ServiceDeclaration } from '@civitas/contracts/eservices/declaration.ts';
import { describe, expect, it } from 'vitest';
import { errorSchemaOf, localisedForm } from './localised-form.ts';

const T = (bg: string, en: string, pl: string) => ({ bg, en, pl });
/** The part of the parking permit's declaration the form is made from. */
const permit = {
  form: {
    schema: {
      type: 'object',
      properties: {
        vehicle: { type: 'object', properties: { plate: { type: 'string' }, make: { type: 'string' } } },
        zone: { type: 'string', enum: ['blue', 'green'] },
      },
    },
    uiSchema: { zone: { 'ui:widget': 'radio' } },
    labels: {
      vehicle: T('Автомобил', 'Vehicle', 'Pojazd'),
      'vehicle.plate': T('Регистрационен номер', 'Registration plate', 'Numer rejestracyjny'),
      'vehicle.make': T('Марка', 'Make', 'Marka'),
      zone: T('Зона', 'Zone', 'Strefa'),
    },
    enumLabels: {
      zone: {
        blue: T('Синя зона', 'Blue zone', 'Strefa niebieska'),
        green: T('Зелена зона', 'Green zone', 'Strefa zielona'),
      },
    },
  },
} as unknown as ServiceDeclaration;
const sources = [
  {
    key: 'vehicles.byOwner',
    service: 'BG/GOV/000695235/vehicle-register/vehicles',
    name: { bg: 'Регистър на МПС', en: 'Vehicle register', pl: 'Rejestr pojazdów' },
    status: 'ok' as const,
    fetchedAt: '2026-12-06T10:00:00Z',
  },
];
const prefill = [{ field: 'vehicle.make', value: 'Škoda', source: 'vehicles.byOwner', editable: false }];

describe('a declaration’s form in the reader’s language', () => {
  it('titles each field with its label and names enum values, in Polish', () => {
    const { schema, uiSchema } = localisedForm(permit, 'pl', prefill, sources, (name) => `Z: ${name}`);
    const properties = schema.properties as Record<
      string,
      { title?: string; properties?: Record<string, { title?: string }> }
    >;
    expect(properties.zone!.title).toBe('Strefa');
    expect(properties.vehicle!.properties!.plate!.title).toBe('Numer rejestracyjny');
    expect((uiSchema.zone as Record<string, unknown>)['ui:enumNames']).toEqual([
      'Strefa niebieska',
      'Strefa zielona',
    ]);
  });

  it('shows a prefilled value read-only with the register it came from', () => {
    const { uiSchema } = localisedForm(permit, 'en', prefill, sources, (name) => `From: ${name}`);
    expect((uiSchema.vehicle as Record<string, Record<string, unknown>>).make).toEqual({
      'ui:readonly': true,
      'ui:help': 'From: Vehicle register',
    });
    // The declaration itself is left as it was.
    expect((permit.form.schema.properties as Record<string, { title?: string }>).zone!.title).toBeUndefined();
  });

  it('puts the server’s errors beside their fields', () => {
    expect(
      errorSchemaOf([
        { field: 'vehicle.plate', message: 'Wrong' },
        { field: 'zone', message: 'Pick one' },
      ]),
    ).toEqual({
      vehicle: { plate: { __errors: ['Wrong'] } },
      zone: { __errors: ['Pick one'] },
    });
  });
});
