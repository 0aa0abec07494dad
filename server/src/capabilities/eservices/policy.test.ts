import { describe, expect, it } from 'vitest';
import { ISSUING_MUNICIPALITY, parkingPermitEligibility, permitVehicles, prefillAccess } from './policy.ts';

const inSofia = { kind: 'permanent', municipalityName: ISSUING_MUNICIPALITY.registerName };
const livingInSofia = { kind: 'current', municipalityName: ISSUING_MUNICIPALITY.registerName };
const inPlovdiv = { kind: 'permanent', municipalityName: 'Пловдив' };
const car = { vin: 'WVWZZZ1JZXW000001', plate: 'СА 1234 ВХ', stolen: false };
const unplated = { vin: 'WVWZZZ1JZXW000002', plate: null, stolen: false };
const stolen = { vin: 'WVWZZZ1JZXW000003', plate: 'СА 5678 ВХ', stolen: true };

describe('who may apply for a resident parking permit', () => {
  it('lets a resident of the issuing municipality (permanent or current address) with a car on the road apply', () => {
    expect(parkingPermitEligibility([inSofia], [car])).toEqual({ status: 'eligible', reasons: [] });
    expect(parkingPermitEligibility([inPlovdiv, livingInSofia], [car])).toEqual({
      status: 'eligible',
      reasons: [],
    });
  });

  it('tells a person living elsewhere, or without a car on the road, why they cannot apply', () => {
    expect(parkingPermitEligibility([inPlovdiv], [car])).toEqual({
      status: 'not-eligible',
      reasons: ['lives-elsewhere'],
    });
    expect(parkingPermitEligibility([inSofia], [unplated, stolen])).toEqual({
      status: 'not-eligible',
      reasons: ['no-vehicle'],
    });
    expect(parkingPermitEligibility([], [])).toEqual({
      status: 'not-eligible',
      reasons: ['lives-elsewhere', 'no-vehicle'],
    });
  });

  it('never makes anyone ineligible because a register did not answer', () => {
    expect(parkingPermitEligibility(null, [car])).toEqual({ status: 'unknown', reasons: [] });
    expect(parkingPermitEligibility([inSofia], null)).toEqual({ status: 'unknown', reasons: [] });
    // What did answer still counts: a known reason is told even when the other register is silent.
    expect(parkingPermitEligibility([inPlovdiv], null)).toEqual({
      status: 'not-eligible',
      reasons: ['lives-elsewhere'],
    });
  });

  it('offers only plated, not stolen vehicles', () => {
    expect(permitVehicles([unplated, car, stolen, { ...car, plate: '' }])).toEqual([car]);
  });

  it("asks the registers about the applicant alone, as the applicant, under the e-service's pair", () => {
    expect(prefillAccess({ subject: '7501010010' }, 'req-1')).toEqual({
      purpose: 'resident-parking-permit',
      legalBasis: 'sofia-parking-ordinance-art-35',
      dataSubject: '7501010010',
      userId: '7501010010',
      caseRef: 'req-1',
    });
  });
});
