import {
  newPrescriptionNumber,
  PRESCRIPTION_NUMBER_SYSTEM,
} from '@civitas/contracts/health/prescription-number.ts';
import type { MedicationRequest } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { PRESCRIPTION_VALIDITY_DAYS, prescriptionRowOf } from './rows.ts';

const prescriber = { id: 'pr-1', name: 'Георги Стоянов', organisation: 'ГППМП „Здраве Лозенец“' };

function request(overrides: Partial<MedicationRequest> = {}): MedicationRequest & { id: string } {
  return {
    resourceType: 'MedicationRequest',
    id: 'mr-1',
    status: 'active',
    intent: 'order',
    identifier: [{ system: PRESCRIPTION_NUMBER_SYSTEM, value: newPrescriptionNumber() }],
    subject: { reference: 'Patient/p-1' },
    medicationCodeableConcept: { coding: [{ system: 'http://www.whocc.no/atc', code: 'A10BA02' }] },
    authoredOn: '2026-11-02T08:00:00.000Z',
    dosageInstruction: [{ text: 'twice a day' }, { text: 'with food' }],
    dispenseRequest: { quantity: { value: 2 }, numberOfRepeatsAllowed: 2 },
    ...overrides,
  };
}

describe('the prescription row of a MedicationRequest (issued, posted through FHIR, or seeded)', () => {
  it('counts every fill: packs per fill × (1 + repeats), valid 30 days unless it says otherwise', () => {
    const row = prescriptionRowOf(request(), prescriber);
    expect(row).toMatchObject({
      medication_request_id: 'mr-1',
      patient_id: 'p-1',
      medication_code: 'A10BA02',
      dosage: 'twice a day; with food',
      quantity: 2,
      total: 6,
      dispensed: 0,
      status: 'active',
      prescriber_name: 'Георги Стоянов',
    });
    expect((row.expires_at as Date).getTime() - (row.authored_at as Date).getTime()).toBe(
      PRESCRIPTION_VALIDITY_DAYS * 86_400_000,
    );
    const bounded = prescriptionRowOf(
      request({ dispenseRequest: { validityPeriod: { end: '2026-11-09T00:00:00.000Z' } } }),
      prescriber,
    );
    expect(bounded).toMatchObject({
      quantity: 1,
      total: 1,
      expires_at: new Date('2026-11-09T00:00:00.000Z'),
    });
  });

  it('carries what seeded dispenses handed over, and a finished or cancelled status', () => {
    expect(prescriptionRowOf(request(), prescriber, 4)).toMatchObject({ dispensed: 4, status: 'active' });
    expect(prescriptionRowOf(request(), prescriber, 9)).toMatchObject({ dispensed: 6, status: 'completed' });
    expect(prescriptionRowOf(request({ status: 'completed' }), prescriber, 2)).toMatchObject({
      status: 'completed',
    });
    expect(prescriptionRowOf(request({ status: 'cancelled' }), prescriber)).toMatchObject({
      status: 'cancelled',
    });
  });

  it('refuses a MedicationRequest without a prescription number', () => {
    expect(() => prescriptionRowOf(request({ identifier: [] }), prescriber)).toThrow(
      /without a prescription number/,
    );
  });
});
