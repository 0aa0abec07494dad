import { describe, expect, it } from 'vitest';
import { FhirError, locationReference, outcomeIssues } from './fhir-client.ts';

describe('reading the FHIR API', () => {
  it("reads an OperationOutcome's issues: our code, the issue type, where", () => {
    const issues = outcomeIssues({
      resourceType: 'OperationOutcome',
      issue: [
        {
          severity: 'error',
          code: 'value',
          details: {
            coding: [{ system: 'https://civitas.example/problem-codes', code: 'fhir-invalid-resource' }],
          },
          expression: ['Bundle.entry[2].resource.valueQuantity'],
          diagnostics: 'bad value',
        },
        { severity: 'error', code: 'not-found', location: ['Patient/x'] },
      ],
    });
    expect(issues).toEqual([
      {
        code: 'fhir-invalid-resource',
        type: 'value',
        expression: 'Bundle.entry[2].resource.valueQuantity',
        diagnostics: 'bad value',
      },
      { code: null, type: 'not-found', expression: 'Patient/x', diagnostics: null },
    ]);
  });

  it('finds no issues in anything else', () => {
    expect(outcomeIssues({ type: 'about:blank', title: 'x' })).toEqual([]);
    expect(outcomeIssues(null)).toEqual([]);
    expect(outcomeIssues({ resourceType: 'OperationOutcome', issue: 'x' })).toEqual([]);
  });

  it('describes a refusal by its code, as the shared error texts do', () => {
    const error = new FhirError(
      422,
      outcomeIssues({
        resourceType: 'OperationOutcome',
        issue: [
          { severity: 'error', code: 'value', details: { coding: [{ code: 'fhir-invalid-resource' }] } },
        ],
      }),
    );
    expect(error.status).toBe(422);
    expect(error.problem?.code).toBe('fhir-invalid-resource');
  });

  it('reads the reference of a Location, relative or absolute, with or without its version', () => {
    expect(locationReference('MedicationRequest/abc-1/_history/1')).toBe('MedicationRequest/abc-1');
    expect(locationReference('https://h/fhir/R4/Encounter/e1')).toBe('Encounter/e1');
    expect(locationReference('not a location')).toBeNull();
    expect(locationReference(undefined)).toBeNull();
  });
});
