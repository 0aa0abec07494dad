import path from 'node:path';
import { decodeJwt } from 'jose';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oidcAdapterFactory } from '../server/src/identity/index.ts';
import type { TestPlatform } from '../server/test/platform.ts';
import {
  launchChromium,
  SCREENSHOTS,
  seriousAccessibilityViolations,
  startWebPlatform,
  watchPage,
} from './browser.ts';

/**
 * The national eID in the browser (issue 14, items 11–13): sign-in through a pushed request
 * with a key the page cannot export, DPoP proofs on every API call, PIN attempts, and a
 * sign-out in one step after which the next sign-in asks for the PIN again.
 */
describe('the national eID in the web app (Chromium, 360 px)', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  const pageErrors: string[] = [];
  const apiRequests: Array<{ url: string; authorization: string | undefined; dpop: string | undefined }> = [];
  const pushed: Array<{ dpop: string | undefined }> = [];

  beforeAll(async () => {
    ({ platform, base } = await startWebPlatform());
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'en-GB', viewport: { width: 360, height: 780 } });
    page = await context.newPage();
    watchPage(page, pageErrors, { failingStatus: null });
    page.on('request', (request) => {
      const url = new URL(request.url());
      const headers = request.headers();
      if (url.pathname.startsWith('/api/'))
        apiRequests.push({ url: request.url(), authorization: headers.authorization, dpop: headers.dpop });
      if (url.pathname === '/oidc/request') pushed.push({ dpop: headers.dpop });
    });
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  const citizen = () => platform.seeded.demoPersons[0]!;

  async function openSignInPage() {
    await page.goto(`${base}/`);
    await page.getByRole('button', { name: 'Sign in with eID' }).click();
    await page.waitForURL(/\/interaction\//);
  }

  it('pushes the request with a DPoP proof; a wrong PIN keeps the personal number and focuses the PIN', async () => {
    await openSignInPage();
    expect(pushed.length).toBe(1);
    expect(pushed[0]!.dpop).toBeTruthy();
    await page.getByLabel(/Personal number/).fill(citizen());
    await page.getByLabel(/PIN/).fill('0000');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong personal number or PIN' }).waitFor();
    expect(await page.getByLabel(/Personal number/).inputValue()).toBe(citizen());
    expect(await page.evaluate("document.activeElement.getAttribute('name')")).toBe('pin');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'eid-wrong-pin-360.png'), fullPage: true });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
  });

  it('signs in with a key the page cannot export, and every API call carries a DPoP proof', async () => {
    await page.getByLabel(/PIN/).fill(platform.config.demoPin);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'My profile' }).waitFor();
    const me = apiRequests.find((request) => new URL(request.url).pathname === '/api/me');
    expect(me?.authorization).toMatch(/^DPoP /);
    const proof = decodeJwt(me!.dpop!);
    expect(proof).toMatchObject({ htm: 'GET', htu: `${base}/api/me` });
    expect(typeof proof.ath).toBe('string');
    // What the page holds of its key: the private half cannot be exported, even by the app.
    const key = await page.evaluate(`new Promise((resolve, reject) => {
      const open = indexedDB.open('civitas-auth');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const all = open.result.transaction('dpop-keys').objectStore('dpop-keys').getAll();
        all.onsuccess = () => resolve({
          count: all.result.length,
          privateExtractable: all.result[0].privateKey.extractable,
          algorithm: all.result[0].privateKey.algorithm.namedCurve,
        });
      };
    })`);
    expect(key).toEqual({ count: 1, privateExtractable: false, algorithm: 'P-256' });
  });

  it('signs out in one step: the eID session and the token end, and the next sign-in asks for the PIN', async () => {
    const token = apiRequests.at(-1)!.authorization!.replace(/^DPoP /, '');
    const { jti } = decodeJwt(token);
    const issued = () => oidcAdapterFactory(platform.database.db)('AccessToken').find(String(jti));
    expect(await issued()).toBeDefined();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You have signed out.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await issued()).toBeUndefined();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'eid-signed-out-360.png'), fullPage: true });

    await page.getByRole('button', { name: 'Sign in with eID' }).click();
    await page.waitForURL(/\/interaction\//);
    await page.getByLabel(/PIN/).waitFor();
    expect(await page.getByLabel(/Personal number/).inputValue()).toBe('');
  });

  it('asks before ending an eID session when the request does not come from the app (button inside the form)', async () => {
    await page.getByLabel(/Personal number/).fill(citizen());
    await page.getByLabel(/PIN/).fill(platform.config.demoPin);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'My profile' }).waitFor();
    await page.goto(`${base}/oidc/session/end`);
    const button = page.getByRole('button', { name: /Sign out/ });
    await button.waitFor();
    expect(await page.locator('form button[type="submit"]').count()).toBe(1);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'eid-sign-out-confirm-360.png'), fullPage: true });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await button.click();
    await page.getByText('You have signed out of the national eID.').waitFor();
  });

  it('ran without page errors or CSP violations', () => {
    expect(pageErrors).toEqual([]);
  });
});
