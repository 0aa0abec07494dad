import { submissionPayload } from '@civitas/contracts/api/eservices.ts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/databases.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/platform.ts';
import { ExchangeClient } from '../../exchange/index.ts';
import { eidIssuer, issueScriptingToken } from '../../identity/tokens.ts';
import { ApplicationsService } from './applications.ts';
import { BackOffice } from './backoffice.ts';
import { loadCatalogue } from './declarations/load.ts';
import { CATALOGUE_FOLDER } from './index.ts';
import { ServiceStarter } from './start.ts';
import { ApplicationStore } from './store.ts';
import { TestSigning } from './test-signing.ts';

const SERVICE = 'change-of-current-address';

describe.each(testDatabases())('the back office, on $name', (engine) => {
  let platform: TestPlatform;
  let applications: ApplicationsService;
  let backOffice: BackOffice;
  let starter: ServiceStarter;
  let signing: TestSigning;
  let citizen: string;
  let official: string;
  const notes: string[] = [];

  beforeAll(async () => {
    platform = await startTestPlatform(engine);
    signing = await TestSigning.create();
    const exchange = new ExchangeClient(platform.app.exchange, platform.app.instance.clients.portal);
    starter = new ServiceStarter(loadCatalogue(CATALOGUE_FOLDER), exchange);
    const notifier = {
      notify: async (_subject: string, note: { link: string }) => void notes.push(note.link),
    };
    applications = new ApplicationsService({
      store: new ApplicationStore(platform.database.db),
      starter,
      signing,
      notifier,
    });
    backOffice = new BackOffice(platform.database.db, { applications, starter, exchange, notifier });
    citizen = platform.seeded.demoPersons[0]!;
    // The demo official of Sofia Municipality (the second demo account).
    official = platform.seeded.demoPersons[1]!;
  });
  afterAll(() => platform?.close());

  async function http(
    method: 'GET' | 'POST',
    url: string,
    egn: string,
    roles: Array<'citizen' | 'official'>,
    payload?: object,
  ) {
    const token = await issueScriptingToken(platform.keys, eidIssuer(platform.config.publicUrl), egn, roles);
    return platform.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });
  }

  async function filed(): Promise<string> {
    const start = await starter.start(SERVICE, { subject: citizen });
    const data = {
      ...start.formData,
      newAddress: { settlement: 'София', street: 'ул. Оборище', number: '12', postcode: '1504' },
      since: '2026-11-01',
    };
    const draftId = crypto.randomUUID();
    await applications.saveDraft(citizen, draftId, SERVICE, data);
    const signer = await signing.signer(citizen);
    const signature = await signer.sign(
      submissionPayload({ id: draftId, serviceCode: SERVICE, serviceVersion: 1, data }),
    );
    return (await applications.submit(citizen, draftId, signature)).id;
  }

  it('shows the official their administration’s queue with the SLA countdown; the evidence is read as the municipality', async () => {
    const id = await filed();
    const queue = await http('GET', `/api/backoffice/applications?service=${SERVICE}`, official, [
      'official',
    ]);
    expect(queue.statusCode, queue.body).toBe(200);
    const entry = queue.json().applications.find((a: { id: string }) => a.id === id);
    expect(entry).toMatchObject({ serviceCode: SERVICE, status: 'submitted', daysLeft: 6 });
    const opened = await http('GET', `/api/backoffice/applications/${id}`, official, ['official']);
    expect(opened.statusCode, opened.body).toBe(200);
    expect(
      opened
        .json()
        .evidence.map((e: { source: string; status: string }) => [e.source, e.status])
        .sort(),
    ).toEqual([
      ['persons.addresses', 'ok'],
      ['persons.person', 'ok'],
    ]);
    const logged = await sql<{ client: string; user_id: string; purpose: string; data_subject: string }>`
      SELECT client, user_id, purpose, data_subject FROM exchange.message_log
      WHERE case_ref = ${id} AND side = 'consumer'`.execute(platform.database.db);
    expect(logged.rows.length).toBe(2);
    for (const row of logged.rows)
      expect(row).toEqual({
        client: platform.app.instance.clients.municipality,
        user_id: official,
        purpose: 'change-of-current-address',
        data_subject: citizen,
      });
    // A citizen is no official.
    expect((await http('GET', '/api/backoffice/applications', citizen, ['citizen'])).statusCode).toBe(403);
  });

  it('answers "not found" to an official of another administration', async () => {
    const id = await filed();
    const elsewhere = { subject: official, client: 'BG/GOV/000695235/sofia-police' };
    await expect(backOffice.open(elsewhere, id)).rejects.toMatchObject({
      code: 'eservice-application-not-found',
    });
    await expect(backOffice.decide(elsewhere, id, 'approve', 'looks fine')).rejects.toMatchObject({
      code: 'eservice-application-not-found',
    });
    expect((await backOffice.queue(elsewhere, {})).map((a) => a.id)).not.toContain(id);
  });

  it('asks for a document, the citizen answers, the official approves: every step in the history', async () => {
    const id = await filed();
    const asked = await http(
      'POST',
      `/api/backoffice/applications/${id}/request-information`,
      official,
      ['official'],
      {
        note: 'Please attach the owner’s consent.',
      },
    );
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json().status).toBe('more-information-requested');
    const answered = await http('POST', `/api/eservices/applications/${id}/answer`, citizen, ['citizen'], {
      note: 'The owner is my mother; her consent is attached.',
    });
    expect(answered.json().status).toBe('in-review');
    const approved = await http(
      'POST',
      `/api/backoffice/applications/${id}/decision`,
      official,
      ['official'],
      {
        decision: 'approve',
        reason: 'The address is confirmed.',
      },
    );
    expect(approved.json().status).toBe('approved');
    expect(
      approved.json().history.map((h: { actor: string; action: string }) => `${h.actor}:${h.action}`),
    ).toEqual([
      'applicant:submitted',
      'official:information-requested',
      'applicant:information-provided',
      'official:approved',
    ]);
    // Decided: neither withdrawn nor decided again.
    await expect(applications.withdraw(citizen, id)).rejects.toMatchObject({
      code: 'eservice-already-decided',
    });
    const again = await http('POST', `/api/backoffice/applications/${id}/decision`, official, ['official'], {
      decision: 'refuse',
      reason: 'Changed my mind.',
    });
    expect([again.statusCode, again.json().code]).toEqual([409, 'eservice-already-decided']);
    expect(notes).toContain(`/services/applications/${id}`);
  });

  it('needs a second official for a four-eyes service; the first cannot approve their own step', async () => {
    // The child birth benefit is four-eyes; its application is put straight in the table (the
    // demo citizen has no child born this year to pass its eligibility).
    const id = crypto.randomUUID();
    const now = new Date();
    await applications.store.insertApplication(
      {
        id,
        draft_id: crypto.randomUUID(),
        subject: citizen,
        service_code: 'child-birth-benefit',
        service_version: 1,
        administration_id: 'social-assistance',
        data: '{}',
        signature: 'x.y.z',
        status: 'submitted',
        submitted_at: now,
        due_at: new Date(now.getTime() + 30 * 86_400_000),
        decided_at: null,
      },
      {
        application_id: id,
        subject: citizen,
        at: now,
        actor: 'applicant',
        action: 'submitted',
        status: 'submitted',
        note: null,
        official: null,
      },
    );
    const first = { subject: official, client: 'BG/GOV/000000000/social-assistance' };
    const second = { subject: platform.seeded.demoPersons[2]!, client: 'BG/GOV/000000000/social-assistance' };
    expect((await backOffice.decide(first, id, 'approve', 'Birth confirmed.')).status).toBe('in-review');
    await expect(backOffice.decide(first, id, 'approve', 'Birth confirmed.')).rejects.toMatchObject({
      code: 'eservice-four-eyes',
    });
    const decided = await backOffice.decide(second, id, 'approve', 'Checked again.');
    expect(decided.status).toBe('approved');
    expect(decided.history.map((h) => h.action)).toEqual(['submitted', 'approval-first', 'approved']);
    // The citizen's view of the history names the role, never the official's personal number.
    expect(JSON.stringify(decided.history)).not.toContain(official);
  });
});
