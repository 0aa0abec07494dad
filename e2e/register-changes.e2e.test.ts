import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  licenceByPerson,
  populationQueries,
  registerChanges,
  registerSamples,
  vehicleQueries,
} from '../server/src/registers/index.ts';
import type { TestPlatform } from '../server/test/platform.ts';
import { expectAccessible, launchChromium, signInWithEid, startWebPlatform, watchPage } from './browser.ts';

const PHONE = { width: 360, height: 800 };

interface DemoAccount {
  role: string;
  personalNumber: string;
}

/**
 * The register changes staff make from their workspace, in Chromium at 360 px: the police
 * suspend and restore a driving licence (English, then Bulgarian), an official records a death
 * and a vehicle's new owner (Polish); each lands in the register and in its change outbox.
 */
describe('register changes in the staff workspace (Chromium, 360 px)', () => {
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

  async function signInAs(role: string, locale: string): Promise<Page> {
    const context = await browser.newContext({ locale, viewport: PHONE });
    const page = watchPage(await context.newPage(), pageErrors, { who: role });
    await signInWithEid(page, base, accounts.get(role)!.personalNumber, platform.config.demoPin);
    await page.waitForURL(/\/workspace$/);
    return page;
  }

  async function chooseLanguage(page: Page, code: 'bg' | 'pl' | 'en') {
    await page.getByRole('combobox', { name: /Language|Език|Język/ }).selectOption(code);
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe(code);
  }

  async function expectFitsAPhone(page: Page, screenshot: string) {
    await expectAccessible(page, screenshot);
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

  it('lets the police suspend a licence and restore it, in English and Bulgarian', async () => {
    const holder = accounts.get('citizen')!.personalNumber;
    const licence = (await licenceByPerson(platform.database.db)(holder))!;
    const page = await signInAs('police', 'en-GB');
    const card = page.locator('.card', { hasText: 'Suspend or restore a driving licence' });
    await page.getByRole('heading', { level: 2, name: 'Register changes' }).waitFor();
    // Officials' changes are not offered to the police.
    expect(await page.getByText('Record a death').count()).toBe(0);

    // Checked before anything is sent.
    await card.getByRole('button', { name: 'Suspend the licence' }).click();
    await page.getByRole('link', { name: 'This field is required.' }).waitFor();
    await expectFitsAPhone(page, 'register-changes-police-errors-en.png');

    await card.getByLabel('Licence number').fill(licence.number);
    await card.getByRole('button', { name: 'Suspend the licence' }).click();
    await page.getByText('The driving licence is suspended').waitFor();
    await page.getByText(new RegExp(`${licence.number}: recorded as change no\\. \\d+`)).waitFor();
    expect((await licenceByPerson(platform.database.db)(holder))!.status).toBe('suspended');
    await expectFitsAPhone(page, 'register-changes-police-suspended-en.png');

    // Again: the register refuses, and the screen says why in words.
    await card.getByRole('button', { name: 'Suspend the licence' }).click();
    await page.getByText('Only a valid driving licence can be suspended.').waitFor();

    await chooseLanguage(page, 'bg');
    const bgCard = page.locator('.card', { hasText: 'Отнемане или връщане на свидетелство за управление' });
    await bgCard.getByText('Връщане', { exact: true }).click();
    await bgCard.getByRole('button', { name: 'Върни свидетелството' }).click();
    await page.getByText('Свидетелството за управление отново е валидно').waitFor();
    expect((await licenceByPerson(platform.database.db)(holder))!.status).toBe('valid');
    await expectFitsAPhone(page, 'register-changes-police-restored-bg.png');

    const kinds = (await registerChanges(platform.database.db).readAfter(0, 100)).map(
      (change) => change.kind,
    );
    expect(kinds).toEqual(['licence-suspended', 'licence-restored']);
    await page.context().close();
  });

  it('lets an official record a death and a new owner, in Polish', async () => {
    const [deceased, buyer] = await registerSamples(platform.database.db).livingPersons(40, 2);
    const seller = accounts.get('citizen')!.personalNumber;
    const [vehicle] = await vehicleQueries(platform.database.db).byCurrentOwner(seller);
    const page = await signInAs('official', 'pl-PL');
    await page.getByRole('heading', { level: 2, name: 'Zmiany w rejestrach' }).waitFor();
    expect(await page.getByText('Zatrzymanie lub zwrot prawa jazdy').count()).toBe(0);

    const death = page.locator('.card', { hasText: 'Wpis zgonu' });
    await death.getByLabel('Numer osobisty', { exact: true }).fill(deceased!);
    await death.getByLabel('Data zgonu').fill('2026-01-02');
    await death.getByRole('button', { name: 'Wpisz zgon' }).click();
    await page.getByText('Zgon został wpisany').waitFor();
    expect(await populationQueries(platform.database.db).person(deceased!)).toMatchObject({ deceased: true });

    const owner = page.locator('.card', { hasText: 'Rejestracja pojazdu na nowego właściciela' });
    await owner.getByLabel('Numer VIN pojazdu').fill(vehicle!.vin);
    await owner.getByLabel('Numer osobisty nowego właściciela').fill(seller);
    const today = new Date().toISOString().slice(0, 10);
    await owner.getByLabel('Data zmiany').fill(today);
    await owner.getByRole('button', { name: 'Zarejestruj nowego właściciela' }).click();
    // The vehicle is already the seller's: refused, in words.
    await page.getByText('Pojazd jest już zarejestrowany na tę osobę.').waitFor();
    await owner.getByLabel('Numer osobisty nowego właściciela').fill(buyer!);
    await owner.getByRole('button', { name: 'Zarejestruj nowego właściciela' }).click();
    await page.getByText('Pojazd został zarejestrowany na nowego właściciela').waitFor();
    const [moved] = await vehicleQueries(platform.database.db).byCurrentOwner(buyer!);
    expect(moved?.vin).toBe(vehicle!.vin);
    await expectFitsAPhone(page, 'register-changes-official-pl.png');

    const changes = await registerChanges(platform.database.db).readAfter(0, 100);
    expect(changes.slice(-2)).toMatchObject([
      { register: 'population-register', key: deceased, kind: 'person-deceased' },
      { register: 'vehicle-register', key: vehicle!.vin, subject: seller, kind: 'vehicle-reregistered' },
    ]);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });
});
