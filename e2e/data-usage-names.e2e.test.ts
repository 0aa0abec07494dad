import path from 'node:path';
import { sql } from 'kysely';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eidIssuer, issueScriptingToken } from '../server/src/identity/tokens.ts';
import type { TestPlatform } from '../server/test/platform.ts';
import {
  launchChromium,
  SCREENSHOTS,
  seriousAccessibilityViolations,
  signInWithEid,
  startWebPlatform,
  watchPage,
} from './browser.ts';

const CASE = 'ZR-2026/55';

/**
 * Issue 14, items 3 and 16 on "Who used my data": an official's lookup names the official and
 * their administration (never their personal number, never "the portal"), and purposes, legal
 * bases, administrations and registers are words in the interface language, never codes or ids.
 */
describe('who used my data names officials and speaks every language (Chromium, 360 px)', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  let citizen: string;
  let official: string;
  let auditor: string;
  let officialName: { cyrillic: string; latin: string };
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ({ platform, base } = await startWebPlatform());
    [citizen, official] = platform.seeded.demoPersons as [string, string];
    auditor = platform.seeded.demoPersons[5]!;
    const names = await sql<{
      given_name: string;
      family_name: string;
      given_name_latin: string;
      family_name_latin: string;
    }>`
      SELECT given_name, family_name, given_name_latin, family_name_latin FROM population.persons WHERE egn = ${official}`.execute(
      platform.database.db,
    );
    const row = names.rows[0]!;
    officialName = {
      cyrillic: `${row.given_name} ${row.family_name}`,
      latin: `${row.given_name_latin} ${row.family_name_latin}`,
    };
    // The official looks the citizen up; an auditor looks at the citizen's records.
    const issuer = eidIssuer(platform.config.publicUrl);
    const officialToken = await issueScriptingToken(platform.keys, issuer, official, ['citizen', 'official']);
    const lookup = await platform.app.inject({
      method: 'GET',
      url: `/api/persons/${citizen}`,
      headers: {
        authorization: `Bearer ${officialToken}`,
        'x-purpose': 'address-verification',
        'x-legal-basis': 'civil-registration-act-art-106',
        'x-case': CASE,
      },
    });
    expect(lookup.statusCode, lookup.body).toBe(200);
    const auditorToken = await issueScriptingToken(platform.keys, issuer, auditor, ['citizen', 'auditor']);
    const audit = await platform.app.inject({
      method: 'GET',
      url: `/api/audit/usage?purpose=data-protection-supervision&legalBasis=gdpr-art-58&subject=${citizen}`,
      headers: { authorization: `Bearer ${auditorToken}` },
    });
    expect(audit.statusCode, audit.body).toBe(200);

    browser = await launchChromium();
    context = await browser.newContext({ locale: 'en-GB', viewport: { width: 360, height: 800 } });
    page = await context.newPage();
    watchPage(page, pageErrors, { console: false, failingStatus: null });
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  async function officialsRecord() {
    const record = page.getByRole('listitem').filter({ hasText: CASE });
    await record.first().waitFor();
    return record.first();
  }

  async function expectNoCodesOrNumbers() {
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toContain(official);
    expect(text).not.toContain(auditor);
    expect(text).not.toMatch(/BG\/GOV|civitas-portal|municipal-administration/);
    expect(text).not.toMatch(
      /address-verification|civil-registration-act|data-protection-supervision|gdpr-art/,
    );
  }

  it('names the official and Sofia Municipality, in English', async () => {
    await signInWithEid(page, base, citizen, platform.config.demoPin);
    await page.getByRole('heading', { level: 1, name: 'My profile' }).waitFor();
    await page.getByRole('link', { name: 'Who used my data' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Who used my data' }).waitFor();

    const record = await officialsRecord();
    for (const text of [
      'Sofia Municipality',
      'Municipal administration',
      officialName.latin,
      'Address verification',
      'Civil Registration Act, Art. 106',
      'National population register',
    ]) {
      await record.getByText(text, { exact: false }).first().waitFor();
    }
    // The auditor's look is the data protection authority's, not the portal's.
    await page
      .getByRole('listitem')
      .filter({ hasText: 'Commission for Personal Data Protection' })
      .filter({ hasText: 'Data protection supervision' })
      .first()
      .waitFor();
    await page.getByText('Checking…').first().waitFor({ state: 'detached' });
    await expectNoCodesOrNumbers();
    await record.screenshot({ path: path.join(SCREENSHOTS, 'data-usage-official-en.png') });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'data-usage-360-en.png'), fullPage: true });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    const scrollWidth = await page.evaluate(
      () =>
        (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
          .documentElement.scrollWidth,
    );
    expect(scrollWidth).toBeLessThanOrEqual(360);
  });

  it('says the same in Bulgarian and in Polish', async () => {
    await page.getByRole('combobox', { name: 'Language' }).selectOption('bg');
    await page.getByRole('heading', { level: 1, name: 'Кой ползва данните ми' }).waitFor();
    let record = await officialsRecord();
    for (const text of [
      'Столична община',
      officialName.cyrillic,
      'Проверка на адрес',
      'Закон за гражданската регистрация, чл. 106',
    ]) {
      await record.getByText(text, { exact: false }).first().waitFor();
    }
    await expectNoCodesOrNumbers();
    await record.screenshot({ path: path.join(SCREENSHOTS, 'data-usage-official-bg.png') });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByRole('combobox', { name: 'Език' }).selectOption('pl');
    record = await officialsRecord();
    for (const text of [
      'Gmina Stołeczna Sofia',
      officialName.latin,
      'Weryfikacja adresu',
      'Krajowy rejestr ludności',
    ]) {
      await record.getByText(text, { exact: false }).first().waitFor();
    }
    await expectNoCodesOrNumbers();
    await record.screenshot({ path: path.join(SCREENSHOTS, 'data-usage-official-pl.png') });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'data-usage-360-pl.png'), fullPage: true });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
