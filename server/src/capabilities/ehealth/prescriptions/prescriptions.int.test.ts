import { randomUUID } from 'node:crypto';
import {
  isValidPrescriptionNumber,
  PRESCRIPTION_NUMBER_SYSTEM,
  prescriptionNumberFrom,
} from '@civitas/contracts/health/prescription-number.ts';
import type { MedicationDispense, MedicationRequest } from '@medplum/fhirtypes';
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/databases.ts';
import { startTestPlatform, type TestPlatform } from '../../../../test/platform.ts';
import { tablesOf } from '../../../db/index.ts';
import { eidIssuer, issueScriptingToken } from '../../../identity/tokens.ts';
import { AppError } from '../../../kernel/index.ts';
import { TypedSearchIndex } from '../fhir/search/index-writer.ts';
import { ResourceStore } from '../fhir/store.ts';
import type { EhealthTransaction, StoredResource } from '../ports.ts';
import type { EhealthTables } from '../tables.ts';
import { prescriptionWriteHook } from './hooks.ts';
import { storePrescriptionRecords } from './records.ts';
import { PRESCRIPTION_VALIDITY_DAYS } from './rows.ts';
import { importPrescriptionRows } from './seed.ts';
import { PrescriptionService } from './service.ts';
import type { PrescriptionTables } from './tables.ts';

interface IdentityRoles {
  'identity.role_assignments': { egn: string; role: string; organisation: string; source: string };
}

const STACK_TRACE = /\n\s+at .+\(.+:\d+:\d+\)/;
// biome-ignore lint/suspicious/noExplicitAny: replies are read as the JSON the test expects
type Json = any;
type Reply = { statusCode: number; headers: Record<string, unknown>; body: string; json(): Json };

describe.each(testDatabases())('e-prescriptions on $name', (engine) => {
  let platform: TestPlatform;
  let store: ResourceStore;
  const tokens: Record<
    'doctor' | 'specialist' | 'pharmacist' | 'otherPharmacist' | 'citizen' | 'stranger',
    string
  > = {} as never;
  let citizen: string;
  let stranger: string;
  let citizenPatient: string;
  let strangerPatient: string;

  const call = async (token: string, options: InjectOptions): Promise<Reply> =>
    (await platform.app.inject({
      ...options,
      headers: { authorization: `Bearer ${token}`, ...options.headers },
    })) as Reply;
  const issue = (body: Record<string, unknown>, token = tokens.doctor) =>
    call(token, { method: 'POST', url: '/api/health/prescriptions', payload: body });
  const issueFor = async (patient: string, quantity = 1, repeats?: number) => {
    const reply = await issue({
      patient,
      medication: 'C09AA05',
      dosage: '1 tablet every morning',
      quantity,
      ...(repeats !== undefined && { repeats }),
    });
    expect(reply.statusCode, reply.body).toBe(201);
    return reply.json() as { number: string; qr: string; medicationRequest: string };
  };
  const lookup = (number: string, patient: string, token = tokens.pharmacist) =>
    call(token, { method: 'POST', url: '/api/health/prescriptions/lookup', payload: { number, patient } });
  const dispense = (
    number: string,
    patient: string,
    quantity: number,
    token = tokens.pharmacist,
    key?: string,
  ) =>
    call(token, {
      method: 'POST',
      url: `/api/health/prescriptions/${number}/dispenses`,
      payload: { patient, quantity },
      ...(key && { headers: { 'idempotency-key': key } }),
    });
  const resource = async (reference: string) => {
    const [type, id] = reference.split('/') as [string, string];
    return JSON.parse((await store.read(type, id))!.content);
  };

  beforeAll(async () => {
    platform = await startTestPlatform(engine, { persons: 60, vehicles: 10, healthRecords: false });
    store = new ResourceStore(platform.database.db, new TypedSearchIndex());
    const [citizenEgn, , doctor, pharmacist, , , , specialist] = platform.seeded.demoPersons as string[];
    citizen = citizenEgn!;
    const db = tablesOf<EhealthTables>(platform.database.db);
    const others = await sql<{ egn: string }>`SELECT egn FROM identity.role_assignments`.execute(
      platform.database.db,
    );
    const taken = new Set(others.rows.map((row) => row.egn.trim()));
    const persons = await sql<{
      egn: string;
    }>`SELECT egn FROM population.persons ORDER BY egn LIMIT 40`.execute(platform.database.db);
    const free = persons.rows
      .map((row) => row.egn.trim())
      .filter((egn) => !taken.has(egn) && egn !== citizen);
    stranger = free[0]!;
    const otherPharmacist = free[1]!;
    await tablesOf<IdentityRoles>(platform.database.db)
      .insertInto('identity.role_assignments')
      .values({
        egn: otherPharmacist,
        role: 'pharmacist',
        organisation: 'Аптека „Св. Пантелеймон“',
        source: 'test',
      })
      .execute();
    citizenPatient = randomUUID();
    strangerPatient = randomUUID();
    // The doctors as the health record knows them: the citizen's GP, and a cardiologist.
    const [gpId, specialistId] = [randomUUID(), randomUUID()];
    const practitioner = (id: string, egn: string, family: string) => ({
      resourceType: 'Practitioner' as const,
      id,
      identifier: [{ system: 'https://civitas.example/fhir/sid/egn', value: egn }],
      name: [{ given: ['Д-р'], family }],
    });
    const role = (id: string, snomed: string) => ({
      resourceType: 'PractitionerRole' as const,
      id: randomUUID(),
      practitioner: { reference: `Practitioner/${id}` },
      code: [{ coding: [{ system: 'http://snomed.info/sct', code: snomed }] }],
    });
    await store.importResources([
      practitioner(gpId, doctor!, 'Стоянов'),
      role(gpId, '446050000'),
      practitioner(specialistId, specialist!, 'Петкова'),
      role(specialistId, '17561000'),
    ]);
    await store.importResources([
      {
        resourceType: 'Patient',
        id: citizenPatient,
        generalPractitioner: [{ reference: `Practitioner/${gpId}` }],
        identifier: [{ system: 'https://civitas.example/fhir/sid/egn', value: citizen }],
        name: [{ given: ['Мария'], family: 'Иванова' }],
        birthDate: '1986-05-14',
      },
      {
        resourceType: 'Patient',
        id: strangerPatient,
        generalPractitioner: [{ reference: `Practitioner/${gpId}` }],
        identifier: [{ system: 'https://civitas.example/fhir/sid/egn', value: stranger }],
        name: [{ given: ['Петър'], family: 'Петров' }],
        birthDate: '1970-01-02',
      },
    ]);
    await db
      .insertInto('ehealth.patients')
      .values([
        { personal_number: citizen, patient_id: citizenPatient },
        { personal_number: stranger, patient_id: strangerPatient },
      ])
      .execute();
    const eid = eidIssuer(platform.config.publicUrl);
    tokens.doctor = await issueScriptingToken(platform.keys, eid, doctor!, ['citizen', 'doctor']);
    tokens.specialist = await issueScriptingToken(platform.keys, eid, specialist!, ['citizen', 'doctor']);
    tokens.pharmacist = await issueScriptingToken(platform.keys, eid, pharmacist!, ['citizen', 'pharmacist']);
    tokens.otherPharmacist = await issueScriptingToken(platform.keys, eid, otherPharmacist, [
      'citizen',
      'pharmacist',
    ]);
    tokens.citizen = await issueScriptingToken(platform.keys, eid, citizen, ['citizen']);
    tokens.stranger = await issueScriptingToken(platform.keys, eid, stranger, ['citizen']);
  }, 120_000);

  afterAll(async () => {
    await platform?.close();
  });

  it('a doctor issues a numbered MedicationRequest with a QR that names nobody', async () => {
    const issued = await issueFor(citizenPatient, 2, 1);
    expect(isValidPrescriptionNumber(issued.number)).toBe(true);
    expect(issued.qr).toMatch(new RegExp(`^CIVRX1:${issued.number}:[A-Za-z0-9_-]+$`));
    expect(issued.qr).not.toContain(citizen);
    expect(issued.qr).not.toContain(citizenPatient);
    const request = await resource(issued.medicationRequest);
    expect(request).toMatchObject({
      resourceType: 'MedicationRequest',
      status: 'active',
      intent: 'order',
      subject: { reference: `Patient/${citizenPatient}` },
      identifier: [{ system: PRESCRIPTION_NUMBER_SYSTEM, value: issued.number }],
      medicationCodeableConcept: { coding: [{ system: 'http://www.whocc.no/atc', code: 'C09AA05' }] },
      dosageInstruction: [{ text: '1 tablet every morning' }],
      dispenseRequest: { quantity: { value: 2 }, numberOfRepeatsAllowed: 1 },
    });
    expect(request.requester.reference).toMatch(/^Practitioner\//);
    expect(JSON.stringify(request)).not.toContain(citizen);
  });

  it('refuses an unknown medicine, an unknown patient, control characters and a citizen', async () => {
    const base = { patient: citizenPatient, medication: 'C09AA05', dosage: 'once a day', quantity: 1 };
    const unknown = await issue({ ...base, medication: 'Z99ZZ99' });
    expect([unknown.statusCode, unknown.json().code]).toEqual([422, 'prescription-medicine-unknown']);
    const nobody = await issue({ ...base, patient: randomUUID() });
    expect([nobody.statusCode, nobody.json().code]).toEqual([404, 'prescription-patient-not-found']);
    const control = await issue({ ...base, dosage: 'once\u0000 a day' });
    expect(control.statusCode).toBe(400);
    const citizenIssues = await issue(base, tokens.citizen);
    expect([citizenIssues.statusCode, citizenIssues.json().code]).toEqual([403, 'role-forbidden']);
    for (const reply of [unknown, nobody, control, citizenIssues])
      expect(reply.body).not.toMatch(STACK_TRACE);
  });

  it('a pharmacist finds it with the number and the personal number, and sees no personal number', async () => {
    const { number } = await issueFor(citizenPatient, 3);
    const typed = `${number.slice(0, 4).toLowerCase()} ${number.slice(4, 8)}-${number.slice(8)}`;
    const found = await lookup(typed, citizen);
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json()).toMatchObject({
      number,
      status: 'active',
      medicine: { code: 'C09AA05', label: { bg: 'Рамиприл', en: 'Ramipril', pl: 'Ramipryl' } },
      dosage: '1 tablet every morning',
      quantity: 3,
      total: 3,
      dispensed: 0,
      remaining: 3,
      prescriber: { organisation: 'ГППМП „Здраве Лозенец“' },
      patient: { name: 'Мария Иванова', birthYear: 1986 },
      dispenses: [],
    });
    expect(found.json().prescriber.name).not.toBe('');
    expect(found.body).not.toContain(citizen);
  });

  it('a wrong pair answers "not found" without saying which half was wrong', async () => {
    const { number } = await issueFor(citizenPatient);
    const other = await issueFor(strangerPatient);
    const wrongPatient = await lookup(number, stranger);
    const unknownPatient = await lookup(number, '9999999999');
    const otherNumber = await lookup(other.number, citizen);
    const typo = await lookup(number.slice(0, 11) + (number[11] === '2' ? '3' : '2'), citizen);
    for (const reply of [wrongPatient, unknownPatient, otherNumber, typo]) {
      expect(reply.statusCode).toBe(404);
      expect(reply.json()).toMatchObject({ code: 'prescription-not-found' });
      expect(reply.json().detail ?? '').toBe(wrongPatient.json().detail ?? '');
    }
    const citizenLooks = await lookup(number, citizen, tokens.citizen);
    expect([citizenLooks.statusCode, citizenLooks.json().code]).toEqual([403, 'role-forbidden']);
    const doctorLooks = await lookup(number, citizen, tokens.doctor);
    expect(doctorLooks.statusCode).toBe(403);
  });

  it('bad input is a 400 or "not found", never a server fault: control characters, letters, extra fields', async () => {
    const { number } = await issueFor(citizenPatient);
    const bad = [
      { number: `${number.slice(0, 6)}\u0000${number.slice(6)}`, patient: citizen },
      { number, patient: `${citizen.slice(0, 9)}\n` },
      { number, patient: 'abcdefghij' },
      { number, patient: citizen, extra: true },
      { number },
    ];
    for (const payload of bad) {
      const reply = await call(tokens.pharmacist, {
        method: 'POST',
        url: '/api/health/prescriptions/lookup',
        payload,
      });
      expect(reply.statusCode, JSON.stringify(payload)).toBe(400);
      expect(reply.body).not.toMatch(STACK_TRACE);
    }
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 24 }), fc.string({ maxLength: 14 }), async (typed, patient) => {
        const reply = await call(tokens.pharmacist, {
          method: 'POST',
          url: '/api/health/prescriptions/lookup',
          payload: { number: typed, patient },
        });
        expect([400, 404]).toContain(reply.statusCode);
        expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(reply.body).not.toMatch(STACK_TRACE);
      }),
      { numRuns: 60 },
    );
    const url = await call(tokens.pharmacist, {
      method: 'POST',
      url: `/api/health/prescriptions/${encodeURIComponent('AB\u0001CD')}/dispenses`,
      payload: { patient: citizen, quantity: 1 },
    });
    expect(url.statusCode).toBe(400);
    const zero = await dispense(number, citizen, 0);
    expect(zero.statusCode).toBe(400);
  });

  it('dispenses in parts, completes the MedicationRequest, and never beyond what was prescribed', async () => {
    const { number, medicationRequest } = await issueFor(citizenPatient, 2, 1); // 2 packs, twice: 4 in all
    const first = await dispense(number, citizen, 3);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ number, dispensed: 3, remaining: 1, status: 'active' });
    const handed = await resource(first.json().medicationDispense);
    expect(handed).toMatchObject({
      resourceType: 'MedicationDispense',
      status: 'completed',
      authorizingPrescription: [{ reference: medicationRequest }],
      quantity: { value: 3 },
      subject: { reference: `Patient/${citizenPatient}` },
    });
    expect(handed.performer.map((p: { actor: { display: string } }) => p.actor.display)).toContain(
      'Аптека „Св. Пантелеймон“',
    );
    expect(handed.whenHandedOver).toEqual(expect.any(String));
    const tooMuch = await dispense(number, citizen, 2);
    expect([tooMuch.statusCode, tooMuch.json().code]).toEqual([409, 'prescription-quantity-exceeded']);
    expect((await resource(medicationRequest)).status).toBe('active');
    const last = await dispense(number, citizen, 1);
    expect(last.json()).toMatchObject({ dispensed: 4, remaining: 0, status: 'completed' });
    expect((await resource(medicationRequest)).status).toBe('completed');
    const again = await dispense(number, citizen, 1);
    expect([again.statusCode, again.json().code]).toEqual([409, 'prescription-already-dispensed']);
    const seen = (await lookup(number, citizen)).json();
    expect(seen).toMatchObject({ status: 'completed', remaining: 0 });
    expect(seen.dispenses.map((d: { quantity: number }) => d.quantity)).toEqual([3, 1]);
  });

  it('a dispense with the wrong personal number is "not found" and hands nothing over', async () => {
    const { number } = await issueFor(citizenPatient);
    const wrong = await dispense(number, stranger, 1);
    expect([wrong.statusCode, wrong.json().code]).toEqual([404, 'prescription-not-found']);
    expect((await lookup(number, citizen)).json()).toMatchObject({ dispensed: 0, remaining: 1 });
  });

  it('two pharmacists dispensing the same prescription at the same moment: exactly one succeeds', async () => {
    const { number } = await issueFor(citizenPatient, 1);
    const replies = await Promise.all([
      dispense(number, citizen, 1, tokens.pharmacist),
      dispense(number, citizen, 1, tokens.otherPharmacist),
    ]);
    expect(replies.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(replies.find((r) => r.statusCode === 409)!.json().code).toBe('prescription-already-dispensed');
    const db = tablesOf<PrescriptionTables>(platform.database.db);
    const rows = await db
      .selectFrom('ehealth.prescription_dispenses')
      .selectAll()
      .where('number', '=', number)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('ten dispenses of one pack at once against three packs: exactly three are handed over', async () => {
    const { number } = await issueFor(citizenPatient, 3);
    const replies = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        dispense(number, citizen, 1, i % 2 ? tokens.pharmacist : tokens.otherPharmacist),
      ),
    );
    expect(replies.filter((r) => r.statusCode === 201)).toHaveLength(3);
    const refused = replies.filter((r) => r.statusCode !== 201);
    expect(refused.map((r) => [r.statusCode, r.json().code])).toEqual(
      Array.from({ length: 7 }, () => [409, 'prescription-already-dispensed']),
    );
    expect((await lookup(number, citizen)).json()).toMatchObject({
      dispensed: 3,
      remaining: 0,
      status: 'completed',
    });
  });

  it('a repeated Idempotency-Key answers the first dispense again, even sent twice at once', async () => {
    const { number } = await issueFor(citizenPatient, 2);
    const key = `till-7:${randomUUID()}`;
    const [a, b] = await Promise.all([
      dispense(number, citizen, 1, tokens.pharmacist, key),
      dispense(number, citizen, 1, tokens.pharmacist, key),
    ]);
    expect([a!.statusCode, b!.statusCode].sort()).toEqual([200, 201]);
    expect(a!.json().dispense.id).toBe(b!.json().dispense.id);
    const replay = [a, b].find((r) => r!.statusCode === 200)!;
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect((await lookup(number, citizen)).json()).toMatchObject({ dispensed: 1, remaining: 1 });
  });

  it('the prescriber cancels before a dispense; then nothing is dispensed; nobody else cancels', async () => {
    const { number, medicationRequest } = await issueFor(citizenPatient);
    const cancel = (token: string) =>
      call(token, { method: 'POST', url: `/api/health/prescriptions/${number}/cancel` });
    const bySpecialist = await cancel(tokens.specialist);
    expect([bySpecialist.statusCode, bySpecialist.json().code]).toEqual([404, 'prescription-not-found']);
    const byPharmacist = await cancel(tokens.pharmacist);
    expect(byPharmacist.statusCode).toBe(403);
    const cancelled = await cancel(tokens.doctor);
    expect(cancelled.json()).toEqual({ number, status: 'cancelled' });
    expect((await resource(medicationRequest)).status).toBe('cancelled');
    const late = await dispense(number, citizen, 1);
    expect([late.statusCode, late.json().code]).toEqual([409, 'prescription-cancelled']);
    const twice = await cancel(tokens.doctor);
    expect([twice.statusCode, twice.json().code]).toEqual([409, 'prescription-not-cancellable']);

    const dispensed = await issueFor(citizenPatient, 2);
    await dispense(dispensed.number, citizen, 1);
    const afterDispense = await call(tokens.doctor, {
      method: 'POST',
      url: `/api/health/prescriptions/${dispensed.number}/cancel`,
    });
    expect([afterDispense.statusCode, afterDispense.json().code]).toEqual([
      409,
      'prescription-not-cancellable',
    ]);
  });

  it('the patient sees their prescriptions with status and dispenses; another person sees none of them', async () => {
    const { number } = await issueFor(citizenPatient, 2);
    await dispense(number, citizen, 2);
    const mine = await call(tokens.citizen, { method: 'GET', url: '/api/health/prescriptions' });
    expect(mine.statusCode, mine.body).toBe(200);
    const entry = mine.json().prescriptions.find((p: { number: string }) => p.number === number);
    expect(entry).toMatchObject({
      status: 'completed',
      remaining: 0,
      medicine: { label: { en: 'Ramipril' } },
      dispenses: [{ quantity: 2, pharmacy: 'Аптека „Св. Пантелеймон“' }],
    });
    expect(entry.qr.startsWith(`CIVRX1:${number}:`)).toBe(true);
    const theirs = await call(tokens.stranger, { method: 'GET', url: '/api/health/prescriptions' });
    const numbers = theirs.json().prescriptions.map((p: { number: string }) => p.number);
    expect(numbers).not.toContain(number);
    expect(theirs.body).not.toContain(citizen);
  });

  it('through FHIR: a created MedicationRequest is numbered and dispensable, a PUT cannot bypass the counter', async () => {
    const hook = prescriptionWriteHook();
    const ctx = {
      actor: {
        kind: 'practitioner',
        personalNumber: '0000000000',
        practitionerId: randomUUID(),
        organisation: 'ГППМП „Здраве Лозенец“',
        client: 'x',
        generalPractitioner: true,
      },
      scopes: [],
      purpose: { purpose: 'medical-treatment', legalBasis: 'gdpr-art-9-2-h' },
      breakGlass: [],
      requestId: 'test',
    } as const;
    const draft: MedicationRequest & { id: string } = {
      resourceType: 'MedicationRequest',
      id: randomUUID(),
      status: 'active',
      intent: 'order',
      identifier: [{ system: PRESCRIPTION_NUMBER_SYSTEM, value: 'not-a-number' }],
      medicationCodeableConcept: { coding: [{ system: 'http://www.whocc.no/atc', code: 'N02BE01' }] },
      subject: { reference: `Patient/${citizenPatient}` },
      requester: { reference: `Practitioner/${ctx.actor.practitionerId}`, display: 'Д-р Тест' },
      authoredOn: new Date().toISOString(),
      dosageInstruction: [{ text: 'up to 3 times a day' }],
      dispenseRequest: { quantity: { value: 1, unit: 'package' } },
    };
    // As the fhir service writes: the hook, then the store, in one transaction.
    const write = (resource: MedicationRequest & { id: string }, previous: StoredResource | null) =>
      platform.database.db.transaction().execute(async (trx) => {
        const etrx = trx as unknown as EhealthTransaction;
        const hooked = (await hook({ ctx, resource, previous, trx: etrx })) as MedicationRequest & {
          id: string;
        };
        if (!previous) await store.importResources([hooked], etrx);
        return hooked;
      });
    await store.importResources([{ resourceType: 'Practitioner', id: ctx.actor.practitionerId }]);
    const stored = await write(draft, null);
    const number = stored.identifier!.find((i) => i.system === PRESCRIPTION_NUMBER_SYSTEM)!.value!;
    expect(isValidPrescriptionNumber(number)).toBe(true);
    const found = await lookup(number, citizen);
    expect(found.json()).toMatchObject({
      medicine: { label: { en: 'Paracetamol' } },
      prescriber: { name: 'Д-р Тест', organisation: 'ГППМП „Здраве Лозенец“' },
      remaining: 1,
    });
    const previous = (await store.read('MedicationRequest', stored.id))!;
    // A PUT that completes it, or renumbers it, without a dispense: refused.
    await expect(write({ ...stored, status: 'completed' }, previous)).rejects.toEqual(
      new AppError('prescription-status-managed'),
    );
    await expect(
      write({ ...stored, identifier: [{ system: PRESCRIPTION_NUMBER_SYSTEM, value: 'X' }] }, previous),
    ).rejects.toEqual(new AppError('prescription-status-managed'));
    // Other changes pass; after the dispense, the status the counter has passes too.
    await write({ ...stored, note: [{ text: 'take with water' }] }, previous);
    expect((await dispense(number, citizen, 1)).statusCode).toBe(201);
    await write({ ...stored, status: 'completed' }, previous);
    await expect(
      write(
        {
          ...draft,
          id: randomUUID(),
          medicationCodeableConcept: { coding: [{ system: 'http://www.whocc.no/atc', code: 'X' }] },
        },
        null,
      ),
    ).rejects.toEqual(new AppError('prescription-medicine-unknown'));
  });

  it('seeded prescriptions (imported with their dispenses) are found and dispensed like issued ones', async () => {
    let state = 11;
    const draw = (below: number) => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state % below;
    };
    const gpId = randomUUID();
    const gp = `Practitioner/${gpId}`;
    await store.importResources([{ resourceType: 'Practitioner', id: gpId }]);
    const order = (status: 'active' | 'completed', packs: number): MedicationRequest & { id: string } => ({
      resourceType: 'MedicationRequest',
      id: randomUUID(),
      status,
      intent: 'order',
      identifier: [{ system: PRESCRIPTION_NUMBER_SYSTEM, value: prescriptionNumberFrom(draw) }],
      medicationCodeableConcept: { coding: [{ system: 'http://www.whocc.no/atc', code: 'C10AA05' }] },
      subject: { reference: `Patient/${citizenPatient}` },
      requester: { reference: gp, display: 'Д-р Иванова' },
      authoredOn: new Date(Date.now() - 2 * 86_400_000).toISOString(),
      dosageInstruction: [{ text: '1 вечер' }],
      dispenseRequest: {
        validityPeriod: { end: new Date(Date.now() + 28 * 86_400_000).toISOString() },
        quantity: { value: packs, unit: 'package' },
      },
    });
    const done = order('completed', 2);
    const waiting = order('active', 3);
    const handed: MedicationDispense = {
      resourceType: 'MedicationDispense',
      id: randomUUID(),
      status: 'completed',
      subject: { reference: `Patient/${citizenPatient}` },
      location: { display: 'Аптека „Св. Пантелеймон“' },
      authorizingPrescription: [{ reference: `MedicationRequest/${done.id}` }],
      quantity: { value: 2, unit: 'package' },
      whenHandedOver: new Date(Date.now() - 86_400_000).toISOString(),
    };
    const batch = [done, waiting, handed];
    const imported = await platform.database.db.transaction().execute(async (trx) => {
      const etrx = trx as unknown as EhealthTransaction;
      await store.importResources(batch, etrx);
      return importPrescriptionRows(etrx, batch, (reference) =>
        reference === gp ? 'ГППМП „Здраве Лозенец“' : undefined,
      );
    });
    expect(imported).toBe(2);
    const numberOf = (request: MedicationRequest) => request.identifier![0]!.value!;
    expect((await lookup(numberOf(done), citizen)).json()).toMatchObject({
      status: 'completed',
      remaining: 0,
      prescriber: { name: 'Д-р Иванова', organisation: 'ГППМП „Здраве Лозенец“' },
      dispenses: [{ quantity: 2, pharmacy: 'Аптека „Св. Пантелеймон“' }],
    });
    const again = await dispense(numberOf(done), citizen, 1);
    expect(again.json().code).toBe('prescription-already-dispensed');
    expect((await lookup(numberOf(waiting), citizen)).json()).toMatchObject({
      status: 'active',
      remaining: 3,
      medicine: { label: { bg: 'Аторвастатин' } },
    });
    expect((await dispense(numberOf(waiting), citizen, 3)).json()).toMatchObject({ status: 'completed' });
  });

  it('an expired prescription is refused', async () => {
    const { number } = await issueFor(citizenPatient);
    const later = new Date(Date.now() + (PRESCRIPTION_VALIDITY_DAYS + 1) * 86_400_000);
    const service = new PrescriptionService({
      parts: { db: platform.database.db, recorder: { record: async () => {} } },
      policy: undefined as never,
      records: storePrescriptionRecords({
        store,
        index: new TypedSearchIndex(),
        validator: { validate: async () => [] },
      }),
      now: () => later,
    });
    const ctx = {
      actor: { kind: 'pharmacist', personalNumber: '0000000000', organisation: 'Аптека', client: 'x' },
      scopes: [],
      purpose: { purpose: 'prescription-dispensing', legalBasis: 'gdpr-art-9-2-h' },
      breakGlass: [],
      requestId: 'test',
    } as const;
    await expect(service.dispense(ctx, number, { patient: citizen, quantity: 1 })).rejects.toEqual(
      new AppError('prescription-expired'),
    );
    expect((await service.find(ctx, number, citizen)).status).toBe('expired');
  });
});
