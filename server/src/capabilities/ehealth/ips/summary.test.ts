import type { Bundle, Composition, Resource } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import type { StoredResource } from '../ports.ts';
import type { SummaryLanguage } from './labels.ts';
import { buildSummary, type SummaryInput } from './summary.ts';
import { PATIENT_ID, recordOf, sharedResources, stored } from './test-fixtures.ts';
import { validateIpsBundle } from './validate.ts';

const BASE = 'https://health.example/fhir/R4';
const shared = stored(sharedResources());

async function summaryOf(
  resources: readonly StoredResource[],
  options: Partial<SummaryInput> & { language?: SummaryLanguage } = {},
) {
  const patient = resources.find((row) => row.resourceType === 'Patient' && row.id === PATIENT_ID)!;
  return buildSummary({
    patient,
    resources,
    resolve: async (refs) => shared.filter((row) => refs.includes(`${row.resourceType}/${row.id}`)),
    withheld: false,
    language: 'en',
    now: new Date('2026-12-06T09:00:00Z'),
    addressing: { kind: 'rest', baseUrl: BASE },
    ...options,
  });
}

const compositionOf = (bundle: Bundle) => bundle.entry![0]!.resource as Composition;
const sectionByCode = (bundle: Bundle, code: string) =>
  compositionOf(bundle).section!.find((section) => section.code!.coding![0]!.code === code);
const entryTypes = (bundle: Bundle) => bundle.entry!.map((entry) => entry.resource!.resourceType);

describe('the International Patient Summary', () => {
  it('is a valid IPS document: the Composition first, every section coded, every reference resolving', async () => {
    const { bundle } = await summaryOf(stored(recordOf()));
    expect(validateIpsBundle(bundle)).toEqual([]);
    expect(bundle.type).toBe('document');
    expect(bundle.identifier?.value).toMatch(/^urn:uuid:/);
    const composition = compositionOf(bundle);
    expect(composition.type.coding?.[0]).toMatchObject({ system: 'http://loinc.org', code: '60591-5' });
    expect(composition.subject?.reference).toBe(`${BASE}/Patient/${PATIENT_ID}`);
    expect(composition.author?.[0]?.reference).toBe(`${BASE}/Practitioner/gp-1`);
    expect(composition.section!.map((section) => section.code!.coding![0]!.code)).toEqual([
      '11450-4',
      '48765-2',
      '10160-0',
      '11369-6',
      '30954-2',
      '8716-3',
      '47519-4',
    ]);
    for (const entry of bundle.entry!.slice(1))
      expect(entry.fullUrl).toBe(`${BASE}/${entry.resource!.resourceType}/${entry.resource!.id}`);
  });

  it('lists the active problems and prescriptions, the latest result per test, and the practitioners they name', async () => {
    const { bundle } = await summaryOf(stored(recordOf()));
    const refs = (code: string) =>
      sectionByCode(bundle, code)!.entry!.map((entry) => entry.reference!.slice(BASE.length + 1));
    expect(refs('11450-4')).toEqual([`Condition/${PATIENT_ID}-dep`, `Condition/${PATIENT_ID}-htn`]);
    expect(refs('10160-0')).toEqual([`MedicationRequest/${PATIENT_ID}-rx`]);
    expect(refs('30954-2')).toEqual([`Observation/${PATIENT_ID}-hba1c-2`]);
    expect(refs('11369-6')).toHaveLength(2);
    expect(entryTypes(bundle)).toContain('Practitioner');
    expect(entryTypes(bundle)).toContain('Organization');
    // The encounter and the resolved pneumonia are not part of a summary; the reference to the visit says so.
    expect(entryTypes(bundle)).not.toContain('Encounter');
    const rx = bundle.entry!.find((entry) => entry.resource!.id === `${PATIENT_ID}-rx`)!
      .resource as Resource & {
      encounter?: unknown;
    };
    expect(rx.encounter).toEqual({ display: 'not included in this summary' });
  });

  it('writes its narratives in the language asked for', async () => {
    for (const [language, title, section] of [
      ['bg', 'Международно резюме на пациента', 'Алергии'],
      ['pl', 'Międzynarodowe podsumowanie pacjenta', 'Alergie'],
      ['en', 'International Patient Summary', 'Allergies'],
    ] as const) {
      const { bundle } = await summaryOf(stored(recordOf()), { language });
      const composition = compositionOf(bundle);
      expect(composition.title).toBe(title);
      expect(composition.language).toBe(language);
      expect(sectionByCode(bundle, '48765-2')!.title).toBe(section);
      expect(sectionByCode(bundle, '48765-2')!.text!.div).toContain('<table>');
    }
  });

  it('gives empty required sections an empty reason and leaves empty optional ones without entries', async () => {
    const patientOnly = stored(recordOf().filter((resource) => resource.resourceType === 'Patient'));
    const { bundle } = await summaryOf(patientOnly);
    expect(validateIpsBundle(bundle)).toEqual([]);
    for (const code of ['11450-4', '48765-2', '10160-0']) {
      const section = sectionByCode(bundle, code)!;
      expect(section.entry).toBeUndefined();
      expect(section.emptyReason?.coding?.[0]?.code).toBe('unavailable');
    }
  });

  it('says information is withheld without naming it, and a hidden condition is nowhere in the Bundle', async () => {
    const visible = stored(recordOf()).filter((row) => row.id !== `${PATIENT_ID}-dep`);
    const { bundle } = await summaryOf(visible, { withheld: true });
    const text = JSON.stringify(bundle);
    expect(text).not.toContain(`${PATIENT_ID}-dep`);
    expect(text).not.toContain('F32');
    expect(text).not.toContain('Depressive');
    expect(compositionOf(bundle).text!.div).toContain(
      "Some information is withheld at the patient's request.",
    );
    expect(validateIpsBundle(bundle)).toEqual([]);
  });

  it('is authored by the record system when the patient has no GP on record', async () => {
    const record = recordOf().map((resource) =>
      resource.resourceType === 'Patient' ? { ...resource, generalPractitioner: undefined } : resource,
    );
    const { bundle } = await summaryOf(stored(record), { language: 'bg' });
    const author = compositionOf(bundle).author![0]!.reference!;
    expect(author).toMatch(/^urn:uuid:/);
    const device = bundle.entry!.find((entry) => entry.fullUrl === author)!.resource!;
    expect(device.resourceType).toBe('Device');
    expect(validateIpsBundle(bundle)).toEqual([]);
  });

  it('addresses every entry by UUID off the API, every reference still resolving', async () => {
    const { bundle } = await summaryOf(stored(recordOf()), { addressing: { kind: 'uuid' } });
    expect(validateIpsBundle(bundle)).toEqual([]);
    for (const entry of bundle.entry!) expect(entry.fullUrl).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(compositionOf(bundle).subject!.reference).toMatch(/^urn:uuid:/);
  });
});

describe('the independent IPS check', () => {
  it('finds a broken reference, a missing required section, a wrong first entry and a structure error', async () => {
    const { bundle } = await summaryOf(stored(recordOf()));
    const broken = structuredClone(bundle);
    const composition = compositionOf(broken);
    composition.section = composition.section!.filter(
      (section) => section.code!.coding![0]!.code !== '48765-2',
    );
    composition.section[0]!.entry!.push({ reference: 'Condition/nowhere' });
    const codes = validateIpsBundle(broken).map((issue) => issue.diagnostics);
    expect(codes.some((text) => text.includes('48765-2'))).toBe(true);
    expect(codes.some((text) => text.includes('Condition/nowhere'))).toBe(true);

    const reordered = structuredClone(bundle);
    reordered.entry!.reverse();
    expect(validateIpsBundle(reordered).some((issue) => issue.expression === 'Bundle.entry[0]')).toBe(true);

    const wrongType = structuredClone(bundle);
    (wrongType.entry![1]!.resource as unknown as Record<string, unknown>).gender = 42;
    expect(validateIpsBundle(wrongType).length).toBeGreaterThan(0);

    const wrongSection = structuredClone(bundle);
    compositionOf(wrongSection).section![1]!.entry = [{ reference: `${BASE}/Condition/${PATIENT_ID}-htn` }];
    expect(validateIpsBundle(wrongSection).some((issue) => issue.code === 'invariant')).toBe(true);
  });
});
