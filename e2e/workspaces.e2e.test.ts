import { makeEgn } from '@civitas/contracts/ids/egn.ts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerSamples, vehicleQueries } from '../server/src/registers/index.ts';
import type { TestPlatform } from '../server/test/platform.ts';
import { expectAccessible, launchChromium, signInWithEid, startWebPlatform, watchPage } from './browser.ts';

/** The narrowest phone the app is made for. */
const PHONE = { width: 360, height: 800 };
/** The case the police hide before they look the citizen up under it. */
const HIDDEN_CASE = 'ДП-9/2026';

interface DemoAccount {
  role: string;
  personalNumber: string;
  name: string;
  nameLatin: string;
}

/**
 * Each role's own screens, signed in through the eID as each demo account: the official's and
 * police officer's lookup, the auditor's console, and what citizens, doctors and pharmacists
 * are (not) offered. At 360 px, in English, Bulgarian and Polish, checked with axe.
 */
describe('role workspaces in the web app (Chromium, 360 px)', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let base: string;
  let accounts: Map<string, DemoAccount>;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ({ platform, base } = await startWebPlatform());
    const listed = (
      await platform.app.inject({ method: 'GET', url: '/api/demo/accounts' })
    ).json() as DemoAccount[];
    accounts = new Map(listed.map((account) => [account.role, account]));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  function account(role: string): DemoAccount {
    const found = accounts.get(role);
    if (!found) throw new Error(`no demo account for ${role}`);
    return found;
  }

  async function tokenOf(role: string): Promise<string> {
    const answer = await platform.app.inject({
      method: 'POST',
      url: '/api/demo/tokens',
      payload: { personalNumber: account(role).personalNumber },
    });
    return answer.json().accessToken as string;
  }

  /** A fresh phone-sized browser, signed in through the eID as the role's demo account. */
  async function signInAs(role: string, locale = 'en-GB'): Promise<Page> {
    const context = await browser.newContext({ locale, viewport: PHONE });
    // Refusals the screens show (a 404 for an unknown person) are logged by Chromium as failed loads.
    const page = watchPage(await context.newPage(), pageErrors, { who: role });
    await signInWithEid(page, base, account(role).personalNumber, platform.config.demoPin);
    return page;
  }

  async function expectAccessibleOnAPhone(page: Page, screenshot: string) {
    await expectAccessible(page, screenshot);
    // Nothing sticks out sideways on a phone.
    const overflow = await page.evaluate(() => {
      const root = (
        globalThis as unknown as {
          document: { documentElement: { scrollWidth: number; clientWidth: number } };
        }
      ).document.documentElement;
      return root.scrollWidth - root.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
  }

  async function navigation(page: Page): Promise<string[]> {
    return page
      .getByRole('navigation', { name: /Main|Основна|Główna/ })
      .getByRole('link')
      .allInnerTexts();
  }

  async function chooseLanguage(page: Page, code: 'bg' | 'pl' | 'en') {
    await page.getByRole('combobox', { name: /Language|Език|Język/ }).selectOption(code);
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe(code);
  }

  /** Picks the purpose (by its words; the first offered by default) and the first legal basis granted with it. */
  async function chooseGrounds(page: Page, purposeWords?: string) {
    const purpose = page.getByLabel('Purpose', { exact: true });
    const purposes = await purpose
      .locator('option')
      .evaluateAll((options) =>
        options.map((option) => (option as unknown as { value: string }).value).filter(Boolean),
      );
    expect(purposes.length).toBeGreaterThan(0);
    if (purposeWords) await purpose.selectOption({ label: purposeWords });
    else await purpose.selectOption(purposes[0]!);
    const basis = page.getByLabel('Legal basis', { exact: true });
    const bases = await basis
      .locator('option')
      .evaluateAll((options) =>
        options.map((option) => (option as unknown as { value: string }).value).filter(Boolean),
      );
    expect(bases.length).toBeGreaterThan(0);
    await basis.selectOption(bases[0]!);
    // Codes never show: every option reads as words.
    for (const text of await purpose.locator('option').allInnerTexts())
      expect(text).not.toMatch(/^[a-z0-9-]+$/);
    for (const text of await basis.locator('option').allInnerTexts())
      expect(text).not.toMatch(/^[a-z0-9-]+$/);
  }

  it('shows a citizen no workspace, and tells them a workspace is not for their role', async () => {
    const page = await signInAs('citizen');
    await page.getByRole('heading', { level: 1, name: 'My profile' }).waitFor();
    expect(await navigation(page)).toEqual([
      'My profile',
      'E-services',
      'My health',
      'Mailbox',
      'Payments',
      'Notifications',
      'Who used my data',
      'Wallet',
    ]);
    for (const workspace of ['/workspace', '/audit', '/admin']) {
      await page.goto(`${base}${workspace}`);
      await page.getByRole('heading', { level: 1, name: 'Not available for your role' }).waitFor();
    }
    await page.getByText('This page is for administrators.').waitFor();
    await page.getByText('You are signed in with the roles: Citizen.').waitFor();
    await expectAccessibleOnAPhone(page, 'role-not-available-en.png');
    await chooseLanguage(page, 'bg');
    await page.getByRole('heading', { level: 1, name: 'Недостъпно за вашата роля' }).waitFor();
    await chooseLanguage(page, 'pl');
    await page.getByRole('heading', { level: 1, name: 'Niedostępne dla Twojej roli' }).waitFor();
    await expectAccessibleOnAPhone(page, 'role-not-available-pl.png');
    await page.context().close();
  });

  it('lands an official on the lookup and finds a person under a case number in Cyrillic', async () => {
    const page = await signInAs('official');
    await page.getByRole('heading', { level: 1, name: 'Look up a person or a vehicle' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/workspace');
    expect((await navigation(page))[0]).toBe('Lookups');

    // Checked before anything is asked: the form says what is missing.
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.getByText('There is a problem').waitFor();
    await page.getByRole('link', { name: 'Enter the personal number.' }).waitFor();
    await page.getByRole('link', { name: 'Enter the case number.' }).waitFor();
    await expectAccessibleOnAPhone(page, 'workspace-form-errors-en.png');

    const citizen = account('citizen');
    await page.getByLabel('Personal number (EGN)').fill(citizen.personalNumber);
    await chooseGrounds(page);
    await page.getByLabel('Case number').fill('ДП-77/2026');
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.getByRole('heading', { level: 2, name: 'Result' }).waitFor();
    await page.getByText(citizen.nameLatin.split(' ')[0]!).first().waitFor();
    await page.getByRole('heading', { level: 2, name: 'Addresses' }).waitFor();
    await page.getByText(/in case ДП-77\/2026\./).waitFor();
    // The personal number is masked until asked for.
    expect(await page.getByText(citizen.personalNumber, { exact: true }).count()).toBe(0);
    await expectAccessibleOnAPhone(page, 'workspace-person-en.png');

    // The citizen sees the lookup, with the case number as it was typed.
    const usage = await platform.app.inject({
      method: 'GET',
      url: '/api/me/data-usage?limit=500',
      headers: { authorization: `Bearer ${await tokenOf('citizen')}` },
    });
    const cases = (usage.json() as { items: Array<{ caseRef: string | null }> }).items.map(
      (item) => item.caseRef,
    );
    expect(cases).toContain('ДП-77/2026');

    // An unknown (but well-formed) personal number is refused in words.
    let unknown = makeEgn('1901-01-01', 'F', 1);
    for (let serial = 3; accountsHold(unknown); serial += 2) unknown = makeEgn('1901-01-01', 'F', serial);
    await page.getByLabel('Personal number (EGN)').fill(unknown);
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.getByText('No person with this personal number is in the population register.').waitFor();
    await page.getByText('The lookup was refused').waitFor();
    await expectAccessibleOnAPhone(page, 'workspace-refused-en.png');

    await chooseLanguage(page, 'bg');
    await page.getByRole('heading', { level: 1, name: 'Справка за лице или превозно средство' }).waitFor();
    await page.getByText('В регистъра на населението няма лице с това ЕГН.').waitFor();
    await expectAccessibleOnAPhone(page, 'workspace-refused-bg.png');
    await chooseLanguage(page, 'pl');
    await page.getByRole('heading', { level: 1, name: 'Wyszukaj osobę lub pojazd' }).waitFor();
    await expectAccessibleOnAPhone(page, 'workspace-refused-pl.png');
    await chooseLanguage(page, 'en');

    await page.goto(`${base}/audit`);
    await page.getByRole('heading', { level: 1, name: 'Not available for your role' }).waitFor();
    await page.context().close();
  });

  function accountsHold(egn: string): boolean {
    return [...accounts.values()].some((candidate) => candidate.personalNumber === egn);
  }

  it("lands a police officer on the lookup and shows a vehicle's report", async () => {
    const [registered] = await registerSamples(platform.database.db).vins({ registered: true });
    const vehicle = (await vehicleQueries(platform.database.db).byVin(registered!))!;
    const hidden = await platform.app.inject({
      method: 'POST',
      url: '/api/audit/hidden-cases',
      headers: { authorization: `Bearer ${await tokenOf('police')}` },
      payload: {
        caseRef: HIDDEN_CASE,
        legalBasis: 'ministry-of-interior-act-art-6',
        hiddenUntil: new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString(),
        reason: 'covert investigation',
      },
    });
    expect(hidden.statusCode, hidden.body).toBe(200);
    const page = await signInAs('police', 'bg-BG');
    await page.getByRole('heading', { level: 1, name: 'Справка за лице или превозно средство' }).waitFor();
    await chooseLanguage(page, 'en');
    await page.getByRole('radio', { name: 'A vehicle' }).check();
    await page.getByLabel(/^VIN/).fill(vehicle.vin.toLowerCase());
    await chooseGrounds(page);
    await page.getByLabel('Case number').fill('пр. 12/2026');
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.getByRole('heading', { level: 2, name: 'Result' }).waitFor();
    await page.getByRole('heading', { name: 'Registration', exact: true }).waitFor();
    await page.getByText(vehicle.vin).first().waitFor();
    await page.getByText(/in case пр\. 12\/2026\./).waitFor();
    await expectAccessibleOnAPhone(page, 'workspace-vehicle-en.png');
    await chooseLanguage(page, 'pl');
    await page.getByRole('heading', { level: 2, name: 'Wynik' }).waitFor();
    await expectAccessibleOnAPhone(page, 'workspace-vehicle-pl.png');
    await chooseLanguage(page, 'en');

    // Checking an ID shown: the person card carries the identity documents.
    const citizen = account('citizen');
    await page.getByRole('radio', { name: 'A person' }).check();
    await page.getByLabel('Personal number (EGN)').fill(citizen.personalNumber);
    await chooseGrounds(page, 'Identity verification');
    await page.getByLabel('Case number').fill('КПП-5/2026');
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.getByRole('heading', { level: 2, name: 'Identity documents' }).waitFor();
    await page.getByText('Identity card').first().waitFor();
    await expectAccessibleOnAPhone(page, 'workspace-person-documents-en.png');

    // A criminal investigation under a case the police hid beforehand: the person does not see it.
    await chooseGrounds(page, 'Criminal investigation');
    await page.getByLabel('Case number').fill(HIDDEN_CASE);
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.getByText(`in case ${HIDDEN_CASE}.`, { exact: false }).waitFor();
    const usage = await platform.app.inject({
      method: 'GET',
      url: '/api/me/data-usage?limit=500',
      headers: { authorization: `Bearer ${await tokenOf('citizen')}` },
    });
    const cases = (usage.json() as { items: Array<{ caseRef: string | null }> }).items.map(
      (item) => item.caseRef,
    );
    expect(cases).toContain('КПП-5/2026');
    expect(cases).not.toContain(HIDDEN_CASE);
    await page.context().close();
  });

  it('lands an auditor on the console: the log verified in the browser, usage searched, hidden cases listed', async () => {
    const auditorToken = await tokenOf('auditor');
    const checkpoint = async () => {
      const made = await platform.app.inject({
        method: 'POST',
        url: '/log/checkpoint',
        headers: { authorization: `Bearer ${auditorToken}` },
      });
      expect(made.statusCode, made.body).toBe(200);
    };
    await checkpoint();

    const page = await signInAs('auditor');
    await page.getByRole('heading', { level: 1, name: 'Audit console' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/audit');
    expect((await navigation(page))[0]).toBe('Audit');
    await page.getByText('Verified in this browser').waitFor();
    await page.getByText(/This is the first checkpoint of this log that this browser has verified/).waitFor();
    await page.getByText('Cosigned by').waitFor();

    // The log grows; checking again proves the new checkpoint consistent with the one seen.
    await page.getByLabel('Your purpose').selectOption({ label: 'Data protection supervision' });
    // The only legal basis paired with it is chosen with it.
    expect(await page.getByLabel('Your legal basis').inputValue()).toBe('gdpr-art-58');
    await page.getByLabel(/Personal number of the person concerned/).fill(account('citizen').personalNumber);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('heading', { level: 2, name: 'Usage records', exact: true }).waitFor();
    await page.getByText(/records? found\./).waitFor();
    await checkpoint();
    await page.getByRole('button', { name: 'Check again' }).click();
    await page.getByText(/Proved consistent with the checkpoint this browser verified before/).waitFor();
    await page.getByText('Checking…').first().waitFor({ state: 'detached' });
    expect(await page.getByText('Verified in the public log').count()).toBeGreaterThan(0);
    expect(await page.getByText('Verification failed').count()).toBe(0);
    // No personal number of an official or of the person shows to the auditor.
    for (const text of await page.locator('main').allInnerTexts()) expect(text).not.toMatch(/\b\d{10}\b/);

    // The police's lookup under the hidden case: the auditor sees it, and until when it is hidden.
    await page.getByText(HIDDEN_CASE, { exact: true }).first().waitFor();
    await page
      .getByText(/^Until .*\. Reason: covert investigation$/)
      .first()
      .waitFor();

    const hiddenCases = page.getByRole('region', { name: 'Hidden cases' });
    await hiddenCases.getByRole('heading', { level: 3, name: `Case ${HIDDEN_CASE}` }).waitFor();
    await hiddenCases.getByText('Столична дирекция на вътрешните работи').waitFor();
    await hiddenCases.getByText('Ministry of Interior Act, Art. 6').waitFor();
    await hiddenCases.getByText('covert investigation').waitFor();
    await expectAccessibleOnAPhone(page, 'audit-console-en.png');
    await chooseLanguage(page, 'bg');
    await page.getByRole('heading', { level: 1, name: 'Одиторска конзола' }).waitFor();
    await expectAccessibleOnAPhone(page, 'audit-console-bg.png');
    await chooseLanguage(page, 'pl');
    await page.getByRole('heading', { level: 1, name: 'Konsola audytora' }).waitFor();
    await expectAccessibleOnAPhone(page, 'audit-console-pl.png');
    await chooseLanguage(page, 'en');

    await page.goto(`${base}/workspace`);
    await page.getByRole('heading', { level: 1, name: 'Not available for your role' }).waitFor();
    await page.context().close();
  });

  it('lands an administrator on the exchange console, and keeps them out of the other workspaces', async () => {
    const page = await signInAs('admin');
    await page.getByRole('heading', { level: 1, name: 'Register exchange administration' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin');
    expect((await navigation(page))[0]).toBe('Exchange administration');
    await page.goto(`${base}/audit`);
    await page.getByRole('heading', { level: 1, name: 'Not available for your role' }).waitFor();
    await page.getByText('You are signed in with the roles: Citizen and Administrator.').waitFor();
    await expectAccessibleOnAPhone(page, 'admin-not-auditor-en.png');
    await page.context().close();
  });

  // A pharmacist lands on the prescriptions (e2e/pharmacy.e2e.test.ts); a doctor on their patients.
  it("lands a doctor on their patients' workspace, and keeps them out of the officials' lookup", async () => {
    const page = await signInAs('doctor');
    await page.getByRole('heading', { level: 1, name: 'My patients' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/clinic');
    expect((await navigation(page))[0]).toBe('Patients');
    await page.getByRole('heading', { level: 2, name: 'Find a patient' }).waitFor();
    await expectAccessibleOnAPhone(page, 'doctor-landing-en.png');
    await page.goto(`${base}/workspace`);
    await page.getByRole('heading', { level: 1, name: 'Not available for your role' }).waitFor();
    await page.context().close();
  });

  it('ran without page errors or CSP violations', () => {
    expect(pageErrors).toEqual([]);
  });
});
