import { describe, expect, it } from 'vitest';
import { checkReferral, EMPTY_REFERRAL, REFERRAL_CATEGORY, referralRequest } from './referral-form.ts';

const CARDIOLOGY = '394579002';

describe('a referral', () => {
  it('needs a specialty and a reason; the specialist and the diagnosis are optional', () => {
    const refused = checkReferral(EMPTY_REFERRAL, []);
    expect(refused.ok ? [] : refused.errors).toEqual([
      { field: 'specialty', problem: 'required' },
      { field: 'reason', problem: 'required' },
    ]);
    expect(checkReferral({ ...EMPTY_REFERRAL, specialty: CARDIOLOGY, reason: ' Chest pain ' }, [])).toEqual({
      ok: true,
      specialty: CARDIOLOGY,
      specialist: null,
      diagnosis: null,
      reason: 'Chest pain',
    });
  });

  it('takes only a specialty, specialist and diagnosis that were offered', () => {
    const refused = checkReferral(
      { specialty: '000', specialist: 'Practitioner/x', diagnosis: 'Z99', reason: 'Chest pain' },
      ['Practitioner/s7'],
    );
    expect(refused.ok ? [] : refused.errors.map((error) => error.field)).toEqual([
      'specialty',
      'specialist',
      'diagnosis',
    ]);
    const general = checkReferral({ ...EMPTY_REFERRAL, specialty: '394814009', reason: 'x' }, []);
    expect(general.ok).toBe(false);
  });

  it('is an active referral ServiceRequest naming the specialist as performer', () => {
    const request = referralRequest(
      {
        ok: true,
        specialty: CARDIOLOGY,
        specialist: 'Practitioner/s7',
        diagnosis: 'I10',
        reason: 'Chest pain',
      },
      { patientId: 'p1', practitioner: 'Practitioner/gp', at: '2026-12-06T09:00:00Z' },
    );
    expect(request).toMatchObject({
      resourceType: 'ServiceRequest',
      status: 'active',
      intent: 'order',
      category: [{ coding: [REFERRAL_CATEGORY] }],
      subject: { reference: 'Patient/p1' },
      requester: { reference: 'Practitioner/gp' },
      performer: [{ reference: 'Practitioner/s7' }],
      performerType: { coding: [{ system: 'http://snomed.info/sct', code: CARDIOLOGY }] },
      reasonCode: [
        { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'I10' }], text: 'Chest pain' },
      ],
    });
  });
});
