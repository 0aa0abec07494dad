import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { transliterate } from '@civitas/contracts/text/translit.ts';
import type { Patient } from '@medplum/fhirtypes';
import { sql } from 'kysely';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eidIssuer, issueScriptingToken } from '../server/src/identity/tokens.ts';
import type { TestPlatform } from '../server/test/platform.ts';
import {
  expectAccessible,
  launchChromium,
  SCREENSHOTS,
  signInWithEid,
  startWebPlatform,
  watchPage,
} from './browser.ts';

/** The narrowest phone the app is built for. */
const PHONE = { width: 360, height: 780 };

/**
 * The citizen's "My health" tab on a 360 px phone (issue 17), on the seeded record of the demo
 * citizen: their lab trend drawn against the reference range, their prescriptions with the QR for
 * the pharmacy, the patient summary as a PDF in a chosen language, a document hidden from all but
 * their GP and shown again, the same screens in Bulgarian and Polish, and the record readable
 * offline after the first load. Axe finds no serious violation on any of them.
 */
describe('My health on a phone (Chromium, 360 px)', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  const pageErrors: string[] = [];

  /** A call to the platform's API as one of the demo accounts (the GP issuing, the pharmacist dispensing). */
  async function callAs(
    index: number,
    roles: Array<'citizen' | 'doctor' | 'pharmacist'>,
    method: 'POST',
    url: string,
    payload: object,
  ) {
    const person = platform.seeded.demoPersons[index]!;
    const token = await issueScriptingToken(
      platform.keys,
      eidIssuer(platform.config.publicUrl),
      person,
      roles,
    );
    const reply = await platform.app.inject({
      method,
      url,
      payload,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(reply.statusCode, reply.body).toBeLessThan(300);
    return reply.json() as { number: string };
  }

  const section = (name: string | RegExp) =>
    page
      .getByRole('navigation', {
        name: /Parts of the health record|Части на здравното досие|Części dokumentacji/,
      })
      .getByRole('button', { name });

  beforeAll(async () => {
    ({ platform, base } = await startWebPlatform());
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'en-GB', viewport: PHONE, acceptDownloads: true });
    page = watchPage(await context.newPage(), pageErrors, {
      who: 'citizen',
      expectedConsole: /^Failed to load resource|net::ERR_INTERNET_DISCONNECTED/,
    });
    await signInWithEid(page, base, platform.seeded.demoPersons[0]!, platform.config.demoPin);
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('shows the timeline of the demo citizen, with their GP', async () => {
    await page.goto(`${base}/health`);
    await page.getByRole('heading', { level: 1, name: 'My health' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Timeline' }).waitFor();
    await page.getByText(/^Your GP: /).waitFor();
    expect(await page.locator('.health-timeline__item').count()).toBeGreaterThan(3);
    await expectAccessible(page, 'health-timeline-en.png');
  });

  it('draws a lab trend with its reference range as a band, out-of-range values marked, and the values as a table', async () => {
    await section('Results').click();
    await page.getByRole('heading', { level: 2, name: 'Results' }).waitFor();
    // The first test with a trend: its card holds the chart, the range and the table.
    const card = page
      .locator('section.card')
      .filter({ has: page.locator('.line-chart') })
      .first();
    await card.getByRole('img', { name: / over time$/ }).waitFor();
    expect(await card.locator('.line-chart__band').count()).toBe(1);
    expect(await card.locator('.line-chart__point').count()).toBeGreaterThanOrEqual(5);
    expect(await card.getByText(/^Reference range: /).count()).toBe(1);
    await card.getByText('Show the values as a table').click();
    expect(await card.getByRole('table').getByRole('row').count()).toBeGreaterThanOrEqual(6);
    // Some of the record's trend (a diabetic's HbA1c, a cholesterol) lies outside the range: marked in red.
    expect(await page.locator('.line-chart__point--marked').count()).toBeGreaterThan(0);
    expect(await page.getByText(/\b(mmol|%|µmol)/).count()).toBeGreaterThan(0);
    // Each mark says its date and value (with the unit) as a hover tip.
    expect(await card.locator('.line-chart__point title').first().textContent()).toMatch(/^.+: [\d.,]+\s\S+/);
    await expectAccessible(page, 'health-results-en.png');
    await card
      .locator('.line-chart')
      .screenshot({ path: path.join(SCREENSHOTS, 'health-trend-chart-en.png') });
  });

  it('shows a prescription the GP issued with its QR for the pharmacy, and as collected once dispensed', async () => {
    const citizen = platform.seeded.demoPersons[0]!;
    const link = await sql<{ patient_id: string }>`
      SELECT patient_id FROM ehealth.patients WHERE personal_number = ${citizen}`.execute(
      platform.database.db,
    );
    const { number } = await callAs(2, ['citizen', 'doctor'], 'POST', '/api/health/prescriptions', {
      patient: link.rows[0]!.patient_id,
      medication: 'A10BA02',
      dosage: '1 таблетка сутрин и вечер',
      quantity: 1,
    });
    const printed = number.replace(/(.{4})(?=.)/g, '$1-');

    await section('Prescriptions').click();
    await page.getByRole('heading', { level: 2, name: 'Prescriptions to collect' }).waitFor();
    const qr = page.getByRole('img', { name: `QR code of prescription ${printed} for the pharmacy` });
    await qr.waitFor();
    expect(
      await qr.evaluate((image) => (image as unknown as { naturalWidth: number }).naturalWidth),
    ).toBeGreaterThan(0);
    const item = page.locator('.health-item').filter({ has: qr });
    expect(await item.getByText('Ready to collect').count()).toBe(1);
    expect(await item.getByText(printed).count()).toBe(1);
    await expectAccessible(page, 'health-prescriptions-en.png');

    // The pharmacy dispenses it: the patient sees it collected, by whom, and no QR any more.
    await callAs(3, ['citizen', 'pharmacist'], 'POST', `/api/health/prescriptions/${number}/dispenses`, {
      patient: citizen,
      quantity: 1,
    });
    await section('Timeline').click();
    await section('Prescriptions').click();
    const collected = page.locator('.health-item').filter({ hasText: printed });
    await collected.getByText('Collected').waitFor();
    await collected.getByText(/^Dispensed on /).waitFor();
    expect(
      await page.getByRole('img', { name: `QR code of prescription ${printed} for the pharmacy` }).count(),
    ).toBe(0);
  });

  it('lists conditions, allergies and vaccinations in words', async () => {
    await section('Conditions and vaccinations').click();
    for (const heading of ['Conditions', 'Allergies', 'Vaccinations'])
      await page.getByRole('heading', { level: 2, name: heading }).waitFor();
    expect(await page.locator('.health-item__title').count()).toBeGreaterThan(3);
    // No bare ICD-10, ATC or LOINC code on the screen.
    const text = await page.locator('main').textContent();
    expect(text).not.toMatch(/\b[A-Z]\d{2}(\.\d+)?\b|\b[A-Z]\d{2}[A-Z]{2}\d{2}\b|\b\d{4,5}-\d\b/);
    await expectAccessible(page, 'health-record-en.png');
  });

  it('downloads the patient summary as a PDF in the language chosen for the doctor abroad', async () => {
    await section('Documents and summary').click();
    await page.getByRole('heading', { level: 2, name: 'Patient summary for a doctor abroad' }).waitFor();
    await page.getByLabel('Language of the summary').selectOption('pl');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the summary (PDF)' }).click(),
    ]);
    const file = await download.path();
    expect(fs.readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The doctor abroad reads the citizen's name in Latin script, the Cyrillic original beside it.
    const patient = await sql<{ content: string }>`
      SELECT r.content FROM ehealth.resources r JOIN ehealth.patients p ON p.patient_id = r.id
      WHERE r.resource_type = 'Patient' AND p.personal_number = ${platform.seeded.demoPersons[0]!}`.execute(
      platform.database.db,
    );
    const recorded = (JSON.parse(patient.rows[0]!.content) as Patient).name![0]!.text!;
    expect(recorded).toMatch(/[А-я]/);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Międzynarodowe podsumowanie pacjenta');
    expect(text).toContain(`${transliterate(recorded)} (${recorded})`);
    await page.getByText('The PDF has been saved to your downloads.').waitFor();
    await expectAccessible(page, 'health-documents-en.png');
  });

  it('opens a discharge letter as a PDF, hides it from all but the GP, lists the restriction and shows it again', async () => {
    const openButton = page.getByRole('button', { name: /^Open as PDF: / }).first();
    const [download] = await Promise.all([page.waitForEvent('download'), openButton.click()]);
    expect(
      fs
        .readFileSync(await download.path())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');

    const document = page.locator('.health-item').filter({ has: openButton });
    await document.getByRole('button', { name: /^Hide: / }).click();
    await document.getByLabel('All doctors except my GP').check();
    await document.getByRole('button', { name: 'Hide', exact: true }).click();
    await document.getByText('Hidden from all doctors except your GP.').waitFor();
    await expectAccessible(page, 'health-document-hidden-en.png');

    await section('Privacy and accesses').click();
    await page.getByRole('heading', { level: 2, name: 'What I have hidden' }).waitFor();
    const restriction = page
      .locator('.health-item')
      .filter({ hasText: 'Hidden from all doctors except your GP.' });
    expect(await restriction.count()).toBe(1);
    await page.getByRole('heading', { level: 2, name: 'Who accessed my record' }).waitFor();
    await expectAccessible(page, 'health-privacy-en.png');

    await restriction.getByRole('button', { name: /^Show again: / }).click();
    await page.getByText(/^You have hidden nothing/).waitFor();
  });

  it('reads the same screens in Bulgarian and Polish, every code in words', async () => {
    await page.getByRole('combobox', { name: 'Language' }).selectOption('bg');
    await section('Изследвания').click();
    await page.getByRole('heading', { level: 2, name: 'Изследвания' }).waitFor();
    await page
      .getByRole('img', { name: / във времето$/ })
      .first()
      .waitFor();
    expect(await page.getByText(/^Референтни стойности: /).count()).toBeGreaterThan(0);
    await expectAccessible(page, 'health-results-bg.png');
    await section('Рецепти').click();
    await page.getByRole('heading', { level: 2, name: 'Рецепти за получаване' }).waitFor();
    await page.getByText('Получена').first().waitFor();
    await expectAccessible(page, 'health-prescriptions-bg.png');

    await page.getByRole('combobox', { name: 'Език' }).selectOption('pl');
    await section('Wyniki').click();
    await page
      .getByRole('img', { name: / w czasie$/ })
      .first()
      .waitFor();
    expect(await page.getByText(/^Zakres referencyjny: /).count()).toBeGreaterThan(0);
    await expectAccessible(page, 'health-results-pl.png');
    await section('Choroby i szczepienia').click();
    await page.getByRole('heading', { level: 2, name: 'Szczepienia' }).waitFor();
    await expectAccessible(page, 'health-record-pl.png');
    await page.getByRole('combobox', { name: 'Język' }).selectOption('en');
  });

  it("says the page is opening while the screen's code is on its way, in the person's language", async () => {
    // No service worker here (it would answer from its cache): the screen's chunk comes from the network, held back.
    const slow = await browser.newContext({ locale: 'bg-BG', viewport: PHONE, serviceWorkers: 'block' });
    try {
      const slowPage = watchPage(await slow.newPage(), pageErrors, { who: 'citizen, slow network' });
      await signInWithEid(slowPage, base, platform.seeded.demoPersons[0]!, platform.config.demoPin);
      let release = () => {};
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      await slow.route(/\/assets\/HealthScreen-[^/]*\.js$/, async (route) => {
        await released;
        await route.continue();
      });
      await slowPage.goto(`${base}/health`);
      await slowPage.getByRole('status').filter({ hasText: 'Страницата се отваря…' }).waitFor();
      await expectAccessible(slowPage, 'screen-opening-bg.png');
      release();
      await slowPage.getByRole('heading', { level: 1, name: 'Моето здраве' }).waitFor();
      expect(await slowPage.getByText('Страницата се отваря…').count()).toBe(0);
    } finally {
      await slow.close();
    }
  });

  it('keeps the record readable offline after the first load, saying it is saved data', async () => {
    await page.evaluate(async () => {
      const { navigator } = globalThis as unknown as {
        navigator: { serviceWorker: { ready: Promise<unknown> } };
      };
      await navigator.serviceWorker.ready;
    });
    // The service worker controls the page only from the next load (a full one: not a change of the #section).
    await page.goto(`${base}/profile`);
    await page.goto(`${base}/health#results`);
    await page
      .getByRole('img', { name: / over time$/ })
      .first()
      .waitFor();
    await context.setOffline(true);
    try {
      await page.reload();
      await page.getByText(/^You are offline\. Showing saved data from /).waitFor();
      await page
        .getByRole('img', { name: / over time$/ })
        .first()
        .waitFor();
      expect(await page.getByText(/^You are offline/).count()).toBe(1);
      await expectAccessible(page, 'health-offline-en.png');
    } finally {
      await context.setOffline(false);
    }
    expect(pageErrors).toEqual([]);
  });
});
