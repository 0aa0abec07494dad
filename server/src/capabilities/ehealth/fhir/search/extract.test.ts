import type { Resource } from '@medplum/fhirtypes';
import fhirpath from 'fhirpath';
import r4 from 'fhirpath/fhir-context/r4/index.mjs';
import { describe, expect, it } from 'vitest';
import { compilePlainPath, emptyRows, extractRows, referenceTarget } from './extract.ts';
import { SEARCH_PARAMETERS } from './parameters.ts';

/** Resources with every shape the parameters read: choices of type, arrays, nested elements. */
const SAMPLES = [
  {
    resourceType: 'Observation',
    id: 'o1',
    status: 'final',
    category: [
      {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' },
        ],
      },
    ],
    code: { coding: [{ system: 'http://loinc.org', code: '8867-4' }, { code: 'pulse' }] },
    subject: { reference: 'Patient/p1' },
    encounter: { reference: 'Encounter/e1' },
    effectivePeriod: { start: '2024-01-01T10:00:00Z', end: '2024-01-01T11:00:00Z' },
    valueQuantity: { value: 72, unit: '/min', system: 'http://unitsofmeasure.org', code: '/min' },
  },
  {
    resourceType: 'Observation',
    id: 'o2',
    status: 'final',
    code: { text: 'note' },
    effectiveInstant: '2024-01-01T10:00:00.123Z',
    valueString: 'high',
  },
  {
    resourceType: 'Condition',
    id: 'c1',
    subject: { reference: 'Patient/p1' },
    code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'E11' }] },
    onsetDateTime: '2019-05',
  },
  {
    resourceType: 'Condition',
    id: 'c2',
    subject: { reference: 'Patient/p1' },
    onsetAge: { value: 40 },
    clinicalStatus: { coding: [{ code: 'active' }] },
  },
  {
    resourceType: 'Condition',
    id: 'c3',
    subject: { reference: 'Patient/p1' },
    onsetPeriod: { start: '2020' },
  },
  {
    resourceType: 'MedicationRequest',
    id: 'm1',
    medicationCodeableConcept: { coding: [{ code: 'A10BA02' }] },
    subject: { reference: 'Patient/p1' },
    requester: { reference: 'Practitioner/d1' },
  },
  {
    resourceType: 'MedicationRequest',
    id: 'm2',
    medicationReference: { reference: 'Medication/x' },
    identifier: [{ system: 's', value: 'RX-1' }],
  },
  {
    resourceType: 'MedicationDispense',
    id: 'd1',
    authorizingPrescription: [{ reference: 'MedicationRequest/m1' }],
    whenHandedOver: '2024-02-02T09:00:00+02:00',
  },
  {
    resourceType: 'Immunization',
    id: 'i1',
    patient: { reference: 'Patient/p1' },
    occurrenceDateTime: '2020-01-01',
    vaccineCode: { coding: [{ code: 'MMR' }] },
  },
  {
    resourceType: 'Immunization',
    id: 'i2',
    patient: { reference: 'Patient/p1' },
    occurrenceString: 'as a child',
  },
  {
    resourceType: 'Procedure',
    id: 'pr1',
    subject: { reference: 'Patient/p1' },
    performedPeriod: { start: '2021-03-01' },
  },
  {
    resourceType: 'AllergyIntolerance',
    id: 'a1',
    patient: { reference: 'Patient/p1' },
    code: { coding: [{ code: 'x' }] },
    reaction: [{ substance: { coding: [{ code: 'y' }] } }],
  },
  {
    resourceType: 'Patient',
    id: 'p1',
    name: [{ family: 'Петров', given: ['Иван', 'Г.'] }, { text: 'Ivan Petrov' }],
    birthDate: '1980',
    generalPractitioner: [{ reference: 'Practitioner/d1' }],
  },
  {
    resourceType: 'Organization',
    id: 'org1',
    name: 'УМБАЛ',
    alias: ['Александровска'],
    identifier: [{ value: '000695317' }],
  },
  {
    resourceType: 'PractitionerRole',
    id: 'r1',
    practitioner: { reference: 'Practitioner/d1' },
    code: [{ coding: [{ code: 'doctor' }] }],
    specialty: [{ coding: [{ code: 'cardio' }] }],
  },
  {
    resourceType: 'Encounter',
    id: 'e1',
    class: { code: 'AMB' },
    period: { start: '2024-01-01' },
    participant: [{ individual: { reference: 'Practitioner/d1' } }],
  },
  {
    resourceType: 'DocumentReference',
    id: 'dr1',
    subject: { reference: 'Patient/p1' },
    date: '2024-01-01T10:00:00Z',
    type: { coding: [{ code: 'discharge' }] },
  },
  {
    resourceType: 'AuditEvent',
    id: 'ae1',
    recorded: '2024-01-01T10:00:00Z',
    agent: [{ who: { reference: 'Practitioner/d1' } }],
    entity: [{ what: { reference: 'Patient/p1' } }],
  },
  {
    resourceType: 'Provenance',
    id: 'pv1',
    target: [{ reference: 'Observation/o1' }, { reference: 'Patient/p1' }],
    agent: [{ who: { reference: 'Practitioner/d1' } }],
  },
] as unknown as Array<Resource & { id: string }>;

const canonical = (values: unknown[]) => [...new Set(values.map((value) => JSON.stringify(value)))].sort();

describe('search value extraction', () => {
  it('reads every plain-path parameter exactly as FHIRPath with the R4 model does', () => {
    let compared = 0;
    for (const [resourceType, parameters] of SEARCH_PARAMETERS) {
      for (const parameter of parameters.values()) {
        if (!parameter.expression) continue;
        const plain = compilePlainPath(parameter.expression);
        expect(plain, `${resourceType}.${parameter.code} is a plain path`).not.toBeNull();
        for (const sample of SAMPLES.filter((resource) => resource.resourceType === resourceType)) {
          const expected = fhirpath.evaluate(sample, parameter.expression, undefined, r4) as unknown[];
          expect(
            canonical(plain?.(sample) ?? []),
            `${resourceType}.${parameter.code} of ${sample.id}`,
          ).toEqual(canonical(expected));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(80);
  });

  it('turns an Observation into its token, date, reference and quantity rows (its Patient, the compartment, has none)', () => {
    const rows = emptyRows();
    extractRows(SAMPLES[0] as never, rows);
    const tokens = rows.token.param.map(
      (param, i) => `${param}=${rows.token.system[i] ?? ''}|${rows.token.code[i]}`,
    );
    expect(tokens.sort()).toEqual([
      'category=http://terminology.hl7.org/CodeSystem/observation-category|vital-signs',
      'code=http://loinc.org|8867-4',
      'code=|pulse',
      'status=|final',
    ]);
    expect(rows.date).toMatchObject({
      param: ['date'],
      low: ['2024-01-01T10:00:00.000Z'],
      high: ['2024-01-01T11:00:01.000Z'],
    });
    expect(
      rows.reference.param
        .map((param, i) => `${param}=${rows.reference.target_type[i]}/${rows.reference.target_id[i]}`)
        .sort(),
    ).toEqual(['encounter=Encounter/e1']);
    expect(rows.quantity).toMatchObject({ param: ['value-quantity'], value: ['72'], code: ['/min'] });
  });

  it('keeps the reference types a parameter allows: a Provenance’s patient is only its Patient target', () => {
    const rows = emptyRows();
    extractRows(SAMPLES.find((resource) => resource.id === 'pv1') as never, rows);
    const patient = rows.reference.param.flatMap((param, i) =>
      param === 'patient' ? [rows.reference.target_id[i]] : [],
    );
    expect(patient).toEqual(['p1']);
  });

  it('indexes names part by part, normalised, with the exact text beside', () => {
    const rows = emptyRows();
    extractRows(SAMPLES.find((resource) => resource.id === 'p1') as never, rows);
    const names = rows.string.value.filter((_, i) => rows.string.param[i] === 'name');
    expect(names.sort()).toEqual(['г.', 'иван', 'ivan petrov', 'петров'].sort());
    expect(rows.string.exact).toContain('Петров');
    expect(rows.date).toMatchObject({
      low: ['1980-01-01T00:00:00.000Z'],
      high: ['1981-01-01T00:00:00.000Z'],
    });
  });

  it('reads the target of relative, absolute and versioned references only', () => {
    expect(referenceTarget('Patient/abc')).toEqual(['Patient', 'abc']);
    expect(referenceTarget('https://x.example/fhir/R4/Patient/abc/_history/3')).toEqual(['Patient', 'abc']);
    expect(referenceTarget('urn:uuid:3b8c5a1e-0000-4000-8000-000000000000')).toBeNull();
    expect(referenceTarget('#contained')).toBeNull();
  });
});
