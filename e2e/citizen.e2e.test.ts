import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_DIST } from '../server/src/http/web-app.ts';
import { testDatabases } from '../server/test/databases.ts';
import { freePort } from '../server/test/net.ts';
import { startTestPlatform, type TestPlatform } from '../server/test/platform.ts';
import { launchChromium, seriousAccessibilityViolations } from './browser.ts';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../test-results');

describe('a citizen in the web app (Chromium)', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!fs.existsSync(path.join(WEB_DIST, 'index.html')))
      throw new Error('Build the web app first: npm run build');
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    platform = await startTestPlatform(testDatabases()[0]!, { env: { CIVITAS_PUBLIC_URL: base } });
    await platform.app.listen({ host: '127.0.0.1', port });
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'en-GB', viewport: { width: 390, height: 844 } });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
        pageErrors.push(message.text());
    });
    page.on('response', (response) => {
      if (response.status() >= 400) {
        pageErrors.push(`${response.status()} ${response.url()}`);
      }
    });
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('signs in with the eID and shows the profile from the registers', async () => {
    const citizen = platform.seeded.demoPersons[0]!;
    await page.goto(`${base}/`);
    await page.getByRole('button', { name: 'Sign in with eID' }).click();

    await page.waitForURL(/\/interaction\//);
    await page.getByLabel(/Personal number/).fill(citizen);
    await page.getByLabel(/PIN/).fill(platform.config.demoPin);
    await page.getByRole('button', { name: /Sign in/ }).click();

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

    fs.mkdirSync(SCREENSHOTS, { recursive: true });
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
    const vehicle = await platform.database.db
      .selectFrom('vehicles.registrations as r')
      .innerJoin('vehicles.vehicles as v', 'v.vin', 'r.vin')
      .select(['v.vin', 'v.plate'])
      .where('r.owner_id', '=', platform.seeded.demoPersons[0]!)
      .where('v.status', '=', 'registered')
      .orderBy('v.first_registration_date')
      .executeTakeFirstOrThrow();
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

  it('signs out, and the profile is no longer reachable', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    const confirm = page.getByRole('button', { name: /Sign out \/ Изход/ });
    if (await confirm.isVisible({ timeout: 5_000 }).catch(() => false)) await confirm.click();
    await page.goto(`${base}/profile`);
    await page.getByRole('button', { name: 'Sign in with eID' }).waitFor();
  });

  it('ran without page errors or CSP violations', () => {
    expect(pageErrors).toEqual([]);
  });
});
