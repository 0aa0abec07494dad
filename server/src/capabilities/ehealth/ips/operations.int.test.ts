import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Bundle, Composition } from '@medplum/fhirtypes';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/databases.ts';
import type { DatabaseHandle } from '../../../db/connect.ts';
import { tablesOf } from '../../../db/index.ts';
import { AppError } from '../../../kernel/index.ts';
import { loadInstance } from '../../../registers/index.ts';
import { storeCareFacts } from '../access/care.ts';
import { createHealthPolicy } from '../access/policy.ts';
import { parseScopes } from '../access/scopes.ts';
import type { AccessTables } from '../access/tables.ts';
import { TypedSearchIndex } from '../fhir/search/index-writer.ts';
import { ResourceStore } from '../fhir/store.ts';
import type { HealthAccess, HealthAccessContext } from '../ports.ts';
import type { EhealthTables } from '../tables.ts';
import { IpsOperations } from './operations.ts';
import { EGN_SYSTEM, OTHER_PATIENT_ID, PATIENT_ID, recordOf, sharedResources } from './test-fixtures.ts';
import { validateIpsBundle } from './validate.ts';

const BASE = 'https://health.example/fhir/R4';
const PERSONAL_NUMBER = '8001010005';

const context = (
  actor: HealthAccessContext['actor'],
  scopes: string[],
  breakGlass = false,
): HealthAccessContext => ({
  actor,
  scopes: parseScopes(scopes),
  purpose: { purpose: 'medical-treatment', legalBasis: 'gdpr-art-9-2-h' },
  breakGlass: breakGlass
    ? [
        {
          id: 'bg-1',
          patientId: PATIENT_ID,
          reason: 'unconscious',
          expiresAt: new Date(Date.now() + 3_600_000),
        },
      ]
    : [],
  requestId: 'test',
});
const patient = context(
  { kind: 'patient', personalNumber: PERSONAL_NUMBER, patientId: PATIENT_ID, patientIds: [PATIENT_ID] },
  ['patient/*.rs'],
);
const doctor = (practitionerId: string, breakGlass = false) =>
  context(
    {
      kind: 'practitioner',
      personalNumber: '7001010003',
      practitionerId,
      organisation: 'x',
      client: 'COM/1/x',
      generalPractitioner: practitionerId === 'gp-1',
    },
    ['user/*.cruds'],
    breakGlass,
  );
const gp = doctor('gp-1');
const specialist = doctor('spec-1');
const emergency = doctor('spec-1', true);

/** The code of the AppError a call fails with. */
async function refusal(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  throw new Error('the call succeeded');
}

function pdfText(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ips-pdf-'));
  const file = path.join(dir, 'out.pdf');
  fs.writeFileSync(file, pdf);
  try {
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+595\.\d* x 841\.\d* pts \(A4\)/);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe.each(testDatabases())('the patient operations on $name', (engine) => {
  let handle: DatabaseHandle;
  let operations: IpsOperations;
  const recorded: HealthAccess[] = [];

  beforeAll(async () => {
    handle = await engine.open();
    const store = new ResourceStore(handle.db, new TypedSearchIndex());
    await store.importResources([
      ...sharedResources(),
      ...recordOf(),
      ...recordOf(OTHER_PATIENT_ID, '8002020000'),
    ]);
    const db = tablesOf<EhealthTables & AccessTables>(handle.db);
    await db
      .insertInto('ehealth.patients')
      .values([
        { personal_number: PERSONAL_NUMBER, patient_id: PATIENT_ID },
        { personal_number: '8002020000', patient_id: OTHER_PATIENT_ID },
      ])
      .execute();
    // The patient hides the depression from all but the GP, and the discharge letter from the specialist.
    await db
      .insertInto('ehealth.access_restrictions')
      .values([
        {
          id: crypto.randomUUID(),
          patient_id: PATIENT_ID,
          consent_id: 'consent-1',
          target_kind: 'category',
          target_reference: null,
          target_type: 'Condition',
          target_category: 'F32',
          from_kind: 'all-but-gp',
          from_practitioner: null,
          from_name: null,
        },
        {
          id: crypto.randomUUID(),
          patient_id: PATIENT_ID,
          consent_id: 'consent-2',
          target_kind: 'resource',
          target_reference: `DocumentReference/${PATIENT_ID}-letter`,
          target_type: 'DocumentReference',
          target_category: null,
          from_kind: 'practitioner',
          from_practitioner: 'spec-1',
          from_name: null,
        },
      ])
      .execute();
    // The specialist is the GP of nobody, but has an open encounter with the patient.
    await store.importResources([
      {
        resourceType: 'Encounter',
        id: 'enc-spec',
        status: 'in-progress',
        class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
        subject: { reference: `Patient/${PATIENT_ID}` },
        participant: [{ individual: { reference: 'Practitioner/spec-1' } }],
      },
      { resourceType: 'Practitioner', id: 'spec-1', name: [{ family: 'Стоянов' }] },
    ]);
    operations = new IpsOperations({
      store,
      policy: createHealthPolicy(storeCareFacts(handle.db)),
      recorder: { record: async (access) => void recorded.push(access) },
      instance: loadInstance('bg'),
    });
  });
  afterAll(() => handle?.close());

  const invoke = (
    call: 'everything' | 'summary' | 'documentPdf',
    ctx: HealthAccessContext,
    id: string | undefined,
    params: Record<string, string> = {},
    extra: { accept?: string; acceptLanguage?: string; body?: unknown } = {},
  ) =>
    operations[call]({
      ctx,
      ...(id !== undefined ? { id } : {}),
      params,
      baseUrl: BASE,
      accept: extra.accept ?? 'application/fhir+json',
      ...(extra.acceptLanguage ? { acceptLanguage: extra.acceptLanguage } : {}),
      ...(extra.body ? { body: extra.body } : {}),
    });

  describe('$everything', () => {
    it('gives the patient their whole compartment and the practitioners and organisations it names, recorded', async () => {
      recorded.length = 0;
      const answer = await invoke('everything', patient, PATIENT_ID);
      const bundle = answer.body as Bundle;
      expect(bundle.type).toBe('searchset');
      const refs = bundle.entry!.map((entry) => `${entry.resource!.resourceType}/${entry.resource!.id}`);
      expect(refs[0]).toBe(`Patient/${PATIENT_ID}`);
      expect(refs).toContain(`Condition/${PATIENT_ID}-dep`);
      expect(refs).toContain(`DocumentReference/${PATIENT_ID}-letter`);
      expect(refs).toContain('Practitioner/gp-1');
      expect(refs).toContain('Organization/hosp-1');
      expect(refs.some((ref) => ref.includes(OTHER_PATIENT_ID))).toBe(false);
      const include = bundle.entry!.find((entry) => entry.resource!.id === 'gp-1')!;
      expect(include.search?.mode).toBe('include');
      expect(recorded).toEqual([
        expect.objectContaining({
          interaction: 'operation',
          what: 'Patient/$everything',
          patientIds: [PATIENT_ID],
        }),
      ]);
      expect(recorded[0]!.references).toEqual(refs);
    });

    it('leaves out what the patient hid from the reader: the specialist sees neither the letter nor the condition', async () => {
      const ofGp = (await invoke('everything', gp, PATIENT_ID)).body as Bundle;
      const gpRefs = ofGp.entry!.map((entry) => entry.resource!.id);
      expect(gpRefs).toContain(`${PATIENT_ID}-dep`);
      expect(gpRefs).toContain(`${PATIENT_ID}-letter`);
      const ofSpecialist = (await invoke('everything', specialist, PATIENT_ID)).body as Bundle;
      const specialistRefs = ofSpecialist.entry!.map((entry) => entry.resource!.id);
      expect(specialistRefs).toContain(`${PATIENT_ID}-htn`);
      expect(specialistRefs).not.toContain(`${PATIENT_ID}-dep`);
      expect(specialistRefs).not.toContain(`${PATIENT_ID}-letter`);
      expect(JSON.stringify(ofSpecialist)).not.toContain('F32');
      // Break-glass sees everything.
      const ofEmergency = (await invoke('everything', emergency, PATIENT_ID)).body as Bundle;
      expect(ofEmergency.entry!.map((entry) => entry.resource!.id)).toContain(`${PATIENT_ID}-letter`);
    });

    it('pages with _count and _offset, filters by _type and _since', async () => {
      const all = (await invoke('everything', patient, PATIENT_ID)).body as Bundle;
      const first = (await invoke('everything', patient, PATIENT_ID, { _count: '5' })).body as Bundle;
      expect(first.entry).toHaveLength(5);
      expect(first.total).toBe(all.total);
      const next = first.link!.find((link) => link.relation === 'next')!.url;
      const offset = new URL(next).searchParams.get('_offset')!;
      const second = (await invoke('everything', patient, PATIENT_ID, { _count: '5', _offset: offset }))
        .body as Bundle;
      expect(second.entry!.map((e) => e.resource!.id)).toEqual(
        all.entry!.slice(5, 10).map((e) => e.resource!.id),
      );
      expect(second.link!.some((link) => link.relation === 'previous')).toBe(true);

      const typed = (await invoke('everything', patient, PATIENT_ID, { _type: 'Condition,Immunization' }))
        .body as Bundle;
      expect(new Set(typed.entry!.map((e) => e.resource!.resourceType))).toEqual(
        new Set(['Condition', 'Immunization']),
      );

      const future = (await invoke('everything', patient, PATIENT_ID, { _since: '2999-01-01T00:00:00Z' }))
        .body as Bundle;
      expect(future.entry).toEqual([]);
      const past = (await invoke('everything', patient, PATIENT_ID, { _since: '2020-01-01' })).body as Bundle;
      expect(past.total).toBe(all.total);
    });

    it("answers another patient's record, an unknown one and a malformed id alike: not found", async () => {
      expect(await refusal(invoke('everything', patient, OTHER_PATIENT_ID))).toBe('ips-patient-not-found');
      expect(await refusal(invoke('everything', patient, 'nobody'))).toBe('ips-patient-not-found');
      expect(await refusal(invoke('everything', patient, '../x'))).toBe('ips-patient-not-found');
      expect(await refusal(invoke('everything', doctor('stranger'), PATIENT_ID))).toBe(
        'ips-patient-not-found',
      );
    });

    it('refuses malformed parameters and formats other than JSON', async () => {
      const bad: Array<Record<string, string>> = [
        { _since: 'yesterday' },
        { _since: '2024-02-30' },
        { _since: '2024-01-01T10:00' },
        { _type: 'condition' },
        { _count: '0' },
        { _count: '5000' },
        { _offset: '-1' },
      ];
      for (const params of bad)
        expect(await refusal(invoke('everything', patient, PATIENT_ID, params))).toBe(
          'ips-parameter-invalid',
        );
      expect(await refusal(invoke('everything', patient, PATIENT_ID, { _format: 'pdf' }))).toBe(
        'not-acceptable',
      );
      expect(await refusal(invoke('everything', patient, PATIENT_ID, {}, { accept: 'text/html' }))).toBe(
        'not-acceptable',
      );
    });

    it('never fails otherwise on any _since text', async () => {
      await fc.assert(
        fc.asyncProperty(fc.string({ maxLength: 40 }), async (since) => {
          try {
            await invoke('everything', patient, PATIENT_ID, { _since: since, _count: '1' });
          } catch (error) {
            expect(error).toBeInstanceOf(AppError);
            expect((error as AppError).code).toBe('ips-parameter-invalid');
          }
        }),
        { numRuns: 60 },
      );
    });
  });

  describe('$summary', () => {
    it('gives the patient a valid IPS of their record, in the language asked, recorded', async () => {
      recorded.length = 0;
      const answer = await invoke('summary', patient, PATIENT_ID, {}, { acceptLanguage: 'pl, en;q=0.5' });
      expect(answer.contentType).toBe('application/fhir+json');
      const bundle = answer.body as Bundle;
      expect(validateIpsBundle(bundle)).toEqual([]);
      const composition = bundle.entry![0]!.resource as Composition;
      expect(composition.title).toBe('Międzynarodowe podsumowanie pacjenta');
      expect(JSON.stringify(bundle)).toContain(`${PATIENT_ID}-dep`);
      expect(recorded).toEqual([
        expect.objectContaining({
          interaction: 'operation',
          what: 'Patient/$summary',
          patientIds: [PATIENT_ID],
        }),
      ]);
    });

    it('leaves a hidden condition out for the specialist and says something is withheld, naming nothing', async () => {
      const bundle = (await invoke('summary', specialist, PATIENT_ID, { _language: 'en' })).body as Bundle;
      expect(validateIpsBundle(bundle)).toEqual([]);
      const text = JSON.stringify(bundle);
      expect(text).not.toContain(`${PATIENT_ID}-dep`);
      expect(text).not.toContain('F32');
      expect(text).toContain(`${PATIENT_ID}-htn`);
      expect((bundle.entry![0]!.resource as Composition).text!.div).toContain('withheld');
      const ofGp = (await invoke('summary', gp, PATIENT_ID, { _language: 'en' })).body as Bundle;
      expect(JSON.stringify(ofGp)).toContain(`${PATIENT_ID}-dep`);
      expect((ofGp.entry![0]!.resource as Composition).text!.div).not.toContain('withheld');
    });

    it('finds the patient by identifier at the type level (GET and POST)', async () => {
      const byQuery = (
        await invoke('summary', patient, undefined, { identifier: `${EGN_SYSTEM}|${PERSONAL_NUMBER}` })
      ).body as Bundle;
      expect((byQuery.entry![0]!.resource as Composition).subject!.reference).toBe(
        `${BASE}/Patient/${PATIENT_ID}`,
      );
      const byBody = (
        await invoke(
          'summary',
          patient,
          undefined,
          {},
          {
            body: {
              resourceType: 'Parameters',
              parameter: [
                { name: 'identifier', valueIdentifier: { system: EGN_SYSTEM, value: PERSONAL_NUMBER } },
              ],
            },
          },
        )
      ).body as Bundle;
      expect(validateIpsBundle(byBody)).toEqual([]);
      expect(await refusal(invoke('summary', patient, undefined, {}))).toBe('ips-identifier-required');
      expect(await refusal(invoke('summary', patient, undefined, { identifier: '8002020000' }))).toBe(
        'ips-patient-not-found',
      );
      expect(
        await refusal(invoke('summary', patient, undefined, { identifier: `other|${PERSONAL_NUMBER}` })),
      ).toBe('ips-patient-not-found');
    });

    it('renders a readable A4 PDF in Bulgarian, Polish and English (read back with poppler)', async () => {
      for (const [language, words] of [
        [
          'bg',
          [
            'Международно резюме на пациента',
            'Мария Петрова',
            'Артериална хипертония',
            'Алергии',
            'Пеницилин',
            '6,7 %',
          ],
        ],
        ['pl', ['Międzynarodowe podsumowanie pacjenta', 'Szczepienia', 'Ramipryl']],
        ['en', ['International Patient Summary', 'Vaccinations', 'Ramipril']],
      ] as const) {
        const answer = await invoke('summary', patient, PATIENT_ID, { _format: 'pdf', _language: language });
        expect(answer.contentType).toBe('application/pdf');
        const text = pdfText(answer.body as Buffer).replace(/\s+/g, ' ');
        for (const word of words) expect(text).toContain(word);
      }
      const viaAccept = await invoke(
        'summary',
        specialist,
        PATIENT_ID,
        {},
        { accept: 'application/pdf', acceptLanguage: 'en' },
      );
      const text = pdfText(viaAccept.body as Buffer).replace(/\s+/g, ' ');
      expect(text).toContain("Some information is withheld at the patient's request.");
      expect(text).not.toMatch(/depress/i);
    });

    it("shows the patient's and the author's names in the reader's script, the Bundle as recorded", async () => {
      const names = {
        bg: { patient: 'Пациент Мария Петрова', author: 'Автор Георги Иванов' },
        en: {
          patient: 'Patient Maria Petrova (Мария Петрова)',
          author: 'Author Georgi Ivanov (Георги Иванов)',
        },
        pl: {
          patient: 'Pacjent Maria Petrova (Мария Петрова)',
          author: 'Autor Georgi Ivanov (Георги Иванов)',
        },
      } as const;
      for (const [language, { patient: patientLine, author }] of Object.entries(names)) {
        const answer = await invoke('summary', patient, PATIENT_ID, { _format: 'pdf', _language: language });
        const text = pdfText(answer.body as Buffer).replace(/\s+/g, ' ');
        expect(text).toContain(patientLine);
        expect(text).toContain(author);
        if (language === 'bg') expect(text).not.toMatch(/Maria|Petrova|Georgi/);
        // The document of record keeps the names as recorded, whatever the reader's language.
        const json = await invoke('summary', patient, PATIENT_ID, { _language: language });
        const bundle = json.body as Bundle;
        const composition = bundle.entry![0]!.resource as Composition;
        expect(composition.text!.div).toContain('Мария Петрова');
        expect(JSON.stringify(bundle)).not.toMatch(/Maria|Petrova|Georgi/);
      }
    });

    it('refuses another patient, an unknown format and an unknown language', async () => {
      expect(await refusal(invoke('summary', patient, OTHER_PATIENT_ID))).toBe('ips-patient-not-found');
      expect(await refusal(invoke('summary', patient, PATIENT_ID, { _format: 'xml' }))).toBe(
        'not-acceptable',
      );
      expect(await refusal(invoke('summary', patient, PATIENT_ID, {}, { accept: 'text/html' }))).toBe(
        'not-acceptable',
      );
      expect(await refusal(invoke('summary', patient, PATIENT_ID, { _language: 'de' }))).toBe(
        'ips-parameter-invalid',
      );
    });
  });

  describe('DocumentReference/$pdf', () => {
    it("renders a discharge letter's text as a PDF for whoever may read it, recorded like a read", async () => {
      recorded.length = 0;
      const answer = await invoke('documentPdf', gp, `${PATIENT_ID}-letter`, { _language: 'bg' });
      expect(answer.contentType).toBe('application/pdf');
      const text = pdfText(answer.body as Buffer).replace(/\s+/g, ' ');
      expect(text).toContain('Пациентката е изписана в добро общо състояние.');
      expect(text).toContain('Zażółć gęślą jaźń.');
      expect(text).toContain('УМБАЛ „Александровска“');
      expect(text).not.toContain('Aleksandrovska');
      const english = await invoke('documentPdf', gp, `${PATIENT_ID}-letter`, { _language: 'en' });
      const englishText = pdfText(english.body as Buffer).replace(/\s+/g, ' ');
      expect(englishText).toContain('Patient Maria Petrova (Мария Петрова)');
      expect(englishText).toContain('Author UMBAL „Aleksandrovska“ (УМБАЛ „Александровска“)');
      // The letter's own text is printed as written.
      expect(englishText).toContain('Пациентката е изписана в добро общо състояние.');
      recorded.length = 0;
      await invoke('documentPdf', gp, `${PATIENT_ID}-letter`, { _language: 'bg' });
      expect(recorded).toEqual([
        expect.objectContaining({ interaction: 'read', what: 'DocumentReference', patientIds: [PATIENT_ID] }),
      ]);
    });

    it('is not found for the specialist the patient hid it from, and for another patient', async () => {
      expect(await refusal(invoke('documentPdf', specialist, `${PATIENT_ID}-letter`))).toBe(
        'ips-document-not-found',
      );
      expect(await refusal(invoke('documentPdf', patient, `${OTHER_PATIENT_ID}-letter`))).toBe(
        'ips-document-not-found',
      );
      expect(await refusal(invoke('documentPdf', patient, 'nope'))).toBe('ips-document-not-found');
      expect(await refusal(invoke('documentPdf', patient, `${PATIENT_ID}-letter`, { _format: 'json' }))).toBe(
        'not-acceptable',
      );
      // Under break-glass the specialist reads it.
      const answer = await invoke('documentPdf', emergency, `${PATIENT_ID}-letter`);
      expect(answer.contentType).toBe('application/pdf');
    });
  });
});
