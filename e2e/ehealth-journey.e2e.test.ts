import fs from 'node:fs';
import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestPlatform } from '../server/test/platform.ts';
import { expectAccessible, launchChromium, signInWithEid, startWebPlatform, watchPage } from './browser.ts';

/** The narrowest phone the app is made for. */
const PHONE = { width: 360, height: 800 };

interface DemoAccount {
  role: string;
  personalNumber: string;
  name: string;
  nameLatin: string;
  organisation: string | null;
}

/**
 * Issue 17's whole journey in one browser, each person on their own phone: the patient opens
 * their lab trend and their summary; their GP records an encounter with a lab result and a
 * prescription; the pharmacist dispenses it; the patient hides a discharge letter from all but
 * their GP; a specialist without a referral cannot see it, but can by break-glass; the patient
 * then sees both doctors' accesses in "Who used my data", the emergency one marked.
 */
describe('the health record, from the patient to the GP, the pharmacy and an emergency (Chromium)', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let base: string;
  let accounts: DemoAccount[];
  let prescription: string;
  let letter: { id: string; title: string };
  const pageErrors: string[] = [];

  const account = (role: string, index = 0) => accounts.filter((entry) => entry.role === role)[index]!;
  const citizen = () => account('citizen');
  const gp = () => account('doctor', 0);
  const specialist = () => account('doctor', 1);

  async function phoneOf(person: DemoAccount, who: string): Promise<Page> {
    const context = await browser.newContext({ locale: 'en-GB', viewport: PHONE, acceptDownloads: true });
    // A specialist's refused read is logged by Chromium as a failed load (the answer is "not found").
    const page = watchPage(await context.newPage(), pageErrors, {
      who,
      expectedConsole: /^Failed to load resource/,
    });
    await signInWithEid(page, base, person.personalNumber, platform.config.demoPin);
    return page;
  }

  /** A part of "My health", chosen from its navigation. */
  const section = (page: Page, name: string) =>
    page
      .getByRole('navigation', { name: 'Parts of the health record' })
      .getByRole('button', { name, exact: true })
      .click();

  async function tokenOf(person: DemoAccount): Promise<string> {
    const answer = await platform.app.inject({
      method: 'POST',
      url: '/api/demo/tokens',
      payload: { personalNumber: person.personalNumber },
    });
    return answer.json().accessToken as string;
  }

  async function readAs(person: DemoAccount, url: string) {
    return platform.app.inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${await tokenOf(person)}`, accept: 'application/fhir+json' },
    });
  }

  beforeAll(async () => {
    ({ platform, base } = await startWebPlatform());
    accounts = (
      await platform.app.inject({ method: 'GET', url: '/api/demo/accounts' })
    ).json() as DemoAccount[];
    browser = await launchChromium();
    // The seeded discharge letter of the demo citizen: the document the patient will hide.
    const rows = await sql<{ id: string; content: string }>`
      SELECT r.id, r.content FROM ehealth.resources r
      JOIN ehealth.patients p ON p.patient_id = r.patient_id
      WHERE p.personal_number = ${citizen().personalNumber} AND r.resource_type = 'DocumentReference'
      ORDER BY r.id LIMIT 1`.execute(platform.database.db);
    const row = rows.rows[0]!;
    letter = { id: row.id, title: (JSON.parse(row.content) as { description?: string }).description ?? '' };
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('the patient opens their lab trend and downloads their summary for a doctor abroad', async () => {
    const page = await phoneOf(citizen(), 'patient');
    await page.goto(`${base}/health`);
    await section(page, 'Results');
    const trend = page.getByRole('img', { name: / over time$/ }).first();
    await trend.waitFor();
    expect(await page.locator('.line-chart__band').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'journey-patient-trend.png');

    await section(page, 'Documents and summary');
    await page.getByLabel('Language of the summary').selectOption('en');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the summary (PDF)' }).click(),
    ]);
    expect(
      fs
        .readFileSync(await download.path())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
    await page.context().close();
  });

  it("the GP records an encounter with a lab result and a prescription in the patient's chart", async () => {
    const page = await phoneOf(gp(), 'gp');
    await page.getByRole('heading', { level: 1, name: 'My patients' }).waitFor();
    const given = citizen().nameLatin.split(' ')[0]!;
    const row = page.locator('li').filter({ hasText: given }).first();
    await row.getByRole('button', { name: /^Open chart/ }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(given) }).waitFor();

    await page.getByRole('button', { name: 'Record an encounter' }).click();
    await page.getByLabel('Reason for the visit').fill('Diabetes control');
    await page.getByLabel('Test', { exact: true }).selectOption('4548-4');
    await page.getByLabel(/^Result \(/).fill('7.1');
    await page.getByLabel('Medicine', { exact: true }).selectOption('A10BA02');
    await page.getByRole('button', { name: 'Save the encounter' }).click();
    await page.getByRole('heading', { level: 2, name: 'Prescription issued' }).waitFor();
    prescription = ((await page.getByTestId('prescription-number').textContent()) ?? '').trim();
    expect(prescription).toMatch(/^[0-9A-Z]{12}$/);
    await expectAccessible(page, 'journey-gp-prescription.png');
    await page.context().close();
  });

  it('the pharmacist finds the prescription by its number and the personal number, and dispenses it', async () => {
    const page = await phoneOf(account('pharmacist'), 'pharmacist');
    await page.getByRole('heading', { level: 1, name: 'Dispense prescriptions' }).waitFor();
    await page.getByLabel('Prescription number').fill(prescription);
    await page.getByLabel("Patient's personal number").fill(citizen().personalNumber);
    await page.getByRole('button', { name: 'Find the prescription' }).click();
    await page.getByRole('heading', { level: 2, name: 'Metformin' }).waitFor();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Yes, dispense' }).click();
    await page.getByText(/handed over and recorded/).waitFor();
    await expectAccessible(page, 'journey-pharmacy-dispensed.png');
    // Never twice.
    const again = await platform.app.inject({
      method: 'POST',
      url: `/api/health/prescriptions/${prescription}/dispenses`,
      headers: { authorization: `Bearer ${await tokenOf(account('pharmacist'))}` },
      payload: { patient: citizen().personalNumber, quantity: 1 },
    });
    expect(again.statusCode).toBe(409);
    await page.context().close();
  });

  it('the patient sees the prescription collected and hides the discharge letter from all but the GP', async () => {
    const page = await phoneOf(citizen(), 'patient');
    await page.goto(`${base}/health`);
    await section(page, 'Prescriptions');
    const printed = prescription.replace(/(.{4})(?=.)/g, '$1-');
    await page.locator('.health-item').filter({ hasText: printed }).getByText('Collected').waitFor();

    await section(page, 'Documents and summary');
    const document = page
      .locator('.health-item')
      .filter({ has: page.getByRole('button', { name: /^Open as PDF: / }) })
      .first();
    await document.getByRole('button', { name: /^Hide: / }).click();
    await document.getByLabel('All doctors except my GP').check();
    await document.getByRole('button', { name: 'Hide', exact: true }).click();
    await document.getByText('Hidden from all doctors except your GP.').waitFor();
    await expectAccessible(page, 'journey-patient-hidden.png');
    await page.context().close();
    // The GP still reads the letter; it is hidden from everyone else.
    expect((await readAs(gp(), `/fhir/R4/DocumentReference/${letter.id}`)).statusCode).toBe(200);
  });

  it('a specialist without a referral cannot see the letter; by break-glass they can', async () => {
    const url = `/fhir/R4/DocumentReference/${letter.id}`;
    expect((await readAs(specialist(), url)).statusCode).toBe(404);
    const search = await readAs(specialist(), `/fhir/R4/DocumentReference?_id=${letter.id}`);
    expect(search.statusCode).toBe(200);
    expect((search.json() as { entry?: unknown[] }).entry ?? []).toEqual([]);

    const page = await phoneOf(specialist(), 'specialist');
    await page.getByRole('heading', { level: 1, name: 'My patients' }).waitFor();
    const find = page.getByRole('region', { name: 'Find a patient' });
    await find.getByLabel('Personal number (EGN)', { exact: true }).fill(citizen().personalNumber);
    await find.getByRole('button', { name: 'Find', exact: true }).click();
    await page.getByText("No access to this patient's record").first().waitFor();
    await page
      .getByLabel('Reason for emergency access')
      .fill('Unconscious patient in the emergency room, no relatives reachable');
    await page.getByRole('button', { name: 'Open the record in an emergency' }).click();
    await page.getByText(/^Emergency access until \d{1,2}:\d{2}/).waitFor();
    await expectAccessible(page, 'journey-specialist-emergency.png');
    await page.context().close();

    // Under break-glass the restriction gives way: the letter is read (and the patient told).
    expect((await readAs(specialist(), url)).statusCode).toBe(200);
  });

  it('the patient sees both doctors in "Who used my data", the emergency access marked', async () => {
    await platform.app.auditLog.feed.run();
    const page = await phoneOf(citizen(), 'patient');
    await page.goto(`${base}/data-usage`);
    await page.getByRole('heading', { level: 1, name: 'Who used my data' }).waitFor();
    const main = page.locator('main');
    await main.getByText(gp().nameLatin).first().waitFor();
    await main.getByText(specialist().nameLatin).first().waitFor();
    await main.getByText('Emergency access', { exact: true }).first().waitFor();
    const emergency = page.locator('.usage-entry__emergency');
    expect(await emergency.count()).toBeGreaterThan(0);
    await expectAccessible(page, 'journey-patient-data-usage.png');
    // The doctors' organisations are named in the reader's language, never a personal number.
    const text = (await main.textContent()) ?? '';
    expect(text).toContain('Zdrave Lozenets');
    expect(text).toContain('Alexandrovska');
    expect(text).not.toContain(gp().personalNumber);
    expect(text).not.toContain(specialist().personalNumber);
    await page.context().close();
  });

  it('ran without page errors or CSP violations', () => {
    expect(pageErrors).toEqual([]);
  });
});
