import { submissionPayload } from '@civitas/contracts/api/eservices.ts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/databases.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/platform.ts';
import { ExchangeClient } from '../../exchange/index.ts';
import { eidIssuer, issueScriptingToken } from '../../identity/tokens.ts';
import { ApplicationsService } from './applications.ts';
import { loadCatalogue } from './declarations/load.ts';
import { CATALOGUE_FOLDER } from './index.ts';
import { ServiceStarter } from './start.ts';
import { ApplicationStore } from './store.ts';
import { TestSigning } from './test-signing.ts';

const SERVICE = 'change-of-current-address';

describe.each(testDatabases())('drafts and applications, on $name', (engine) => {
  let platform: TestPlatform;
  let signing: TestSigning;
  let service: ApplicationsService;
  let citizen: string;
  let other: string;
  const notes: Array<{ subject: string; link: string }> = [];

  beforeAll(async () => {
    platform = await startTestPlatform(engine);
    signing = await TestSigning.create();
    const exchange = new ExchangeClient(platform.app.exchange, platform.app.instance.clients.portal);
    service = new ApplicationsService({
      store: new ApplicationStore(platform.database.db),
      starter: new ServiceStarter(loadCatalogue(CATALOGUE_FOLDER), exchange),
      signing,
      notifier: { notify: async (subject, note) => void notes.push({ subject, link: note.link }) },
    });
    [citizen, other] = platform.seeded.demoPersons as [string, string];
  });
  afterAll(() => platform?.close());

  async function http(method: 'GET' | 'PUT' | 'POST', url: string, egn: string, payload?: object) {
    const token = await issueScriptingToken(platform.keys, eidIssuer(platform.config.publicUrl), egn, [
      'citizen',
    ]);
    return platform.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });
  }

  /** The address change's form as the start prefilled it, with a new address filled in. */
  async function filledForm(egn: string) {
    const start = await http('GET', `/api/eservices/services/${SERVICE}/start`, egn);
    const data = start.json().formData as Record<string, unknown>;
    return {
      ...data,
      newAddress: { settlement: 'София', street: 'ул. Оборище', number: '12, ап. 4', postcode: '1504' },
      since: '2026-11-01',
    };
  }

  async function saved(egn: string, data: Record<string, unknown>) {
    const id = crypto.randomUUID();
    const response = await http('PUT', `/api/eservices/drafts/${id}`, egn, { serviceCode: SERVICE, data });
    expect(response.statusCode, response.body).toBe(200);
    return id;
  }

  it('saves a draft, lists it, and resumes it; another person’s draft is not found', async () => {
    const id = await saved(citizen, { since: '2026-1' });
    const again = await http('PUT', `/api/eservices/drafts/${id}`, citizen, {
      serviceCode: SERVICE,
      data: { since: '2026-11-01' },
    });
    expect(again.json().data).toEqual({ since: '2026-11-01' });
    const listed = await http('GET', '/api/eservices/drafts', citizen);
    expect(listed.json().drafts.map((d: { id: string }) => d.id)).toContain(id);
    expect((await http('GET', `/api/eservices/drafts/${id}`, citizen)).json().data).toEqual({
      since: '2026-11-01',
    });
    const theirs = await http('GET', `/api/eservices/drafts/${id}`, other);
    expect([theirs.statusCode, theirs.json().code]).toEqual([404, 'eservice-draft-not-found']);
    const overwrite = await http('PUT', `/api/eservices/drafts/${id}`, other, {
      serviceCode: SERVICE,
      data: {},
    });
    expect(overwrite.statusCode).toBe(404);
  });

  it('submits a signed draft once: a second submission answers the same application, with one history entry', async () => {
    const data = await filledForm(citizen);
    const draftId = await saved(citizen, data);
    const signer = await signing.signer(citizen);
    const signature = await signer.sign(
      submissionPayload({ id: draftId, serviceCode: SERVICE, serviceVersion: 1, data }),
    );
    const first = await service.submit(citizen, draftId, signature);
    const second = await service.submit(citizen, draftId, signature);
    expect(second.id).toBe(first.id);
    expect(first.status).toBe('submitted');
    expect(first.history.map((h) => [h.actor, h.action, h.status])).toEqual([
      ['applicant', 'submitted', 'submitted'],
    ]);
    expect(Date.parse(first.dueAt) - Date.parse(first.submittedAt)).toBe(7 * 86_400_000);
    expect(notes).toContainEqual({ subject: citizen, link: `/services/applications/${first.id}` });
    // The citizen's list names it; the draft is no longer among the drafts.
    const mine = await http('GET', '/api/eservices/applications', citizen);
    expect(
      mine.json().applications.map((a: { id: string; status: string }) => [a.id, a.status]),
    ).toContainEqual([first.id, 'submitted']);
    expect(
      (await http('GET', '/api/eservices/drafts', citizen)).json().drafts.map((d: { id: string }) => d.id),
    ).not.toContain(draftId);
    // Another person's application is "not found".
    const theirs = await http('GET', `/api/eservices/applications/${first.id}`, other);
    expect([theirs.statusCode, theirs.json().code]).toEqual([404, 'eservice-application-not-found']);
  });

  it('refuses a form that fails its schema, each error with its field path, as problem+json', async () => {
    const data = {
      ...(await filledForm(citizen)),
      newAddress: { settlement: 'С', street: 'ул. Оборище', number: 'дванайсет', postcode: '15' },
    };
    const draftId = await saved(citizen, data);
    const signer = await signing.signer(citizen);
    const signature = await signer.sign(
      submissionPayload({ id: draftId, serviceCode: SERVICE, serviceVersion: 1, data }),
    );
    const refused = await service.submit(citizen, draftId, signature).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'eservice-form-invalid' });
    const fields = (refused as { extensions: { errors: Array<{ field: string; keyword: string }> } })
      .extensions.errors;
    expect(fields.map((f) => [f.field, f.keyword]).sort()).toEqual([
      ['newAddress.number', 'pattern'],
      ['newAddress.postcode', 'pattern'],
      ['newAddress.settlement', 'minLength'],
    ]);
  });

  it('refuses a changed read-only value, another person’s signature, and a signature over other data', async () => {
    const data = await filledForm(citizen);
    const changed = { ...data, applicant: { givenName: 'Някой', familyName: 'Друг' } };
    const changedId = await saved(citizen, changed);
    const own = await signing.signer(citizen);
    const signedChanged = await own.sign(
      submissionPayload({ id: changedId, serviceCode: SERVICE, serviceVersion: 1, data: changed }),
    );
    await expect(service.submit(citizen, changedId, signedChanged)).rejects.toMatchObject({
      code: 'eservice-form-invalid',
    });

    const draftId = await saved(citizen, data);
    const stranger = await signing.signer(other);
    const byStranger = await stranger.sign(
      submissionPayload({ id: draftId, serviceCode: SERVICE, serviceVersion: 1, data }),
    );
    await expect(service.submit(citizen, draftId, byStranger)).rejects.toMatchObject({
      code: 'eservice-signature-mismatch',
    });
    const overOther = await own.sign(
      submissionPayload({
        id: draftId,
        serviceCode: SERVICE,
        serviceVersion: 1,
        data: { ...data, since: '2026-01-01' },
      }),
    );
    await expect(service.submit(citizen, draftId, overOther)).rejects.toMatchObject({
      code: 'eservice-signature-mismatch',
    });
    const [head, body, sig] = (
      await own.sign(submissionPayload({ id: draftId, serviceCode: SERVICE, serviceVersion: 1, data }))
    ).split('.');
    const tampered = `${head}.${body}.${sig!.slice(0, -2)}${sig!.endsWith('AA') ? 'BB' : 'AA'}`;
    await expect(service.submit(citizen, draftId, tampered)).rejects.toMatchObject({
      code: 'eservice-signature-mismatch',
    });
  });

  it('withdraws an undecided application, never a decided one; the history is append-only', async () => {
    const data = await filledForm(citizen);
    const draftId = await saved(citizen, data);
    const signer = await signing.signer(citizen);
    const filed = await service.submit(
      citizen,
      draftId,
      await signer.sign(submissionPayload({ id: draftId, serviceCode: SERVICE, serviceVersion: 1, data })),
    );
    const withdrawn = await service.withdraw(citizen, filed.id);
    expect(withdrawn.status).toBe('withdrawn');
    expect(withdrawn.history.map((h) => h.action)).toEqual(['submitted', 'withdrawn']);
    await expect(service.withdraw(citizen, filed.id)).rejects.toMatchObject({
      code: 'eservice-already-decided',
    });
    await expect(service.withdraw(other, filed.id)).rejects.toMatchObject({
      code: 'eservice-application-not-found',
    });
    await expect(
      sql`UPDATE eservices.history SET note = 'rewritten'`.execute(platform.database.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM eservices.history`.execute(platform.database.db)).rejects.toThrow(
      /append-only/,
    );
  });

  it("refuses over HTTP a signature the platform's signing context does not accept, storing nothing", async () => {
    const data = await filledForm(citizen);
    const draftId = await saved(citizen, data);
    const response = await http('POST', '/api/eservices/applications', citizen, {
      draftId,
      signature: 'eyJhbGciOiJFUzI1NiJ9.e30.c2lnbmF0dXJl',
    });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expect(response.json().code).toBe('signature-invalid');
    const stored = await http('GET', '/api/eservices/applications', citizen);
    expect(JSON.stringify(stored.json())).not.toContain(draftId);
  });
});
