import { decodeMdoc } from '@civitas/wallet/mdoc/decode.ts';
import jsQRModule from 'jsqr';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vehicleQueries } from '../server/src/registers/index.ts';
import type { TestPlatform } from '../server/test/platform.ts';
import { HolderKey } from '../server/test/wallet-holder.ts';
import { expectAccessible, launchChromium, signInWithEid, startWebPlatform, watchPage } from './browser.ts';

/** jsQR is CommonJS: its default export arrives as the module or as its `default`. */
const jsQR = ((jsQRModule as unknown as { default?: unknown }).default ?? jsQRModule) as (
  data: Uint8ClampedArray,
  width: number,
  height: number,
) => { data: string } | null;

const PHONE = { width: 360, height: 800 };
const PRE_AUTHORIZED = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';

interface DemoAccount {
  role: string;
  personalNumber: string;
}

/**
 * The official's wallet desk: an offer made for the citizen at the desk, shown as a QR code and a
 * transaction code; a wallet scans the QR off the screen, types the code and receives the
 * document. At 360 px, in English, Bulgarian and Polish, checked with axe.
 */
describe('the wallet desk (Chromium, 360 px)', () => {
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

  const personalNumberOf = (role: string) => accounts.get(role)!.personalNumber;

  async function signInAs(role: string, locale: string): Promise<Page> {
    const context = await browser.newContext({ locale, viewport: PHONE });
    const page = watchPage(await context.newPage(), pageErrors, { who: role });
    await signInWithEid(page, base, personalNumberOf(role), platform.config.demoPin);
    return page;
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

  /** What a phone's camera reads off the screen: the QR image drawn on a canvas, decoded with jsQR. */
  async function scanQr(page: Page): Promise<string> {
    const image = page.getByRole('img', { name: /QR/ });
    await image.waitFor();
    const pixels = await image.evaluate(async (element) => {
      const img = element as unknown as {
        naturalWidth: number;
        naturalHeight: number;
        decode(): Promise<void>;
      };
      await img.decode();
      const size = 512;
      const doc = (globalThis as unknown as { document: { createElement(tag: string): any } }).document;
      const canvas = doc.createElement('canvas');
      canvas.width = size;
      canvas.height = size;
      const context = canvas.getContext('2d');
      context.fillStyle = '#fff';
      context.fillRect(0, 0, size, size);
      context.drawImage(img, 0, 0, size, size);
      return { size, data: Array.from(context.getImageData(0, 0, size, size).data as Uint8ClampedArray) };
    });
    const code = jsQR(new Uint8ClampedArray(pixels.data), pixels.size, pixels.size);
    expect(code).not.toBeNull();
    return code!.data;
  }

  it('makes an offer an official shows, which a wallet scans and redeems with the transaction code', async () => {
    const page = await signInAs('official', 'en-GB');
    await page.getByRole('heading', { level: 1, name: 'Look up a person or a vehicle' }).waitFor();
    await page.getByRole('link', { name: "Hand a document to a citizen's wallet" }).click();
    await page.getByRole('heading', { level: 1, name: 'Hand a document to the wallet' }).waitFor();

    // Checked before anything is sent.
    await page.getByRole('button', { name: 'Make the offer' }).click();
    await page.getByRole('link', { name: "Enter the citizen's personal number." }).waitFor();
    await page.getByRole('link', { name: 'Choose a document.' }).waitFor();
    await expectFitsAPhone(page, 'wallet-desk-errors-en.png');

    const citizen = personalNumberOf('citizen');
    await page.getByLabel("Citizen's personal number").fill(citizen);
    await page
      .getByLabel('Document', { exact: true })
      .selectOption({ label: 'Personal identification (mdoc)' });
    await page.getByRole('button', { name: 'Make the offer' }).click();
    await page.getByText('The offer is ready').waitFor();
    const txCode = (await page.getByTestId('tx-code').innerText()).trim();
    expect(txCode).toMatch(/^\d{6}$/);
    // The personal number is not shown back.
    expect(await page.locator('body').innerText()).not.toContain(citizen);
    await expectFitsAPhone(page, 'wallet-desk-offer-en.png');

    // The citizen's wallet: the QR off the screen, the code typed in, a device key's proof.
    const offerUri = await scanQr(page);
    expect(offerUri).toMatch(/^openid-credential-offer:\/\/\?credential_offer=/);
    const offer = JSON.parse(new URL(offerUri).searchParams.get('credential_offer')!);
    expect(offer.credential_issuer).toBe(base);
    const token = await fetch(`${base}/api/wallet/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: PRE_AUTHORIZED,
        'pre-authorized_code': offer.grants[PRE_AUTHORIZED]['pre-authorized_code'],
        tx_code: txCode,
      }),
    });
    expect(token.status).toBe(200);
    const { access_token: accessToken } = (await token.json()) as { access_token: string };
    const { c_nonce: nonce } = (await (
      await fetch(`${base}/api/wallet/nonce`, { method: 'POST' })
    ).json()) as {
      c_nonce: string;
    };
    const holder = await HolderKey.generate();
    const credential = await fetch(`${base}/api/wallet/credential`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({
        credential_configuration_id: 'pid-mdoc',
        proofs: { jwt: [await holder.proof(base, nonce)] },
      }),
    });
    expect(credential.status, await credential.clone().text()).toBe(200);
    const { credentials } = (await credential.json()) as { credentials: Array<{ credential: string }> };
    expect(
      decodeMdoc(credentials[0]!.credential).claims['eu.europa.ec.eudi.pid.1.personal_administrative_number'],
    ).toBe(citizen);

    await page.getByRole('button', { name: 'Next citizen' }).click();
    await page.getByLabel("Citizen's personal number").waitFor();
    await page.context().close();
  });

  it('asks for the VIN of a vehicle registration, in Bulgarian and Polish', async () => {
    const page = await signInAs('official', 'bg-BG');
    await page.goto(`${base}/workspace/wallet-desk`);
    await page.getByRole('heading', { level: 1, name: 'Издаване на документ в портфейла' }).waitFor();
    const citizen = personalNumberOf('citizen');
    const [vehicle] = await vehicleQueries(platform.database.db).byCurrentOwner(citizen);
    await page.getByLabel('ЕГН на гражданина').fill(citizen);
    await page.getByLabel('Документ', { exact: true }).selectOption({ label: 'Свидетелство за регистрация' });
    await page.getByRole('button', { name: 'Създай предложение' }).click();
    await page
      .getByRole('link', { name: 'Въведете идентификационния номер на превозното средство.' })
      .waitFor();
    await expectFitsAPhone(page, 'wallet-desk-vin-bg.png');
    await page.getByLabel('Идентификационен номер на превозното средство (VIN)').fill(vehicle!.vin);
    await page.getByRole('button', { name: 'Създай предложение' }).click();
    await page.getByText('Предложението е готово').waitFor();
    await expectFitsAPhone(page, 'wallet-desk-offer-bg.png');

    await page.getByRole('combobox', { name: /Език/ }).selectOption('pl');
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('pl');
    await page.getByText('Oferta jest gotowa').waitFor();
    await page.getByText('Kod transakcji', { exact: true }).waitFor();
    await expectFitsAPhone(page, 'wallet-desk-offer-pl.png');
    await page.context().close();
  });

  it('keeps a citizen out of the desk', async () => {
    const page = await signInAs('citizen', 'en-GB');
    await page.goto(`${base}/workspace/wallet-desk`);
    await page.getByRole('heading', { level: 1, name: 'Not available for your role' }).waitFor();
    await page.context().close();
  });

  it('ran without page errors or CSP violations', () => {
    expect(pageErrors).toEqual([]);
  });
});
