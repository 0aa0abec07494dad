import { submissionPayload } from '@civitas/contracts/api/eservices.ts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationsService } from '../server/src/capabilities/eservices/applications.ts';
import { loadCatalogue } from '../server/src/capabilities/eservices/declarations/load.ts';
import { CATALOGUE_FOLDER } from '../server/src/capabilities/eservices/index.ts';
import { ServiceStarter } from '../server/src/capabilities/eservices/start.ts';
import { ApplicationStore } from '../server/src/capabilities/eservices/store.ts';
import { TestSigning } from '../server/src/capabilities/eservices/test-signing.ts';
import { ExchangeClient } from '../server/src/exchange/index.ts';
import type { TestPlatform } from '../server/test/platform.ts';
import { expectAccessible, launchChromium, signInWithEid, startWebPlatform, watchPage } from './browser.ts';

const PHONE = { width: 360, height: 780 };
const SERVICE = 'change-of-current-address';

/**
 * Issue 18, the official's side at 360 px: the municipality's queue with the SLA countdown, an
 * application opened with the register evidence gathered, a request for a document, the
 * citizen's answer, and the approval, each in the history. The application is filed in process
 * (signed with the tests' JAdES stand-in) until the signing branch's browser helper is merged.
 */
describe('the back office (Chromium, 360 px)', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  let applications: ApplicationsService;
  let citizen: string;
  let applicationId: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ({ platform, base } = await startWebPlatform());
    citizen = platform.seeded.demoPersons[0]!;
    const signing = await TestSigning.create();
    const exchange = new ExchangeClient(platform.app.exchange, platform.app.instance.clients.portal);
    const starter = new ServiceStarter(loadCatalogue(CATALOGUE_FOLDER), exchange);
    applications = new ApplicationsService({
      store: new ApplicationStore(platform.database.db),
      starter,
      signing,
    });
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
    applicationId = (await applications.submit(citizen, draftId, signature)).id;

    browser = await launchChromium();
    context = await browser.newContext({ locale: 'en-GB', viewport: PHONE });
    page = watchPage(await context.newPage(), pageErrors, { who: 'official' });
    await signInWithEid(page, base, platform.seeded.demoPersons[1]!, platform.config.demoPin);
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('shows the municipality’s queue with the days left, and the application with its evidence', async () => {
    await page.goto(`${base}/backoffice`);
    await page.getByRole('heading', { level: 1, name: 'Back office' }).waitFor();
    await page.getByText('6 days left').first().waitFor();
    await expectAccessible(page, 'backoffice-queue-en.png');
    await page.getByRole('button', { name: 'Change of current address' }).first().click();
    await page.getByRole('heading', { level: 3, name: 'Evidence from the registers' }).waitFor();
    expect(await page.getByText('National population register (GRAO): answered').count()).toBe(2);
    await expectAccessible(page, 'backoffice-application-en.png');
  });

  it('asks for a document; after the citizen’s answer the official approves, each step in the history', async () => {
    await page.getByLabel('Reason or request to the applicant').fill('Please attach the owner’s consent.');
    await page.getByRole('button', { name: 'Ask for information' }).click();
    await page.getByText('The applicant has been asked.').waitFor();
    await page.getByText('Waiting for the applicant').waitFor();
    // The citizen, on their own phone, sees the request in "My applications" and answers it.
    const theirs = await browser.newContext({ locale: 'en-GB', viewport: PHONE });
    const phone = watchPage(await theirs.newPage(), pageErrors, { who: 'citizen' });
    await signInWithEid(phone, base, citizen, platform.config.demoPin);
    await phone.goto(`${base}/services/applications/${applicationId}`);
    await phone.getByRole('heading', { level: 1, name: 'My applications' }).waitFor();
    await phone.getByText('Official: asked for information — Please attach the owner’s consent.').waitFor();
    await phone.getByLabel('Your answer to the administration').fill('The owner’s consent is attached.');
    await expectAccessible(phone, 'my-applications-request-en.png');
    await phone.getByRole('button', { name: 'Send the answer' }).click();
    await phone.getByText('Applicant: answered — The owner’s consent is attached.').waitFor();
    await phone.getByText('In review', { exact: false }).first().waitFor();
    await expectAccessible(phone, 'my-applications-answered-en.png');
    await theirs.close();
    await page.getByRole('button', { name: 'Back to the queue' }).click();
    await page.getByRole('button', { name: 'Change of current address' }).first().click();
    await page.getByText('In review', { exact: true }).waitFor();
    await page.getByLabel('Reason or request to the applicant').fill('The new address is confirmed.');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('Your approval is recorded.').waitFor();
    await page.getByText('Approved', { exact: true }).waitFor();
    const history = page.getByRole('list').filter({ hasText: 'Applicant: submitted' }).getByRole('listitem');
    expect(await history.allInnerTexts()).toEqual([
      'Applicant: submitted',
      'Official: asked for information — Please attach the owner’s consent.',
      'Applicant: answered — The owner’s consent is attached.',
      'Official: approved — The new address is confirmed.',
    ]);
    await page.getByRole('combobox', { name: 'Language' }).selectOption('bg');
    await page.getByText('Одобрено', { exact: true }).waitFor();
    await expectAccessible(page, 'backoffice-approved-bg.png');
    await page.getByRole('combobox', { name: 'Език' }).selectOption('pl');
    await page.getByText('Zatwierdzony', { exact: true }).waitFor();
    await page.getByText('Twoje zatwierdzenie zostało zapisane.').waitFor();
    await expectAccessible(page, 'backoffice-approved-pl.png');
    expect(pageErrors).toEqual([]);
  });
});
