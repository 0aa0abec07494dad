import path from 'node:path';
import { decodeJwt } from 'jose';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../server/test/databases.ts';
import { freePort } from '../server/test/net.ts';
import { startTestPlatform, type TestPlatform } from '../server/test/platform.ts';
import { expectAccessible, launchChromium, SCREENSHOTS, signInWithEid, watchPage } from './browser.ts';

const SUBSTANTIAL = 'http://eidas.europa.eu/LoA/substantial';

/**
 * Passkeys with the eID in Chromium (issue 16), with the DevTools protocol's virtual
 * authenticator (a platform authenticator with resident keys and user verification): a citizen
 * signs in with the PIN, registers a passkey on the profile, signs out, and signs in again with
 * the passkey alone; each ID token says how (acr, amr). The platform's public URL is
 * `http://localhost:…`: WebAuthn refuses IP addresses as relying party ids.
 */
describe('passkeys with the eID in the web app (Chromium, 360 px)', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let cdp: CDPSession;
  let authenticatorId: string;
  let base: string;
  const findings: string[] = [];
  /** The ID tokens the app received, in order (read from the token endpoint's answers). */
  const idTokens: Array<Promise<Record<string, unknown>>> = [];
  const lastIdToken = () => idTokens.at(-1);
  const pinLogins: string[] = [];

  beforeAll(async () => {
    const port = await freePort();
    base = `http://localhost:${port}`;
    platform = await startTestPlatform(testDatabases()[0]!, { env: { CIVITAS_PUBLIC_URL: base } });
    await platform.app.listen({ host: 'localhost', port });
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'en-GB', viewport: { width: 360, height: 780 } });
    page = watchPage(await context.newPage(), findings);
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (url.pathname === '/oidc/token' && response.ok())
        idTokens.push(response.json().then((tokens: { id_token: string }) => decodeJwt(tokens.id_token)));
    });
    page.on('request', (request) => {
      if (/^\/interaction\/[^/]+\/login$/.test(new URL(request.url()).pathname))
        pinLogins.push(request.url());
    });
    cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    ({ authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    }));
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  const citizen = () => platform.seeded.demoPersons[0]!;
  const passkeysCard = () => page.getByRole('region', { name: 'Passkeys' });

  async function signOut() {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You have signed out.').waitFor();
  }

  it('registers a passkey for this device on the profile after a PIN sign-in', async () => {
    await signInWithEid(page, base, citizen(), platform.config.demoPin);
    expect(await lastIdToken()).toMatchObject({ sub: citizen(), acr: SUBSTANTIAL, amr: ['pin'] });
    await page.goto(`${base}/profile`);
    await passkeysCard().getByText('You have no passkeys yet.').waitFor();
    await passkeysCard().getByLabel('Name of this device').fill('Test phone');
    await passkeysCard().getByRole('button', { name: 'Register a passkey for this device' }).click();
    await passkeysCard().getByText('The passkey “Test phone” is registered.', { exact: false }).waitFor();
    await passkeysCard().getByRole('list', { name: 'Your passkeys' }).getByText('Test phone').waitFor();
    await passkeysCard().getByText('Assurance: substantial').waitFor();
    await passkeysCard().scrollIntoViewIfNeeded();
    await expectAccessible(page, 'passkeys-registered-360.png');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    expect(credentials[0]).toMatchObject({ isResidentCredential: true, rpId: 'localhost' });
  });

  it('signs in with the passkey alone after signing out: no personal number, no PIN', async () => {
    await signOut();
    const pinsBefore = pinLogins.length;
    await page.getByRole('button', { name: 'Sign in with eID' }).click();
    await page.waitForURL(/\/interaction\//);
    const passkeyButton = page.getByRole('button', { name: 'Sign in with a passkey' });
    await passkeyButton.waitFor();
    await expectAccessible(page, 'passkeys-eid-page-360.png');
    await passkeyButton.click();
    await page.getByRole('heading', { level: 1, name: 'My profile' }).waitFor();
    expect(pinLogins.length).toBe(pinsBefore);
    expect(await lastIdToken()).toMatchObject({ sub: citizen(), acr: SUBSTANTIAL, amr: ['hwk', 'user'] });
    await passkeysCard()
      .getByText(/Last used/)
      .waitFor();
  });

  it('removes the passkey after confirmation; the device’s copy then signs no one in', async () => {
    await passkeysCard().getByRole('button', { name: 'Remove the passkey “Test phone”' }).click();
    await passkeysCard()
      .getByText('Remove the passkey “Test phone”? You will need your PIN', { exact: false })
      .waitFor();
    await expectAccessible(page, 'passkeys-confirm-remove-360.png');
    await passkeysCard().getByRole('button', { name: 'Remove', exact: true }).click();
    await passkeysCard().getByText('The passkey “Test phone” was removed.').waitFor();
    await passkeysCard().getByText('You have no passkeys yet.').waitFor();

    await signOut();
    await page.getByRole('button', { name: 'Sign in with eID' }).click();
    await page.waitForURL(/\/interaction\//);
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'This passkey is not registered with the eID' })
      .waitFor();
    expect(await page.evaluate("document.activeElement.getAttribute('name')")).toBe('personalNumber');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'passkeys-eid-refused-360.png'), fullPage: true });
  });

  it.each([
    ['bg-BG', 'Вход с ключ за достъп', 'Ключове за достъп'],
    ['pl-PL', 'Zaloguj się kluczem dostępu', 'Klucze dostępu'],
  ])('speaks %s on the eID page and the profile card', async (locale, button, title) => {
    const other = await browser.newContext({ locale, viewport: { width: 360, height: 780 } });
    try {
      const otherPage = watchPage(await other.newPage(), findings, { who: locale });
      await otherPage.goto(`${base}/`);
      await otherPage.getByRole('button', { name: /Вход с еИД|Zaloguj się/ }).click();
      await otherPage.waitForURL(/\/interaction\//);
      await otherPage.getByRole('button', { name: button }).waitFor();
      await expectAccessible(otherPage, `passkeys-eid-page-${locale}-360.png`);
      await signInWithEid(otherPage, base, citizen(), platform.config.demoPin);
      await otherPage.goto(`${base}/profile`);
      const card = otherPage.getByRole('region', { name: title });
      await card.getByRole('button').first().waitFor();
      await card.scrollIntoViewIfNeeded();
      await expectAccessible(otherPage, `passkeys-card-${locale}-360.png`);
      expect(await otherPage.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    } finally {
      await other.close();
    }
  });

  it('ran without page errors, console errors or server failures', () => {
    expect(findings).toEqual([]);
  });
});
