import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../server/test/databases.ts';
import { freePort } from '../server/test/net.ts';
import { startTestPlatform, type TestPlatform } from '../server/test/platform.ts';
import { expectAccessible, launchChromium, watchPage } from './browser.ts';

const PIN = '482913';

/**
 * The wallet opened with the platform authenticator (issue 16: "the wallet opens with an app PIN
 * or the platform authenticator"), in Chromium with the DevTools protocol's virtual authenticator
 * (user verification and the PRF extension): turned on with the PIN, the wallet then opens with
 * the authenticator alone; turned off, only the PIN does (that another authenticator's output
 * opens nothing is a unit test of vault-crypto.ts).
 * On `http://localhost:…`: WebAuthn refuses IP addresses.
 */
describe('the wallet opened with the device screen lock (Chromium, 360 px)', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let cdp: CDPSession;
  let base: string;
  const findings: string[] = [];

  const addAuthenticator = async () =>
    (
      await cdp.send('WebAuthn.addVirtualAuthenticator', {
        options: {
          protocol: 'ctap2',
          ctap2Version: 'ctap2_1',
          transport: 'internal',
          hasResidentKey: true,
          hasUserVerification: true,
          isUserVerified: true,
          hasPrf: true,
          automaticPresenceSimulation: true,
        },
      })
    ).authenticatorId;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://localhost:${port}`;
    platform = await startTestPlatform(testDatabases()[0]!, { env: { CIVITAS_PUBLIC_URL: base } });
    await platform.app.listen({ host: 'localhost', port });
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'en-GB', viewport: { width: 360, height: 780 } });
    page = watchPage(await context.newPage(), findings);
    cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
    expect(findings).toEqual([]);
  });

  const card = () => page.getByRole('region', { name: "Open with this device's screen lock" });
  const documents = () => page.getByRole('heading', { name: 'Your documents' });

  it('is offered only where the device has a platform authenticator, and turned on with the PIN', async () => {
    await page.goto(`${base}/wallet`);
    await page.getByLabel('App PIN', { exact: true }).fill(PIN);
    await page.getByLabel('The same PIN again', { exact: true }).fill(PIN);
    await page.getByRole('button', { name: 'Create the wallet' }).click();
    await expect.poll(() => documents().isVisible()).toBe(true);
    // No authenticator on this device yet: nothing is offered.
    expect(await card().count()).toBe(0);

    const authenticatorId = await addAuthenticator();
    await page.reload();
    await page.getByLabel('App PIN', { exact: true }).fill(PIN);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect.poll(() => card().isVisible()).toBe(true);

    await card().getByLabel('App PIN', { exact: true }).fill('000000');
    await card().getByRole('button', { name: 'Turn on' }).click();
    await expect.poll(() => card().getByText('That PIN does not open this wallet.').isVisible()).toBe(true);
    await card().getByLabel('App PIN', { exact: true }).fill(PIN);
    await card().getByRole('button', { name: 'Turn on' }).click();
    await expect
      .poll(() => card().getByText("On: this device's screen lock opens the wallet.").isVisible())
      .toBe(true);
    await expectAccessible(page, 'wallet-device-unlock-on.png');
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    expect(credentials[0]).toMatchObject({ rpId: 'localhost', isResidentCredential: false });
  });

  it('then opens the wallet with the authenticator alone, no PIN typed', async () => {
    await page.getByRole('button', { name: 'Lock the wallet' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Open your wallet' }).isVisible()).toBe(true);
    await expectAccessible(page, 'wallet-device-unlock-locked.png');
    await page.getByRole('button', { name: "Open with this device's screen lock" }).click();
    await expect.poll(() => documents().isVisible()).toBe(true);
    expect(await page.getByLabel('App PIN', { exact: true }).count()).toBe(0);
  });

  it('opens only with the PIN once turned off', async () => {
    const card1 = card();
    await card1.getByRole('button', { name: 'Turn off' }).click();
    await expect.poll(() => card1.getByRole('button', { name: 'Turn on' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Lock the wallet' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Open your wallet' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: "Open with this device's screen lock" }).count()).toBe(0);
    await page.getByLabel('App PIN', { exact: true }).fill(PIN);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect.poll(() => documents().isVisible()).toBe(true);
  });
});
