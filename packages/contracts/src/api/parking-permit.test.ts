import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { ParkingPermitPrefill } from './parking-permit.ts';

const bgEn = (bg: string, en: string) => ({ bg, en });

const prefill = {
  service: { code: 'parking-permit', title: bgEn('Разрешение', 'Resident parking permit') },
  eligibility: {
    status: 'eligible',
    reasons: [],
    municipality: bgEn('Столична община', 'Sofia Municipality'),
  },
  vehicles: [
    { vin: 'SB1KZ28E40E012345', plate: 'СВ3107ВН', make: 'Toyota', model: 'Avensis', taxPaid: null },
  ],
  purpose: bgEn('Разрешение за паркиране', 'Resident parking permit'),
  legalBasis: bgEn('Наредба за паркирането, чл. 35', 'Ordinance on parking in Sofia, Art. 35'),
  requestId: '6f1c0c1e-0000-4000-8000-000000000000',
  fields: [{ name: 'vehicleVin', value: 'SB1KZ28E40E012345', source: 'vehicles' }],
  sources: [
    {
      key: 'vehicles',
      service: 'BG/GOV/000695235/vehicle-register/vehicles',
      name: bgEn('Регистър на МПС', 'Vehicle register'),
      status: 'timeout',
      durationMs: 3000,
      fetchedAt: '2026-11-22T10:00:00Z',
      error: 'The register did not answer in time',
    },
  ],
};

describe("the parking permit's prefill", () => {
  it('takes a prefill as the server sends it', () => {
    expect([...Value.Errors(ParkingPermitPrefill, prefill)]).toEqual([]);
  });

  it('has its purpose and legal basis in every language, never as one plain text', () => {
    expect(
      Value.Check(ParkingPermitPrefill, { ...prefill, purpose: 'e-service: resident parking permit' }),
    ).toBe(false);
  });

  it('says how long every source took, answered or not', () => {
    const { durationMs: _, ...untimed } = prefill.sources[0]!;
    expect(Value.Check(ParkingPermitPrefill, { ...prefill, sources: [untimed] })).toBe(false);
  });
});
