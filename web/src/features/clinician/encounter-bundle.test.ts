import { termOf } from '@civitas/contracts/health/terminology.ts';
import type { Coding, MedicationRequest, Observation } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { encounterBundle, fieldOfIssue, interpretation, writtenReferences } from './encounter-bundle.ts';
import type { CheckedEncounter } from './encounter-form.ts';

const FULL: CheckedEncounter = {
  ok: true,
  reason: 'Control of diabetes',
  vitals: { systolic: 135, diastolic: 85 },
  lab: { code: '4548-4', value: 7.9 },
  diagnosis: { code: 'E11', note: 'Diet advised' },
  prescription: { medicine: 'A10BA02', doseAmount: 1, timesPerDay: 2, quantity: 60 },
};

function build(checked = FULL) {
  let next = 0;
  return encounterBundle(checked, {
    patientId: 'pat-1',
    practitioner: 'Practitioner/gp-1',
    at: '2026-12-06T09:00:00.000Z',
    uuid: () => `00000000-0000-4000-8000-00000000000${next++}`,
    rangeFor: { sex: 'male', age: 56 },
  });
}

function codings(value: unknown): Coding[] {
  if (Array.isArray(value)) return value.flatMap(codings);
  if (typeof value !== 'object' || value === null) return [];
  const record = value as Record<string, unknown>;
  const own = typeof record.system === 'string' && typeof record.code === 'string' ? [record as Coding] : [];
  return [...own, ...Object.values(record).flatMap(codings)];
}

describe('the encounter as one transaction', () => {
  it('is a transaction Bundle of POSTs whose entries point at the encounter by urn:uuid', () => {
    const { bundle, blame } = build();
    expect(bundle.type).toBe('transaction');
    const entries = bundle.entry ?? [];
    expect(entries.map((entry) => entry.resource?.resourceType)).toEqual([
      'Encounter',
      'Observation',
      'Observation',
      'Observation',
      'Condition',
      'MedicationRequest',
    ]);
    expect(blame).toEqual(['reason', 'systolic', 'diastolic', 'labValue', 'diagnosis', 'medicine']);
    const encounterUrl = entries[0]?.fullUrl;
    expect(encounterUrl).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    for (const entry of entries) {
      expect(entry.request).toEqual({ method: 'POST', url: entry.resource?.resourceType });
      if (entry.resource?.resourceType !== 'Encounter')
        expect((entry.resource as { encounter?: { reference?: string } }).encounter?.reference).toBe(
          encounterUrl,
        );
    }
    const request = entries[5]?.resource as MedicationRequest;
    expect(request.reasonReference?.[0]?.reference).toBe(entries[4]?.fullUrl);
    expect(request.requester?.reference).toBe('Practitioner/gp-1');
    expect(request.subject?.reference).toBe('Patient/pat-1');
  });

  it('gives the lab result its unit, reference range and flag from the terminology', () => {
    const lab = build().bundle.entry?.[3]?.resource as Observation;
    expect(lab.valueQuantity).toMatchObject({ value: 7.9, system: 'http://unitsofmeasure.org', code: '%' });
    expect(lab.referenceRange?.[0]).toMatchObject({ low: { value: 4 }, high: { value: 5.6 } });
    expect(lab.interpretation?.[0]?.coding?.[0]?.code).toBe('H');
    expect(lab.category?.[0]?.coding?.[0]?.code).toBe('laboratory');
  });

  it('writes only codes the terminology knows, with their official display', () => {
    // Units are UCUM codes on quantities (shown by their display), not terms.
    const all = codings(build().bundle).filter((coding) => coding.system !== 'http://unitsofmeasure.org');
    expect(all.length).toBeGreaterThan(5);
    for (const coding of all) {
      const term = termOf(coding.system, coding.code);
      // Value-set codes of FHIR itself (status, category, interpretation) are in the terminology too.
      expect(term, `${coding.system}|${coding.code}`).toBeDefined();
      if (coding.display) expect(coding.display).toBe(term?.display);
    }
  });

  it('leaves out what the doctor did not record', () => {
    const { bundle } = build({ ok: true, reason: 'Cough', vitals: {} });
    expect(bundle.entry?.map((entry) => entry.resource?.resourceType)).toEqual(['Encounter']);
  });

  it('points a refusal at the field it concerns', () => {
    const { blame } = build();
    const issue = (expression: string) => ({ code: null, type: 'value', expression, diagnostics: null });
    expect(fieldOfIssue(issue('Bundle.entry[5].resource.dispenseRequest.quantity'), blame)).toBe('quantity');
    expect(fieldOfIssue(issue('Bundle.entry[5].resource.dosageInstruction[0].doseAndRate'), blame)).toBe(
      'doseAmount',
    );
    expect(fieldOfIssue(issue('Bundle.entry[3].resource.valueQuantity.value'), blame)).toBe('labValue');
    expect(fieldOfIssue(issue('Bundle.entry[4].resource.note[0].text'), blame)).toBe('note');
    expect(fieldOfIssue(issue('Bundle.entry[9].resource'), blame)).toBeNull();
    expect(fieldOfIssue(issue('Bundle.type'), blame)).toBeNull();
  });

  it('reads what a transaction-response wrote', () => {
    expect(
      writtenReferences({
        resourceType: 'Bundle',
        type: 'transaction-response',
        entry: [
          { response: { status: '201', location: 'Encounter/e1/_history/1' } },
          { response: { status: '201', location: 'https://host/fhir/R4/MedicationRequest/m-2/_history/1' } },
          { response: { status: '201' }, resource: { resourceType: 'Condition', id: 'c3', subject: {} } },
          { response: { status: '201' } },
        ],
      }),
    ).toEqual(['Encounter/e1', 'MedicationRequest/m-2', 'Condition/c3', null]);
  });

  it('flags a value against its range', () => {
    expect(interpretation(7.9, 4, 5.6)).toBe('H');
    expect(interpretation(3, 4, 5.6)).toBe('L');
    expect(interpretation(5, 4, 5.6)).toBe('N');
    expect(interpretation(5, null, null)).toBeNull();
  });
});
