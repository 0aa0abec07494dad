import type { MedicationRequest } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import type { PatientPrescription } from './health-api.ts';
import { groupedNumber, PRESCRIPTION_NUMBER_SYSTEM, shownPrescriptions, stageOf } from './prescriptions.ts';

const request = (
  id: string,
  number: string,
  status: MedicationRequest['status'] = 'active',
): MedicationRequest => ({
  resourceType: 'MedicationRequest',
  id,
  status,
  intent: 'order',
  subject: { reference: 'Patient/p' },
  authoredOn: '2026-03-10',
  identifier: [{ system: PRESCRIPTION_NUMBER_SYSTEM, value: number }],
  medicationCodeableConcept: { coding: [{ system: 'http://www.whocc.no/atc', code: 'A10BA02' }] },
});

const fromService = (
  number: string,
  medicationRequestId: string | null,
  status = 'active',
): PatientPrescription => ({
  number,
  qr: `CIVRX1:${number}`,
  medicationRequestId,
  medication: { system: 'http://www.whocc.no/atc', code: 'A10BA02' },
  status,
  authoredOn: '2026-03-10',
  dosage: null,
  quantity: 60,
  remaining: 60,
  prescriber: null,
  prescriberOrganisation: null,
  expiresAt: null,
  medicationLabel: null,
  dispenses: [],
});

describe('the prescriptions shown', () => {
  it('shows each prescription once, with the QR payload the prescriptions service gave', () => {
    const shown = shownPrescriptions(
      [fromService('0000A1B2C3D4', 'm1')],
      [request('m1', '0000A1B2C3D4')],
      true,
    );
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ number: '0000A1B2C3D4', qr: 'CIVRX1:0000A1B2C3D4', stage: 'active' });
  });

  it("on a child's record shows only the child's prescriptions, never the parent's", () => {
    const shown = shownPrescriptions(
      [fromService('PARENT000001', 'parent-request'), fromService('PARENT000002', null)],
      [request('child-request', 'CHILD0000001')],
      false,
    );
    expect(shown.map((item) => item.number)).toEqual(['CHILD0000001']);
    expect(shown[0]!.qr).toBeNull();
  });

  it('says a prescription is collected, partly collected or cancelled', () => {
    expect(stageOf('completed', 60, 0, 1)).toBe('dispensed');
    expect(stageOf('active', 60, 30, 1)).toBe('partly-dispensed');
    expect(stageOf('active', 60, 60, 0)).toBe('active');
    expect(stageOf('cancelled', 60, 60, 0)).toBe('cancelled');
  });

  it('writes the number in groups of four, as read out at the counter', () => {
    expect(groupedNumber('0000A1B2C3D4')).toBe('0000-A1B2-C3D4');
  });
});
