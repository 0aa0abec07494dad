import { sql } from 'kysely';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestPlatform } from '../server/test/platform.ts';
import { expectAccessible, launchChromium, signInWithEid, startWebPlatform, watchPage } from './browser.ts';

/** The narrowest phone the app is built for. */
const PHONE = { width: 360, height: 780 };

/**
 * Issue 18, the citizen's side: the catalogue (search, life events), a declared service's form
 * prefilled from the registers with each value's source, its errors beside their fields in the
 * reader's language, and the draft saved and resumed. On a 360 px phone, in en, bg and pl.
 */
describe('the e-services catalogue and a declared form (Chromium, 360 px)', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  let citizen: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ({ platform, base } = await startWebPlatform());
    citizen = platform.seeded.demoPersons[0]!;
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'en-GB', viewport: PHONE });
    page = watchPage(await context.newPage(), pageErrors, { who: 'citizen' });
    await signInWithEid(page, base, citizen, platform.config.demoPin);
    await page.waitForURL(`${base}/profile`);
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  async function fitsWidth(): Promise<boolean> {
    return page.evaluate(() => {
      const root = (
        globalThis as unknown as {
          document: { documentElement: { scrollWidth: number; clientWidth: number } };
        }
      ).document.documentElement;
      return root.scrollWidth <= root.clientWidth;
    });
  }

  it('finds "change of current address" by a word and by the life event "I moved"', async () => {
    await page.goto(`${base}/services`);
    await page.getByRole('heading', { level: 1, name: 'E-services' }).waitFor();
    await page.getByRole('searchbox', { name: 'Search services' }).fill('address');
    await page.getByText('1 service', { exact: true }).waitFor();
    const card = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: 'Change of current address' }) });
    await card.getByText('Sofia Municipality').waitFor();
    await card.getByText('7 days').waitFor();
    await card.getByText('Free').waitFor();
    expect(await fitsWidth()).toBe(true);
    await expectAccessible(page, 'eservices-catalogue-search-en.png');

    await page.getByRole('searchbox', { name: 'Search services' }).fill('');
    await page.getByRole('button', { name: 'I moved' }).click();
    await page.getByText('2 services', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'I moved' }).getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('link', { name: 'Resident parking permit' }).waitFor();
    await expectAccessible(page, 'eservices-catalogue-moved-en.png');
  });

  it('opens the form prefilled from the population register, each value read-only with its source', async () => {
    await page.getByRole('link', { name: 'Change of current address' }).click();
    await page.getByRole('heading', { level: 1, name: 'Change of current address' }).waitFor();
    const person = await sql<{ given_name: string }>`
      SELECT given_name FROM population.persons WHERE egn = ${citizen}`.execute(platform.database.db);
    const givenName = page.locator('#root_applicant_givenName');
    await givenName.waitFor();
    expect(await givenName.inputValue()).toBe(person.rows[0]!.given_name);
    expect(await givenName.getAttribute('readonly')).not.toBeNull();
    expect(
      await page.getByText('Filled in from: National population register (GRAO)').count(),
    ).toBeGreaterThan(0);
    expect(await fitsWidth()).toBe(true);
    await expectAccessible(page, 'eservices-form-prefilled-en.png');
  });

  it('shows each error beside its field in the reader’s language, then saves the draft', async () => {
    await page.locator('#root_newAddress_postcode').fill('15');
    await page.getByRole('button', { name: 'Sign and submit' }).click();
    // rjsf writes a field's errors under `<field id>__error`, right below the field.
    const postcode = page.locator('#root_newAddress_postcode__error');
    await postcode.getByText('This is not in the expected form.').waitFor();
    const street = page.locator('#root_newAddress_street__error');
    await street.getByText('Fill this in.').waitFor();
    await expectAccessible(page, 'eservices-form-errors-en.png');

    await page.getByRole('combobox', { name: 'Language' }).selectOption('bg');
    await street.getByText('Попълнете това поле.').waitFor();
    await expectAccessible(page, 'eservices-form-errors-bg.png');
    await page.getByRole('combobox', { name: 'Език' }).selectOption('pl');
    await page.getByRole('heading', { level: 1, name: 'Zmiana adresu zamieszkania' }).waitFor();
    await street.getByText('Wypełnij to pole.').waitFor();
    await page.getByText('Formularz zawiera błędy: popraw zaznaczone pola.').waitFor();
    expect(await fitsWidth()).toBe(true);
    await expectAccessible(page, 'eservices-form-errors-pl.png');
    await page.getByRole('combobox', { name: 'Język' }).selectOption('en');

    await page.locator('#root_newAddress_settlement').fill('София');
    await page.locator('#root_newAddress_street').fill('ул. Оборище');
    await page.locator('#root_newAddress_number').fill('12, ап. 4');
    await page.locator('#root_newAddress_postcode').fill('1504');
    await page.locator('#root_since').fill('2026-11-01');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Draft saved. You can come back to it later.').waitFor();
    const drafts = await sql<{ id: string; data: string }>`
      SELECT id, data FROM eservices.drafts WHERE subject = ${citizen}`.execute(platform.database.db);
    expect(drafts.rows.length).toBe(1);
    expect(JSON.parse(drafts.rows[0]!.data).newAddress).toEqual({
      settlement: 'София',
      street: 'ул. Оборище',
      number: '12, ап. 4',
      postcode: '1504',
    });

    // Resumed later, the draft is as it was left.
    await page.goto(`${base}/services/apply/change-of-current-address?draft=${drafts.rows[0]!.id}`);
    await page.locator('#root_newAddress_street').waitFor();
    expect(await page.locator('#root_newAddress_street').inputValue()).toBe('ул. Оборище');

    // Signed in the browser: a signing key made in the wallet, its certificate issued by the
    // platform's CA on first use, the application a JAdES JWS the server checks before storing it.
    await page.getByRole('button', { name: 'Sign and submit' }).click();
    await page.getByText('Your application was signed and submitted.').waitFor({ timeout: 30_000 });
    await expectAccessible(page, 'eservices-form-submitted-en.png');
    const filed = await sql<{ signature: string; status: string }>`
      SELECT signature, status FROM eservices.applications WHERE subject = ${citizen}`.execute(
      platform.database.db,
    );
    expect(filed.rows).toHaveLength(1);
    expect(filed.rows[0]!.status).toBe('submitted');
    const header = JSON.parse(Buffer.from(filed.rows[0]!.signature.split('.')[0]!, 'base64url').toString());
    expect(header).toMatchObject({ alg: 'ES256', crit: ['sigT'] });
    expect(header.x5c).toHaveLength(2);
    expect(pageErrors).toEqual([]);
  });

  it('tells a person who may not apply why, before any form', async () => {
    const elsewhere = await sql<{ egn: string }>`
      SELECT p.egn FROM population.persons p
      WHERE NOT p.deceased AND p.birth_date <= '2000-01-01'
        AND NOT EXISTS (SELECT 1 FROM population.addresses a WHERE a.egn = p.egn AND a.municipality_name = 'Столична')
      ORDER BY p.egn LIMIT 1`.execute(platform.database.db);
    const other = await browser.newContext({ locale: 'en-GB', viewport: PHONE });
    const tab = watchPage(await other.newPage(), pageErrors, { who: 'outside Sofia' });
    await signInWithEid(tab, base, elsewhere.rows[0]!.egn, platform.config.demoPin);
    await tab.waitForURL(`${base}/profile`);
    await tab.goto(`${base}/services/apply/resident-parking-permit`);
    await tab.getByText('You cannot apply for this service').waitFor();
    await tab.getByText('You have no permanent or current address in Sofia.').waitFor();
    expect(await tab.locator('.service-form').count()).toBe(0);
    await expectAccessible(tab, 'eservices-not-eligible-en.png');
    await other.close();
  });
});
