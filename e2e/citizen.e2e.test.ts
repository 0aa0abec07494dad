import path from 'node:path';
import { generateSigningKey } from '@civitas/tlog';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vehicleQueries } from '../server/src/registers/index.ts';
import type { TestPlatform } from '../server/test/platform.ts';
import {
  launchChromium,
  SCREENSHOTS,
  seriousAccessibilityViolations,
  signInWithEid,
  startWebPlatform,
  watchPage,
} from './browser.ts';

describe('a citizen in the web app (Chromium)', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ({ platform, base } = await startWebPlatform());
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'en-GB', viewport: { width: 390, height: 844 } });
    page = await context.newPage();
    watchPage(page, pageErrors, { failingStatus: 400 });
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('signs in with the eID and shows the profile from the registers', async () => {
    const citizen = platform.seeded.demoPersons[0]!;
    await signInWithEid(page, base, citizen, platform.config.demoPin);

    await expect(
      page.getByRole('heading', { level: 1, name: 'My profile' }).waitFor(),
    ).resolves.toBeUndefined();
    const profile = await platform.app.inject({
      method: 'POST',
      url: '/api/demo/tokens',
      payload: { personalNumber: citizen },
    });
    const me = (
      await platform.app.inject({
        method: 'GET',
        url: '/api/me',
        headers: { authorization: `Bearer ${profile.json().accessToken}` },
      })
    ).json();
    const latinName = `${me.name.givenLatin} ${me.name.fatherLatin} ${me.name.familyLatin}`;
    await page.getByText(latinName).first().waitFor();
    await page.getByText(me.vehicles[0].vin).first().waitFor();
    await page.getByRole('heading', { name: 'Driving licence' }).waitFor();
    expect(await page.getByText(citizen).count()).toBe(0);

    await page.screenshot({ path: path.join(SCREENSHOTS, 'profile-en.png'), fullPage: true });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('switches to Bulgarian, and keeps the language and the session across a reload', async () => {
    await page.getByRole('combobox', { name: 'Language' }).selectOption('bg');
    await page.getByRole('heading', { level: 1, name: 'Моят профил' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('bg');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'profile-bg.png'), fullPage: true });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Моят профил' }).waitFor();
    await page.getByRole('combobox', { name: 'Език' }).selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'My profile' }).waitFor();
  });

  it('is installable: manifest with icons and a service worker', async () => {
    const manifestHref = await page.getAttribute('link[rel="manifest"]', 'href');
    expect(manifestHref).toBeTruthy();
    const manifest = (await (await fetch(new URL(manifestHref!, base))).json()) as {
      icons: Array<{ sizes: string }>;
    };
    expect(manifest).toMatchObject({ name: 'Civitas', start_url: '/', display: 'standalone' });
    expect(manifest.icons.map((icon: { sizes: string }) => icon.sizes)).toEqual(
      expect.arrayContaining(['192x192', '512x512']),
    );
    const registered = await page.evaluate(async () => {
      const { navigator } = globalThis as unknown as {
        navigator: { serviceWorker: { ready: Promise<{ active: unknown }> } };
      };
      const registration = await navigator.serviceWorker.ready;
      return Boolean(registration.active);
    });
    expect(registered).toBe(true);
  });

  it('fills an e-service form from the registers, naming the source of each field (once-only)', async () => {
    await page.getByRole('link', { name: 'E-services' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'E-services' }).waitFor();
    await page.getByRole('link', { name: 'Resident parking permit' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Confirm your data' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Sources' }).waitFor();
    const [vehicle] = await vehicleQueries(platform.database.db).byCurrentOwner(
      platform.seeded.demoPersons[0]!,
    );
    if (!vehicle) throw new Error('the demo citizen owns no registered vehicle');
    await page.getByText(vehicle.vin).first().waitFor();
    for (const register of [
      'National population register (GRAO)',
      'Vehicle register (Ministry of Interior)',
      'Driving licence register (Ministry of Interior)',
    ]) {
      expect(await page.getByText(register).count()).toBeGreaterThan(0);
    }
    await page.screenshot({ path: path.join(SCREENSHOTS, 'confirm-data-en.png'), fullPage: true });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Confirm and continue' }).click();
    await page.getByText('Your data is confirmed.').waitFor();
  });

  it('shows who used the data, each record verified in the browser against the public log', async () => {
    // The profile and the e-service read the registers; a checkpoint makes those accesses provable.
    const accounts = (
      await platform.app.inject({ method: 'GET', url: '/api/demo/accounts' })
    ).json() as Array<{
      role: string;
      personalNumber: string;
    }>;
    const auditor = accounts.find((account) => account.role === 'auditor')!;
    const token = await platform.app.inject({
      method: 'POST',
      url: '/api/demo/tokens',
      payload: { personalNumber: auditor.personalNumber },
    });
    const checkpoint = await platform.app.inject({
      method: 'POST',
      url: '/log/checkpoint',
      headers: { authorization: `Bearer ${token.json().accessToken}` },
    });
    expect(checkpoint.statusCode).toBe(200);

    await page.getByRole('link', { name: 'Who used my data' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Who used my data' }).waitFor();
    await page.getByText(/cosigned by 1 independent witness\./).waitFor();
    const populationRegister = page
      .getByRole('listitem')
      .filter({ hasText: 'National population register' })
      .filter({ hasText: "Access to one's own data" });
    await populationRegister.filter({ hasText: 'Verified in the public log' }).first().waitFor();
    await page.getByText('Checking…').first().waitFor({ state: 'detached' });
    expect(await page.getByText('Verification failed').count()).toBe(0);
    expect(await page.getByText('Not yet verifiable').count()).toBe(0);

    // The log's key is pinned on first use.
    const logKey = (await (await fetch(`${base}/log/key`)).text()).trim();
    expect(await page.evaluate(() => globalThis.localStorage.getItem('civitas.log.vkey'))).toBe(logKey);

    await page.screenshot({ path: path.join(SCREENSHOTS, 'data-usage-en.png'), fullPage: true });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.screenshot({ path: path.join(SCREENSHOTS, 'data-usage-en-top.png') });
    await populationRegister.first().screenshot({ path: path.join(SCREENSHOTS, 'data-usage-entry-en.png') });

    // Filtering by purpose keeps only the matching records.
    const parkingPermitRecords = page
      .getByRole('listitem')
      .filter({ hasText: 'Resident parking permit application' });
    expect(await parkingPermitRecords.count()).toBeGreaterThan(0);
    await page.getByLabel('Purpose').selectOption({ label: "Access to one's own data" });
    await page.getByRole('button', { name: 'Show records' }).click();
    await expect.poll(() => parkingPermitRecords.count()).toBe(0);
    await populationRegister.first().waitFor();
  });

  it('fails every mark, and says why, when the log is served with another key than the pinned one', async () => {
    const pinned = await page.evaluate(() => globalThis.localStorage.getItem('civitas.log.vkey'));
    const impostor = generateSigningKey('civitas.example/impostor');
    await page.evaluate((vkey) => globalThis.localStorage.setItem('civitas.log.vkey', vkey), impostor.vkey);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Who used my data' }).waitFor();
    await page.getByText('The records could not be verified').waitFor();
    await page.getByText('Key seen before: civitas.example/impostor+').waitFor();
    await page.getByText('Verification failed').first().waitFor();
    // Each line (one access, or a session of several) carries one mark.
    const records = await page.locator('.usage-list__item').count();
    expect(records).toBeGreaterThan(0);
    expect(await page.getByText('Verification failed').count()).toBe(records);
    expect(await page.getByText('Verified in the public log').count()).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'data-usage-key-changed-en.png') });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.evaluate((vkey) => globalThis.localStorage.setItem('civitas.log.vkey', vkey!), pinned);
  });

  it('signs out in one step, and the profile is no longer reachable', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    // Through the eID node and back, with no question asked on the way.
    await page.getByText('You have signed out.').waitFor();
    await page.goto(`${base}/profile`);
    await page.getByRole('button', { name: 'Sign in with eID' }).waitFor();
  });

  it('ran without page errors or CSP violations', () => {
    expect(pageErrors).toEqual([]);
  });
});
