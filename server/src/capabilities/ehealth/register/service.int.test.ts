import { makeEgn } from '@civitas/contracts/ids/egn.ts';
import { HEALTH_RECORD } from '@civitas/contracts/registers/health-record.ts';
import type { Bundle, Composition } from '@medplum/fhirtypes';
import { Value } from '@sinclair/typebox/value';
import type { Insertable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/databases.ts';
import { PORTAL_CLIENT } from '../../../../test/instance.ts';
import { bareRequest as request } from '../../../../test/service-request.ts';
import type { DatabaseHandle } from '../../../db/connect.ts';
import { tablesOf } from '../../../db/index.ts';
import type { ExchangeServiceDefinition, ServiceRequest } from '../../../exchange/index.ts';
import type { AccessRestrictionRow, AccessTables } from '../access/tables.ts';
import { TypedSearchIndex } from '../fhir/search/index-writer.ts';
import { ResourceStore } from '../fhir/store.ts';
import { recordOf, sharedResources } from '../ips/test-fixtures.ts';
import { validateIpsBundle } from '../ips/validate.ts';
import type { EhealthTables } from '../tables.ts';
import { healthRecordServices } from './service.ts';

describe.each(testDatabases())('the health record register answers under its contract on $name', (engine) => {
  let handle: DatabaseHandle;
  let egns: string[];
  let service: ExchangeServiceDefinition;
  const reported: unknown[] = [];
  const patientOf = (index: number) => `pat-reg-${index}`;

  beforeAll(async () => {
    handle = await engine.open();
    // Sixty persons: the record is keyed by personal number, the population register is not read.
    egns = Array.from({ length: 60 }, (_, index) => makeEgn('1980-01-01', index % 2 ? 'F' : 'M', index));
    const db = tablesOf<EhealthTables & AccessTables>(handle.db);
    // A health record for the first three persons; the others have none.
    const store = new ResourceStore(handle.db, new TypedSearchIndex());
    await store.importResources([
      ...sharedResources(),
      ...[0, 1, 2].flatMap((index) => recordOf(patientOf(index), egns[index])),
    ]);
    await db
      .insertInto('ehealth.patients')
      .values([0, 1, 2].map((index) => ({ personal_number: egns[index]!, patient_id: patientOf(index) })))
      .execute();
    // The first person hides their depression and one vaccination from all but the GP, and their
    // hypertension from one named doctor (which does not concern a system).
    type Row = Insertable<AccessRestrictionRow>;
    const restriction = (
      target: Pick<Row, 'target_kind' | 'target_type'> & Partial<Row>,
      from: Pick<Row, 'from_kind'> & Partial<Row>,
    ): Row => ({
      id: crypto.randomUUID(),
      patient_id: patientOf(0),
      consent_id: 'consent',
      target_reference: null,
      target_category: null,
      from_practitioner: null,
      from_name: null,
      ...target,
      ...from,
    });
    await db
      .insertInto('ehealth.access_restrictions')
      .values([
        restriction(
          { target_kind: 'category', target_type: 'Condition', target_category: 'F32' },
          { from_kind: 'all-but-gp' },
        ),
        restriction(
          {
            target_kind: 'resource',
            target_type: 'Immunization',
            target_reference: `Immunization/${patientOf(0)}-mmr-2`,
          },
          { from_kind: 'all-but-gp' },
        ),
        restriction(
          {
            target_kind: 'resource',
            target_type: 'Condition',
            target_reference: `Condition/${patientOf(0)}-htn`,
          },
          { from_kind: 'practitioner', from_practitioner: 'spec-1' },
        ),
      ])
      .execute();
    service = healthRecordServices(handle.db, (error) => reported.push(error))[0]!;
  });
  afterAll(() => handle?.close());

  const call = async (
    endpoint: keyof typeof HEALTH_RECORD.endpoints,
    egn: string,
    asked: ServiceRequest = request,
  ) => {
    const path = HEALTH_RECORD.endpoints[endpoint].path;
    const handler = service.endpoints.find((candidate) => candidate.path === path)!;
    return handler.handle({ egn }, asked);
  };

  /** A request through the exchange: the portal (or another client) under a purpose, for a user. */
  const asking = (
    dataSubject: string | null,
    caller: Partial<NonNullable<ServiceRequest['caller']>> = {},
  ): ServiceRequest => ({
    ...request,
    dataSubject,
    caller: {
      client: PORTAL_CLIENT,
      purpose: 'data-subject-access',
      legalBasis: 'gdpr-art-15',
      userId: dataSubject,
      ...caller,
    },
  });

  it('answers every endpoint for every person with a body its contract accepts, or 404 without a record', async () => {
    for (const [key, contract] of Object.entries(HEALTH_RECORD.endpoints)) {
      let ok = 0;
      for (const egn of egns) {
        const answer = await call(key as keyof typeof HEALTH_RECORD.endpoints, egn);
        expect([200, 404], `${contract.path}`).toContain(answer.status);
        if (answer.status !== 200) continue;
        expect(Value.Check(contract.answer, answer.body), contract.path).toBe(true);
        ok++;
      }
      expect(ok, contract.path).toBe(3);
    }
    expect(reported).toEqual([]);
  });

  it('answers the summary as a valid, self-contained IPS without what the patient hid from all but the GP', async () => {
    const restricted = (await call('summary', egns[0]!)).body as Bundle;
    expect(validateIpsBundle(restricted)).toEqual([]);
    for (const entry of restricted.entry!) expect(entry.fullUrl).toMatch(/^urn:uuid:/);
    const text = JSON.stringify(restricted);
    expect(text).not.toContain(`${patientOf(0)}-dep`);
    expect(text).not.toContain('F32');
    // Hidden from one doctor only: a system still reads it.
    expect(text).toContain(`${patientOf(0)}-htn`);
    expect((restricted.entry![0]!.resource as Composition).text!.div).toContain('withheld');

    const other = (await call('summary', egns[1]!)).body as Bundle;
    expect(JSON.stringify(other)).toContain(`${patientOf(1)}-dep`);
  });

  it('lists the vaccinations oldest first with their labels in three languages, leaving out hidden ones', async () => {
    const all = (await call('immunizations', egns[1]!)).body;
    expect(all).toEqual([
      {
        vaccine: {
          system: 'http://www.whocc.no/atc',
          code: 'J07BD52',
          label: expect.objectContaining({
            bg: expect.any(String),
            en: expect.any(String),
            pl: expect.any(String),
          }),
        },
        date: '1981-03-01',
        doseNumber: 1,
      },
      expect.objectContaining({ date: '1992-03-01', doseNumber: 2 }),
    ]);
    const label = (all as Array<{ vaccine: { label: Record<string, string> } }>)[0]!.vaccine.label;
    expect(new Set(Object.values(label)).size).toBeGreaterThan(1);
    expect(Object.values(label)).not.toContain('J07BD52');

    const restricted = (await call('immunizations', egns[0]!)).body as unknown[];
    expect(restricted).toHaveLength(1);
  });

  it('gives the patient asking through the portal all of their own record, what they hid from all but the GP included', async () => {
    const own = asking(egns[0]!);
    const summary = JSON.stringify((await call('summary', egns[0]!, own)).body);
    expect(summary).toContain(`${patientOf(0)}-dep`);
    expect(summary).toContain('F32');
    expect(summary).not.toContain('withheld');
    expect(validateIpsBundle((await call('summary', egns[0]!, own)).body as Bundle)).toEqual([]);
    expect((await call('immunizations', egns[0]!, own)).body).toHaveLength(2);
  });

  it('leaves out what the patient hid for everyone else: another user, another purpose, another subject, no caller', async () => {
    const [patient, parent] = [egns[0]!, egns[10]!];
    const thirdParties: Array<[string, ServiceRequest]> = [
      ['a parent asking for their child', asking(patient, { userId: parent })],
      ['a request naming no user', asking(patient, { userId: null })],
      [
        'the wallet issuing a credential for the patient',
        asking(patient, { purpose: 'credential-issuance', legalBasis: 'eidas-art-5a' }),
      ],
      ['a request whose data subject is someone else', asking(parent, { userId: patient })],
      ['a call outside the exchange', request],
    ];
    for (const [who, asked] of thirdParties) {
      const summary = JSON.stringify((await call('summary', patient, asked)).body);
      expect([who, summary.includes(`${patientOf(0)}-dep`), summary.includes('withheld')]).toEqual([
        who,
        false,
        true,
      ]);
      expect((await call('immunizations', patient, asked)).body, who).toHaveLength(1);
    }
  });

  it('refuses a malformed personal number before reading anything', async () => {
    const answer = await call('summary', 'not-a-number');
    expect(answer.status).toBe(400);
  });
});
