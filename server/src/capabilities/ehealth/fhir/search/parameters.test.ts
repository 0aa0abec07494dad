import { describe, expect, it } from 'vitest';
import { expressionFor, SEARCH_PARAMETERS, searchParameter, unionParts } from './parameters.ts';

/** The parameters issue 17 names, by type, with the kind each is. */
const REQUIRED: Record<string, Record<string, string>> = {
  Patient: {
    identifier: 'token',
    name: 'string',
    family: 'string',
    given: 'string',
    birthdate: 'date',
    gender: 'token',
    'general-practitioner': 'reference',
  },
  Observation: {
    patient: 'reference',
    subject: 'reference',
    code: 'token',
    category: 'token',
    date: 'date',
    status: 'token',
    'value-quantity': 'quantity',
    encounter: 'reference',
  },
  Condition: {
    patient: 'reference',
    code: 'token',
    category: 'token',
    'clinical-status': 'token',
    'onset-date': 'date',
  },
  MedicationRequest: {
    patient: 'reference',
    status: 'token',
    authoredon: 'date',
    identifier: 'token',
    intent: 'token',
    requester: 'reference',
  },
  MedicationDispense: {
    patient: 'reference',
    prescription: 'reference',
    status: 'token',
    whenhandedover: 'date',
  },
  Immunization: { patient: 'reference', date: 'date', 'vaccine-code': 'token' },
  Encounter: {
    patient: 'reference',
    date: 'date',
    status: 'token',
    class: 'token',
    participant: 'reference',
  },
  DocumentReference: { patient: 'reference', type: 'token', date: 'date', category: 'token' },
  AllergyIntolerance: { patient: 'reference', 'clinical-status': 'token' },
  Procedure: { patient: 'reference', date: 'date', code: 'token' },
  DiagnosticReport: { patient: 'reference', code: 'token', date: 'date', result: 'reference' },
  Practitioner: { identifier: 'token', name: 'string' },
  PractitionerRole: { practitioner: 'reference', organization: 'reference', specialty: 'token' },
  Organization: { identifier: 'token', name: 'string' },
  Consent: { patient: 'reference', status: 'token' },
  AuditEvent: { patient: 'reference', date: 'date', agent: 'reference', entity: 'reference' },
  Provenance: { target: 'reference', patient: 'reference' },
};

describe('search parameters', () => {
  it('has every parameter the issue names, of its kind, and _id and _lastUpdated on every type', () => {
    for (const [resourceType, parameters] of Object.entries(REQUIRED)) {
      for (const [code, type] of Object.entries(parameters)) {
        expect(searchParameter(resourceType, code)?.type, `${resourceType}.${code}`).toBe(type);
      }
    }
    for (const parameters of SEARCH_PARAMETERS.values()) {
      expect(parameters.get('_id')?.type).toBe('token');
      expect(parameters.get('_lastUpdated')?.type).toBe('date');
    }
  });

  it("takes each type's part of a shared definition, and keeps resolve() as a target type", () => {
    expect(unionParts('A.x | (B.y.ofType(Quantity)) | C.z.where(a | b)')).toEqual([
      'A.x',
      '(B.y.ofType(Quantity))',
      'C.z.where(a | b)',
    ]);
    expect(
      expressionFor('Observation', 'Condition.subject | Observation.subject.where(resolve() is Patient)'),
    ).toBe('Observation.subject');
    expect(searchParameter('Observation', 'patient')).toMatchObject({
      expression: 'Observation.subject',
      targets: ['Patient'],
      compartment: true,
    });
    expect(searchParameter('Provenance', 'patient')).toMatchObject({
      expression: 'Provenance.target',
      targets: ['Patient'],
      compartment: false,
    });
    expect(searchParameter('Observation', 'subject')?.compartment).toBe(true);
    expect(searchParameter('AuditEvent', 'patient')?.compartment).toBe(false);
    expect(searchParameter('Patient', 'general-practitioner')?.compartment).toBe(false);
    expect(searchParameter('Immunization', 'patient')?.compartment).toBe(true);
  });
});
