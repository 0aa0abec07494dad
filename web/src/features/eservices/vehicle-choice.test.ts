import type { ParkingPermitPrefill } from '@civitas/contracts/api/parking-permit.ts';
import { describe, expect, it } from 'vitest';
import { PARKING_PERMIT_FIELDS } from './parking-permit-fields.ts';
import { prefillRows } from './prefill-rows.ts';
import { prefillForVehicle } from './vehicle-choice.ts';

const ok = (key: string) => ({
  key,
  service: key,
  name: { bg: key, en: key },
  status: 'ok' as const,
  durationMs: 5,
  fetchedAt: '2026-11-22T10:00:00Z',
});

const prefill: ParkingPermitPrefill = {
  service: { code: 'parking-permit', title: { bg: 'Разрешение', en: 'Permit' } },
  purpose: { bg: 'Разрешение за паркиране', en: 'Resident parking permit' },
  legalBasis: { bg: 'Наредба за паркирането, чл. 35', en: 'Ordinance on parking in Sofia, Art. 35' },
  requestId: 'r-1',
  fields: [
    { name: 'fullName', value: 'Иван Петров Георгиев', source: 'population' },
    { name: 'vehiclePlate', value: 'СВ3107ВН', source: 'vehicles' },
    { name: 'vehicleMakeModel', value: 'Toyota Avensis', source: 'vehicles' },
    { name: 'vehicleVin', value: 'SB1KZ28E40E012345', source: 'vehicles' },
    { name: 'vehicleTaxPaid', value: 'true', source: 'vehicle-tax' },
  ],
  sources: [ok('population'), ok('vehicles'), ok('driving-licences'), ok('vehicle-tax')],
  eligibility: {
    status: 'eligible',
    reasons: [],
    municipality: { bg: 'Столична община', en: 'Sofia Municipality' },
  },
  vehicles: [
    { vin: 'SB1KZ28E40E012345', plate: 'СВ3107ВН', make: 'Toyota', model: 'Avensis', taxPaid: true },
    { vin: 'WVWZZZ1JZXW000001', plate: 'СА1234ВК', make: 'Volkswagen', model: 'Golf', taxPaid: false },
    { vin: 'WF0XXXGCDX1234567', plate: 'СА5678ВК', make: 'Ford', model: 'Focus', taxPaid: null },
  ],
};

const registerValueOf = (p: ParkingPermitPrefill, name: string) =>
  prefillRows(p, PARKING_PERMIT_FIELDS).find((row) => row.field.name === name)?.registerValue;

describe('prefillForVehicle', () => {
  it("fills the vehicle fields with the chosen vehicle's plate, make, VIN and tax, and leaves the rest", () => {
    const golf = prefillForVehicle(prefill, 'WVWZZZ1JZXW000001');
    expect(registerValueOf(golf, 'vehiclePlate')).toBe('СА1234ВК');
    expect(registerValueOf(golf, 'vehicleMakeModel')).toBe('Volkswagen Golf');
    expect(registerValueOf(golf, 'vehicleVin')).toBe('WVWZZZ1JZXW000001');
    expect(registerValueOf(golf, 'vehicleTaxPaid')).toBe('false');
    expect(registerValueOf(golf, 'fullName')).toBe('Иван Петров Георгиев');
  });

  it('leaves the tax to the citizen when the tax register did not report on the chosen vehicle', () => {
    const focus = prefillRows(prefillForVehicle(prefill, 'WF0XXXGCDX1234567'), PARKING_PERMIT_FIELDS);
    expect(focus.find((row) => row.field.name === 'vehicleTaxPaid')).toMatchObject({
      registerValue: null,
      missing: 'no-value',
    });
  });

  it('changes nothing for a VIN that is not one of the vehicles', () => {
    expect(prefillForVehicle(prefill, 'NOPE')).toBe(prefill);
  });
});
