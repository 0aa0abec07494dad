import type { ParkingPermitPrefill, PrefillSource } from '@civitas/contracts/api/parking-permit.ts';
import { describe, expect, it } from 'vitest';
import { PARKING_PERMIT_FIELDS } from './parking-permit-fields.ts';
import { initialValues, prefillRows, unansweredSources } from './prefill-rows.ts';

const source = (key: string, status: PrefillSource['status'] = 'ok'): PrefillSource => ({
  key,
  service: `BG/GOV/000000000/${key}`,
  name: { bg: `Регистър ${key}`, en: `Register ${key}` },
  status,
  durationMs: 12,
  ...(status === 'ok' ? {} : { error: 'The register did not answer in time' }),
  fetchedAt: '2026-11-22T10:00:00Z',
});

const allFields: ParkingPermitPrefill['fields'] = [
  { name: 'fullName', value: 'Иван Петров Георгиев', source: 'population' },
  { name: 'fullNameLatin', value: 'Ivan Petrov Georgiev', source: 'population' },
  { name: 'personalNumber', value: '8503146922', source: 'population' },
  { name: 'permanentAddress', value: 'ул. „Съединение“ 57, 1142 София', source: 'population' },
  { name: 'vehiclePlate', value: 'СВ3107ВН', source: 'vehicles' },
  { name: 'vehicleMakeModel', value: 'Toyota Avensis', source: 'vehicles' },
  { name: 'vehicleVin', value: 'SB1KZ28E40E012345', source: 'vehicles' },
  { name: 'drivingLicenceNumber', value: '254440058', source: 'driving-licences' },
  { name: 'drivingLicenceValidUntil', value: '2036-02-03', source: 'driving-licences' },
  { name: 'vehicleTaxPaid', value: 'true', source: 'vehicle-tax' },
];

function prefill(overrides: Partial<ParkingPermitPrefill> = {}): ParkingPermitPrefill {
  return {
    service: { code: 'parking-permit', title: { bg: 'Разрешение', en: 'Permit' } },
    purpose: { bg: 'Разрешение за паркиране', en: 'Resident parking permit' },
    legalBasis: { bg: 'Наредба за паркирането, чл. 35', en: 'Ordinance on parking in Sofia, Art. 35' },
    requestId: '6f1c0c1e-0000-4000-8000-000000000000',
    fields: allFields,
    sources: [source('population'), source('vehicles'), source('driving-licences'), source('vehicle-tax')],
    eligibility: { status: 'eligible', reasons: [], municipality: { bg: 'Столична община', en: 'Sofia' } },
    vehicles: [],
    ...overrides,
  };
}

describe('prefillRows', () => {
  it('gives every known field its register value and source when all registers answered', () => {
    const rows = prefillRows(prefill(), PARKING_PERMIT_FIELDS);
    expect(rows.map((row) => row.field.name)).toEqual(PARKING_PERMIT_FIELDS.map((field) => field.name));
    expect(rows.every((row) => row.missing === null)).toBe(true);
    const plate = rows.find((row) => row.field.name === 'vehiclePlate');
    expect(plate?.registerValue).toBe('СВ3107ВН');
    expect(plate?.source?.key).toBe('vehicles');
  });

  it('keeps the fields of a register that timed out, as missing and attributed to that register', () => {
    const rows = prefillRows(
      prefill({
        fields: allFields.filter((field) => field.source !== 'vehicle-tax'),
        sources: [
          source('population'),
          source('vehicles'),
          source('driving-licences'),
          source('vehicle-tax', 'timeout'),
        ],
      }),
      PARKING_PERMIT_FIELDS,
    );
    const missing = rows.filter((row) => row.missing !== null);
    expect(missing.map((row) => [row.field.name, row.missing, row.source?.key])).toEqual([
      ['vehicleTaxPaid', 'register-unanswered', 'vehicle-tax'],
    ]);
    expect(missing[0]?.registerValue).toBeNull();
  });

  it('treats a register that was never asked like one that did not answer', () => {
    const rows = prefillRows(
      prefill({
        fields: allFields.filter((field) => field.source !== 'driving-licences'),
        sources: [source('population')],
      }),
      PARKING_PERMIT_FIELDS,
    );
    const licence = rows.find((row) => row.field.name === 'drivingLicenceNumber');
    expect(licence).toMatchObject({ missing: 'register-unanswered', source: null, registerValue: null });
  });

  it('asks for a field that an answering register had no value for', () => {
    const rows = prefillRows(
      prefill({ fields: allFields.filter((field) => field.name !== 'vehiclePlate') }),
      PARKING_PERMIT_FIELDS,
    );
    expect(rows.find((row) => row.field.name === 'vehiclePlate')?.missing).toBe('no-value');
  });

  it('treats a blank value as missing and ignores fields the form does not know', () => {
    const rows = prefillRows(
      prefill({
        fields: [
          ...allFields.filter((field) => field.name !== 'vehicleVin'),
          { name: 'vehicleVin', value: '   ', source: 'vehicles' },
          { name: 'favouriteColour', value: 'green', source: 'population' },
        ],
      }),
      PARKING_PERMIT_FIELDS,
    );
    expect(rows).toHaveLength(PARKING_PERMIT_FIELDS.length);
    expect(rows.find((row) => row.field.name === 'vehicleVin')?.missing).toBe('no-value');
  });
});

describe('unansweredSources', () => {
  it('lists the registers that timed out or failed, in the order they were asked', () => {
    const sources = [source('population', 'failed'), source('vehicles'), source('vehicle-tax', 'timeout')];
    expect(unansweredSources(prefill({ sources })).map((s) => s.key)).toEqual(['population', 'vehicle-tax']);
  });

  it('is empty when every register answered', () => {
    expect(unansweredSources(prefill())).toEqual([]);
  });
});

describe('initialValues', () => {
  it('starts from the register values and leaves missing fields empty', () => {
    const rows = prefillRows(
      prefill({ fields: allFields.filter((field) => field.source !== 'vehicle-tax') }),
      PARKING_PERMIT_FIELDS,
    );
    const values = initialValues(rows);
    expect(values.fullNameLatin).toBe('Ivan Petrov Georgiev');
    expect(values.vehicleTaxPaid).toBe('');
  });
});
