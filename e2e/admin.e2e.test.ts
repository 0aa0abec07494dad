import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessRights, exchangeLogs } from '../server/src/exchange/index.ts';
import type { TestPlatform } from '../server/test/platform.ts';
import {
  launchChromium,
  SCREENSHOTS,
  seriousAccessibilityViolations,
  signInWithEid,
  startWebPlatform,
  watchPage,
} from './browser.ts';

const TRAFFIC_FINES = 'BG/GOV/000695235/traffic-fines';
const VEHICLES = 'BG/GOV/000695235/vehicle-register/vehicles';

/**
 * Issue 14, item 17: the administrator's exchange console at /admin: access rights as
 * purpose–legal basis pairs (list, grant, revoke with confirmation, each change audited), the
 * members with their subsystems and services, and monitoring; on a phone, in three languages.
 */
describe("the admin's exchange console (Chromium, 360 px)", () => {
  let platform: TestPlatform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  let admin: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    // As `npm start` shows it while the health records of everyone are seeded in the background.
    ({ platform, base } = await startWebPlatform({
      backgroundWork: () => ({
        healthRecords: {
          state: 'running',
          done: 4300,
          total: 10000,
          detail: 'health records: 4300 of 10000 persons',
        },
      }),
    }));
    admin = platform.seeded.demoPersons[6]!;
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'en-GB', viewport: { width: 360, height: 800 } });
    page = await context.newPage();
    watchPage(page, pageErrors, { console: false, failingStatus: null });
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  const rightsOf = async (client: string) =>
    (await new AccessRights(platform.database.db).list())
      .filter((right) => right.client === client)
      .map(({ id, service_id, pairs }) => ({ id, service_id, pairs }));
  const adminLog = () => exchangeLogs(platform.database.db).admin.readAfter(0, 100_000);

  async function mainText(): Promise<string> {
    return (await page.locator('main').textContent()) ?? '';
  }

  async function expectNoRawCodes() {
    const text = await mainText();
    expect(text).not.toMatch(/BG\/GOV|civitas-portal|municipal-administration|sofia-police/);
    expect(text).not.toMatch(/address-verification|civil-registration-act|road-traffic-act|gdpr-art/);
    expect(text).not.toContain(admin);
  }

  async function fitsThePhone() {
    const width = await page.evaluate(
      () =>
        (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
          .documentElement.scrollWidth,
    );
    expect(width).toBeLessThanOrEqual(360);
  }

  it('signs the demo admin in through the eID and opens the console from the navigation', async () => {
    await signInWithEid(page, base, admin, platform.config.demoPin);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await page.getByRole('link', { name: 'Exchange administration' }).click();
    await page.getByRole('heading', { level: 1, name: 'Register exchange administration' }).waitFor();

    const rights = page.getByRole('region', { name: 'Access rights' });
    const municipal = rights.getByRole('listitem').filter({ hasText: 'Sofia Municipality' });
    await municipal.filter({ hasText: 'Address verification' }).first().waitFor();
    await municipal
      .filter({ hasText: 'on the legal basis: Civil Registration Act, Art. 106' })
      .first()
      .waitFor();
    // The police's criminal-investigation basis is marked as one that allows hiding.
    await rights
      .getByRole('listitem')
      .filter({ hasText: 'Sofia Directorate of the Interior' })
      .filter({ hasText: 'the access may be hidden from the person for a while' })
      .first()
      .waitFor();
    const members = page.getByRole('region', { name: 'Members and their services' });
    await members.getByRole('heading', { name: 'Ministry of Interior' }).waitFor();
    await members.getByText('Vehicles and their registration').first().waitFor();
    const monitoring = page.getByRole('region', { name: 'Monitoring' });
    await monitoring.getByText('Persons and their addresses').first().waitFor();
    await monitoring.getByText('Median answer time').first().waitFor();
    const status = page.getByRole('region', { name: 'System status' });
    await status
      .getByText('Health records: 4,300 of 10,000 persons. The others are being added in the background.')
      .waitFor();

    await expectNoRawCodes();
    await fitsThePhone();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-360-en-top.png') });
    await monitoring.screenshot({ path: path.join(SCREENSHOTS, 'admin-360-en-monitoring.png') });
    await members.screenshot({ path: path.join(SCREENSHOTS, 'admin-360-en-members.png') });
    await status.screenshot({ path: path.join(SCREENSHOTS, 'admin-360-en-status.png') });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-360-en.png'), fullPage: true });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('names what is missing in the grant form, and grants a right of purpose–basis pairs (audited)', async () => {
    const form = page.getByRole('region', { name: 'Grant an access right' });
    await form.getByRole('button', { name: 'Grant the right' }).click();
    await form.getByText('Correct the form').waitFor();
    await form.screenshot({ path: path.join(SCREENSHOTS, 'admin-360-en-grant-errors.png') });
    await form.getByText('Choose the client.').first().waitFor();
    await form.getByText('Add at least one purpose with its legal basis.').first().waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await form.getByLabel('Client').selectOption({
      label: 'Ministry of Interior – Register of electronic tickets and penalty decrees',
    });
    await form.getByLabel('Service').selectOption({
      label: 'Motor vehicle register – Vehicles and their registration',
    });
    await form.getByLabel('Purpose', { exact: true }).selectOption({ label: 'Traffic control' });
    await form
      .getByLabel('Legal basis', { exact: true })
      .selectOption({ label: 'Road Traffic Act, Art. 165' });
    await form.getByRole('button', { name: 'Add this purpose and legal basis' }).click();
    await form.getByLabel('Purpose', { exact: true }).selectOption({ label: 'Criminal investigation' });
    await form
      .getByLabel('Legal basis', { exact: true })
      .selectOption({ label: 'Ministry of Interior Act, Art. 6' });
    await form.getByRole('button', { name: 'Grant the right' }).click();
    await form.getByText('The access right was granted.').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-360-en-granted.png') });

    const granted = await rightsOf(TRAFFIC_FINES);
    expect(granted).toEqual([
      {
        id: expect.any(String),
        service_id: VEHICLES,
        pairs: [
          { purpose: 'traffic-control', legalBasis: 'road-traffic-act-art-165' },
          { purpose: 'criminal-investigation', legalBasis: 'ministry-of-interior-act-art-6' },
        ],
      },
    ]);
    const audit = (await adminLog())
      .filter((entry) => entry.subject === granted[0]!.id)
      .map(({ action, actor }) => ({ action, actor }));
    expect(audit).toEqual([{ action: 'access-right.granted', actor: admin }]);
  });

  it('revokes a right only after confirmation (audited)', async () => {
    const rights = page.getByRole('region', { name: 'Access rights' });
    await rights.getByLabel('Show the rights of').selectOption({
      label: 'Ministry of Interior – Register of electronic tickets and penalty decrees',
    });
    await rights.getByText('1 right', { exact: true }).waitFor();
    await rights.getByRole('button', { name: /^Revoke the right of Ministry of Interior/ }).click();
    const confirmation = rights.getByRole('alert').filter({ hasText: 'Revoke this access right?' });
    await confirmation.waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-360-en-confirm.png') });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    // Cancelling leaves the right alone.
    await confirmation.getByRole('button', { name: 'Cancel' }).click();
    expect(await rightsOf(TRAFFIC_FINES)).toHaveLength(1);

    await rights.getByRole('button', { name: /^Revoke the right of Ministry of Interior/ }).click();
    await rights.getByRole('button', { name: 'Yes, revoke' }).click();
    await rights.getByText('The access right was revoked.').waitFor();
    await rights.getByText('0 rights', { exact: true }).waitFor();
    expect(await rightsOf(TRAFFIC_FINES)).toEqual([]);
    const revoked = (await adminLog())
      .filter((entry) => entry.action === 'access-right.revoked')
      .map(({ actor }) => ({ actor }));
    expect(revoked).toEqual([{ actor: admin }]);
    await rights.getByLabel('Show the rights of').selectOption({ label: 'All clients' });
  });

  it('speaks Bulgarian and Polish', async () => {
    await page.getByRole('combobox', { name: 'Language' }).selectOption('bg');
    await page
      .getByRole('heading', { level: 1, name: 'Администриране на обмена между регистрите' })
      .waitFor();
    await page.getByText('Проверка на адрес').first().waitFor();
    await page
      .getByRole('region', { name: 'Състояние на системата' })
      .getByText(/Здравни досиета: 4300 от 10\s000 души\. Останалите се добавят във фонов режим\./)
      .waitFor();
    await page.getByText('Закон за гражданската регистрация, чл. 106', { exact: false }).first().waitFor();
    await expectNoRawCodes();
    await fitsThePhone();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-360-bg.png') });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByRole('combobox', { name: 'Език' }).selectOption('pl');
    await page
      .getByRole('heading', { level: 1, name: 'Administracja wymiany danych między rejestrami' })
      .waitFor();
    await page.getByText('Weryfikacja adresu').first().waitFor();
    await page
      .getByRole('region', { name: 'Stan systemu' })
      .getByText(/Dokumentacja medyczna: 4300 z 10\s000 osób\. Pozostałe są dodawane w tle\./)
      .waitFor();
    await page
      .getByRole('region', { name: 'Uprawnienia dostępu' })
      .getByRole('listitem')
      .filter({ hasText: 'Gmina Stołeczna Sofia' })
      .first()
      .waitFor();
    await expectNoRawCodes();
    await fitsThePhone();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-360-pl.png'), fullPage: true });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
