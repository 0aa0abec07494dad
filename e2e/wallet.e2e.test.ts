import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { openId4VpSessionTranscript } from '@civitas/wallet/mdoc/present.ts';
import { verifyMdocPresentation } from '@civitas/wallet/mdoc/verify.ts';
import {
  decodeOfflineRequest,
  decodeOfflineResponseFor,
  OFFLINE_RESPONSE_URI,
} from '@civitas/wallet/offline/index.ts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWalletTrust } from '../server/src/capabilities/wallet/index.ts';
import { eidIssuer, issueScriptingToken } from '../server/src/identity/tokens.ts';
import { licenceByPerson, vehicleQueries } from '../server/src/registers/index.ts';
import type { TestPlatform } from '../server/test/platform.ts';
import {
  expectAccessible,
  launchChromium,
  SCREENSHOTS,
  signInWithEid,
  startWebPlatform,
  watchPage,
} from './browser.ts';

const require = createRequire(import.meta.url);
type Png = { width: number; height: number; data: Buffer };
const { PNG } = require('pngjs') as { PNG: { sync: { read(buffer: Buffer): Png } } };
const jsQR = require('jsqr') as (
  data: Uint8ClampedArray,
  width: number,
  height: number,
) => { data: string } | null;

/** The text of the QR code an <img> shows (a PNG data: URL). */
async function qrTextOf(page: Page, alt: RegExp | string): Promise<{ text: string; png: Buffer }> {
  const src = (await page.getByRole('img', { name: alt }).getAttribute('src')) as string;
  const png = Buffer.from(src.split(',')[1] as string, 'base64');
  const image = PNG.sync.read(png);
  const text = jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
  if (!text) throw new Error('no QR code in the image');
  return { text, png };
}

/** The narrowest phone the app is built for. */
const PHONE = { width: 360, height: 780 };
const PIN = '482913';

/**
 * The Wallet tab (issue 16) on a 360 px phone: set up without signing in, PIN rules, an empty
 * state that explains how to add documents, a desk's pre-authorized offer opened by link with its
 * consent screen (a wrong transaction code refused, a declined offer storing nothing), lock and
 * unlock, encryption at rest, three languages, and removal.
 */
describe('the wallet in the PWA (Chromium, 360 px)', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  let officialToken: string;
  let citizen: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ({ platform, base } = await startWebPlatform());
    const [first, second] = platform.seeded.demoPersons as [string, string];
    citizen = first;
    officialToken = await issueScriptingToken(platform.keys, eidIssuer(base), second, [
      'citizen',
      'official',
    ]);
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'en-GB', viewport: PHONE });
    page = watchPage(await context.newPage(), pageErrors, {
      who: 'citizen',
      // A refused transaction code is an expected 4xx the page handles.
      expectedConsole: /^Failed to load resource/,
    });
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  async function deskOffer(configurationId: string): Promise<{ offerUri: string; txCode: string }> {
    const response = await platform.app.inject({
      method: 'POST',
      url: '/api/wallet/offers',
      headers: { authorization: `Bearer ${officialToken}` },
      payload: { personalNumber: citizen, configurationId },
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  async function fillPin(label: string, value: string) {
    await page.getByLabel(label, { exact: true }).fill(value);
  }

  it('is set up with an app PIN, without signing in, and explains how to add documents', async () => {
    await page.goto(`${base}/`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Wallet' }).click();
    await page.waitForURL(`${base}/wallet`);
    await expect.poll(() => page.getByRole('heading', { name: 'Set up your wallet' }).isVisible()).toBe(true);
    await expectAccessible(page, 'wallet-set-up.png');

    await fillPin('App PIN', '1234');
    await fillPin('The same PIN again', '1234');
    await page.getByRole('button', { name: 'Create the wallet' }).click();
    await expect.poll(() => page.getByText('Enter a PIN of 6 to 12 digits.').isVisible()).toBe(true);

    await fillPin('App PIN', PIN);
    await fillPin('The same PIN again', '482914');
    await page.getByRole('button', { name: 'Create the wallet' }).click();
    await expect.poll(() => page.getByText('The two PINs are not the same.').isVisible()).toBe(true);

    await fillPin('The same PIN again', PIN);
    await page.getByRole('button', { name: 'Create the wallet' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Your documents' }).isVisible()).toBe(true);
    await expect
      .poll(() => page.getByText('There are no documents in your wallet yet.').isVisible())
      .toBe(true);
    await expect.poll(() => page.getByText('Nothing has been added or shown yet.').isVisible()).toBe(true);
    await expectAccessible(page, 'wallet-empty.png');
  });

  it('shows a desk offer opened by link before storing anything, and refuses a wrong transaction code', async () => {
    const offer = await deskOffer('ehic');
    expect(offer.offerUri).toMatch(/^openid-credential-offer:\/\/\?credential_offer=/);
    await page.getByLabel('Link (openid-credential-offer://…)').fill(offer.offerUri);
    await page.getByRole('button', { name: 'Open the link' }).click();
    await page.waitForURL((url) => url.pathname === '/wallet/offer');
    await expect.poll(() => page.getByRole('heading', { name: /^Offer from / }).isVisible()).toBe(true);
    await expect
      .poll(() => page.getByRole('heading', { name: 'European Health Insurance Card' }).isVisible())
      .toBe(true);
    await expect.poll(() => page.getByText('Institution code').isVisible()).toBe(true);
    await expect.poll(() => page.getByText(`Issuer's address: ${new URL(base).host}`).isVisible()).toBe(true);
    await expectAccessible(page, 'wallet-offer.png');

    const wrong = offer.txCode === '000000' ? '111111' : '000000';
    await page.getByLabel('Transaction code').fill('12');
    await page.getByRole('button', { name: 'Add to my wallet' }).click();
    await expect
      .poll(() => page.getByText('Enter the transaction code as given to you.').isVisible())
      .toBe(true);
    await page.getByLabel('Transaction code').fill(wrong);
    await page.getByRole('button', { name: 'Add to my wallet' }).click();
    await expect
      .poll(() => page.getByText('The transaction code is not right, or it was tried too often.').isVisible())
      .toBe(true);

    await page.getByRole('button', { name: 'Decline' }).click();
    await expect.poll(() => page.getByText('Nothing was stored.').isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Go to the wallet' }).click();
    await expect
      .poll(() => page.getByText('There are no documents in your wallet yet.').isVisible())
      .toBe(true);
  });

  async function acceptOffer(configurationId: string, title: string) {
    const offer = await deskOffer(configurationId);
    await page.goto(`${base}/wallet/offer?${offer.offerUri.split('?')[1]}`);
    // A page load locks the wallet.
    await expect.poll(() => page.getByRole('heading', { name: 'Open your wallet' }).isVisible()).toBe(true);
    await fillPin('App PIN', PIN);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { name: title }).isVisible()).toBe(true);
    await page.getByLabel('Transaction code').fill(offer.txCode);
    await page.getByRole('button', { name: 'Add to my wallet' }).click();
    await expect
      .poll(() => page.getByText('Added to your wallet').isVisible(), { timeout: 20_000 })
      .toBe(true);
    await page.getByRole('link', { name: 'Go to the wallet' }).click();
  }

  it('stores a vehicle registration an official hands over at the desk by QR, and an EHIC offered by link', async () => {
    const own = (await vehicleQueries(platform.database.db).byCurrentOwner(citizen)).find(
      (vehicle) => vehicle.plate !== null,
    );
    expect(own).toBeDefined();
    // The official's desk (another phone): the citizen, the document, the VIN; a QR and a code.
    const deskContext = await browser.newContext({ locale: 'en-GB', viewport: PHONE, deviceScaleFactor: 2 });
    try {
      const desk = watchPage(await deskContext.newPage(), pageErrors, { who: 'official' });
      await signInWithEid(desk, base, platform.seeded.demoPersons[1] as string, platform.config.demoPin);
      await desk.goto(`${base}/workspace/wallet-desk`);
      await desk.getByLabel("Citizen's personal number").fill(citizen);
      await desk
        .getByLabel('Document', { exact: true })
        .selectOption({ label: 'Vehicle registration certificate' });
      await desk.getByLabel('Vehicle identification number (VIN)').fill(own!.vin);
      await desk.getByRole('button', { name: 'Make the offer' }).click();
      await desk.getByText('The offer is ready').waitFor();
      const txCode = ((await desk.getByTestId('tx-code').textContent()) ?? '').trim();
      const picture = path.join(SCREENSHOTS, 'wallet-desk-offer-qr.png');
      await desk
        .getByRole('img', { name: "QR code of the credential offer for the citizen's wallet" })
        .screenshot({ path: picture });

      // The citizen's wallet reads the QR from a picture of it (the camera's stand-in).
      await page.getByLabel('Read a QR code from a picture').setInputFiles(picture);
      await page.waitForURL((url) => url.pathname === '/wallet/offer');
      await expect
        .poll(() => page.getByRole('heading', { name: 'Vehicle registration certificate' }).isVisible())
        .toBe(true);
      await page.getByLabel('Transaction code').fill(txCode);
      await page.getByRole('button', { name: 'Add to my wallet' }).click();
      await expect
        .poll(() => page.getByText('Added to your wallet').isVisible(), { timeout: 20_000 })
        .toBe(true);
      await page.getByRole('link', { name: 'Go to the wallet' }).click();
    } finally {
      await deskContext.close();
    }
    await acceptOffer('ehic', 'European Health Insurance Card');
    const documents = page.getByRole('region', { name: 'Your documents' });
    await expect
      .poll(() => documents.getByRole('heading', { level: 3 }).allTextContents())
      .toEqual(['Vehicle registration certificate', 'European Health Insurance Card']);
    await page.getByRole('button', { name: 'Open: Vehicle registration certificate' }).click();
    await expect.poll(() => page.getByText(own!.plate!, { exact: true }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Back to the documents' }).click();
    await page.getByRole('button', { name: 'Open: European Health Insurance Card' }).click();
    await expect.poll(() => page.getByText('Institution', { exact: true }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Card number', { exact: true }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Back to the documents' }).click();
    await expectAccessible(page, 'wallet-documents.png');
  });

  /** A document through the eID (authorization code flow, authorization_details openid_credential). */
  async function addThroughEid(title: string) {
    await page.getByRole('button', { name: title, exact: true }).click();
    await page.waitForURL(/\/interaction\//);
    await page.getByLabel('Personal number').first().fill(citizen);
    await page.getByLabel(/^PIN$/).fill(platform.config.demoPin);
    await page.getByRole('button', { name: /^Sign in$/ }).click();
    await page.waitForURL((url) => url.pathname === '/wallet/callback');
    await expect.poll(() => page.getByRole('heading', { name: 'Open your wallet' }).isVisible()).toBe(true);
    await fillPin('App PIN', PIN);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect
      .poll(() => page.getByText('Added to your wallet').isVisible(), { timeout: 20_000 })
      .toBe(true);
    await page.getByRole('link', { name: 'Go to the wallet' }).click();
  }

  it('adds the driving licence through the eID, as a card opened to its fields', async () => {
    await addThroughEid('Driving licence');
    await page.getByRole('button', { name: 'Open: Driving licence' }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: 'Driving licence', level: 2 }).isVisible())
      .toBe(true);
    await expect
      .poll(() => page.getByText('Categories and restrictions', { exact: true }).isVisible())
      .toBe(true);
    await expect.poll(() => page.getByText(/3 copies, each with its own key/).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('B – cars (valid until').isVisible()).toBe(true);
    await expect(page.getByRole('img', { name: 'Photo' }).count()).resolves.toBe(1);
    await expectAccessible(page, 'wallet-mdl.png');
    await page.getByRole('button', { name: 'Back to the documents' }).click();

    const history = page.getByRole('region', { name: 'History' });
    await expect.poll(() => history.getByText(/^Driving licence added, issued by /).isVisible()).toBe(true);
  });

  it('adds the PID through the eID, then presents only the age to a shop that asks "over 18"', async () => {
    await addThroughEid('Personal identification (mdoc)');
    await expect
      .poll(() =>
        page
          .getByRole('region', { name: 'Your documents' })
          .getByRole('heading', { level: 3 })
          .allTextContents(),
      )
      .toEqual([
        'Vehicle registration certificate',
        'European Health Insurance Card',
        'Driving licence',
        'Personal identification (mdoc)',
      ]);
    const shopContext = await browser.newContext({ locale: 'en-GB', viewport: PHONE });
    try {
      const shop = watchPage(await shopContext.newPage(), pageErrors, { who: 'shop' });
      await signInWithEid(shop, base, platform.seeded.demoPersons[3] as string, platform.config.demoPin);
      await shop.goto(`${base}/verifier`);
      await shop.getByRole('radio', { name: 'Over 18' }).check();
      await shop.getByRole('button', { name: 'Show the QR code' }).click();
      const link = (await shop
        .getByRole('link', { name: 'Open in the wallet on this device' })
        .getAttribute('href')) as string;
      expect(link).toMatch(/^openid4vp:\/\//);

      await page.getByLabel('Link (openid-credential-offer://…)').fill(link);
      await page.getByRole('button', { name: 'Open the link' }).click();
      await page.waitForURL((url) => url.pathname === '/wallet/present');
      await expect
        .poll(() => page.getByRole('heading', { name: /asks for your data$/ }).isVisible())
        .toBe(true);
      await expect.poll(() => page.getByText('Trusted verifier').isVisible()).toBe(true);
      const what = page.getByRole('region', { name: 'What will be shared' });
      await expect.poll(() => what.getByRole('listitem').allTextContents()).toEqual(['Aged 18 or over']);
      await expectAccessible(page, 'wallet-present.png');
      await page.getByRole('button', { name: 'Share', exact: true }).click();
      await expect.poll(() => page.getByText(/^Shared with /).isVisible(), { timeout: 20_000 }).toBe(true);

      const verdict = shop.getByTestId('verdict');
      await verdict.getByRole('heading', { name: 'Verified' }).waitFor();
      await verdict.getByText('Aged 18 or over').waitFor();
      expect(await verdict.textContent()).not.toContain('Georgiev');
    } finally {
      await shopContext.close();
    }
    await page.getByRole('link', { name: 'Go to the wallet' }).click();
    const history = page.getByRole('region', { name: 'History' });
    await expect
      .poll(() => history.getByText(/^Personal identification \(mdoc\) shown to /).isVisible())
      .toBe(true);
  });

  it('shows the driving licence to the traffic police; suspended in the register, the next check says so', async () => {
    const licence = (await licenceByPerson(platform.database.db)(citizen))!;
    const citizenToken = await issueScriptingToken(platform.keys, eidIssuer(base), citizen, ['citizen']);
    /** The status of the citizen's driving-licence copies, as the issuer's status lists have it. */
    const licenceStatuses = async () => {
      const response = await platform.app.inject({
        method: 'GET',
        url: '/api/wallet/credentials',
        headers: { authorization: `Bearer ${citizenToken}` },
      });
      const copies = (response.json() as { credentials: Array<{ configuration: string; status: string }> })
        .credentials;
      return [...new Set(copies.filter((copy) => copy.configuration === 'mdl').map((copy) => copy.status))];
    };
    const policeContext = await browser.newContext({ locale: 'en-GB', viewport: PHONE });
    try {
      const police = watchPage(await policeContext.newPage(), pageErrors, { who: 'police' });
      await signInWithEid(police, base, platform.seeded.demoPersons[4] as string, platform.config.demoPin);
      // The police's check, answered by the citizen's wallet on this phone (same-device link).
      const checkLicence = async (accepted: boolean) => {
        await police.goto(`${base}/verifier`);
        await police.getByRole('radio', { name: 'Driving licence valid for category B' }).check();
        await police.getByRole('button', { name: 'Show the QR code' }).click();
        const link = (await police
          .getByRole('link', { name: 'Open in the wallet on this device' })
          .getAttribute('href')) as string;
        await page.getByLabel('Link (openid-credential-offer://…)').fill(link);
        await page.getByRole('button', { name: 'Open the link' }).click();
        await page.waitForURL((url) => url.pathname === '/wallet/present');
        await expect
          .poll(() => page.getByRole('heading', { name: /asks for your data$/ }).isVisible())
          .toBe(true);
        await page.getByRole('button', { name: 'Share', exact: true }).click();
        // A suspended licence is refused by the verifier, and the wallet says so.
        const outcome = accepted
          ? page.getByText(/^Shared with /)
          : page.getByText('The verifier did not accept the answer.');
        await expect.poll(() => outcome.isVisible(), { timeout: 20_000 }).toBe(true);
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Wallet' }).click();
        await expect.poll(() => page.getByRole('heading', { name: 'Your documents' }).isVisible()).toBe(true);
        return police.getByTestId('verdict');
      };

      const valid = await checkLicence(true);
      await valid.getByRole('heading', { name: 'Verified' }).waitFor();
      await valid.getByRole('img', { name: 'Photo of the holder' }).waitFor();
      await expectAccessible(police, 'wallet-police-licence-valid.png');

      // The police suspend the licence in the register (their workspace's card).
      await police.goto(`${base}/workspace`);
      const card = police.locator('.card', { hasText: 'Suspend or restore a driving licence' });
      await card.getByLabel('Licence number').fill(licence.number);
      await card.getByRole('button', { name: 'Suspend the licence' }).click();
      await police.getByText('The driving licence is suspended').waitFor();
      // The register's change reaches the published status lists within seconds.
      await expect.poll(licenceStatuses, { timeout: 10_000 }).toEqual(['suspended']);

      const suspended = await checkLicence(false);
      await suspended.getByRole('heading', { name: 'Not verified' }).waitFor();
      await suspended.getByText('The document is suspended.').waitFor();
      await expectAccessible(police, 'wallet-police-licence-suspended.png');

      // Restored in the register, the copies are valid again (the tests after this one use them).
      await police.goto(`${base}/workspace`);
      await card.getByLabel('Licence number').fill(licence.number);
      await card.getByText('Restore', { exact: true }).click();
      await card.getByRole('button', { name: 'Restore the licence' }).click();
      await police.getByText('The driving licence is valid again').waitFor();
      await expect.poll(licenceStatuses, { timeout: 10_000 }).toEqual(['valid']);
    } finally {
      await policeContext.close();
    }
    const history = page.getByRole('region', { name: 'History' });
    await expect
      .poll(() => history.getByText(/^Driving licence shown to /).count())
      .toBeGreaterThanOrEqual(1);
  });

  it('shows each issuance in "Who used my data": the wallet issuer read the registers', async () => {
    const citizenContext = await browser.newContext({ locale: 'en-GB', viewport: PHONE });
    try {
      const own = watchPage(await citizenContext.newPage(), pageErrors, { who: 'citizen' });
      await signInWithEid(own, base, citizen, platform.config.demoPin);
      await own.goto(`${base}/data-usage`);
      await expect
        .poll(() => own.getByText('Issuing a credential to the wallet').count(), { timeout: 20_000 })
        .toBeGreaterThan(0);
      await expectAccessible(own, 'wallet-data-usage.png');
    } finally {
      await citizenContext.close();
    }
  });

  it('answers an offline request QR with a QR, with the network off on both phones', async () => {
    const shopContext = await browser.newContext({ locale: 'en-GB', viewport: PHONE });
    try {
      const shop = watchPage(await shopContext.newPage(), pageErrors, {
        who: 'shop',
        expectedConsole: /^Failed to load resource|net::ERR_INTERNET_DISCONNECTED/,
      });
      await signInWithEid(shop, base, platform.seeded.demoPersons[3] as string, platform.config.demoPin);
      await shop.goto(`${base}/verifier`);
      await shop.getByRole('radio', { name: 'Over 18' }).check();
      await shop.getByRole('radio', { name: /^Offline/ }).check();
      await shop.getByRole('button', { name: 'Prepare for offline use' }).click();
      await shop.getByTestId('cache-age').waitFor();
      await shopContext.setOffline(true);
      await context.setOffline(true);
      await shop.getByRole('button', { name: 'Show a request QR code' }).click();
      const request = await qrTextOf(shop, /Offline request QR code/);
      const picture = path.join(SCREENSHOTS, 'wallet-offline-request.png');
      fs.writeFileSync(picture, request.png);

      // The citizen's phone reads the request from a picture of it (the camera's stand-in).
      await page.getByLabel('Read a QR code from a picture').setInputFiles(picture);
      await expect
        .poll(() => page.getByRole('heading', { name: /asks for your data$/ }).isVisible())
        .toBe(true);
      const what = page.getByRole('region', { name: 'What will be shared' });
      await expect.poll(() => what.getByRole('listitem').allTextContents()).toEqual(['Aged 18 or over']);
      await page.getByRole('button', { name: 'Share', exact: true }).click();
      await expect
        .poll(() => page.getByRole('heading', { name: 'Show this to the verifier' }).isVisible())
        .toBe(true);
      await expectAccessible(page, 'wallet-offline-answer.png');
      const answer = await qrTextOf(page, 'QR code of your answer for the verifier');

      // The answer is the key-bound mdoc for this request: checked here with the package's verifier.
      const { claims } = await decodeOfflineRequest(request.text);
      const response = await decodeOfflineResponseFor(answer.text, claims.nonce);
      expect(response.format).toBe('mso_mdoc');
      const trust = createWalletTrust({ db: platform.database.db, config: platform.config });
      const verified = await verifyMdocPresentation(response.presentation, {
        trustAnchors: await trust.trustAnchors(),
        now: new Date(),
        nonce: claims.nonce,
        audience: claims.client_id,
        acceptedTypes: ['eu.europa.ec.eudi.pid.1'],
        sessionTranscript: await openId4VpSessionTranscript({
          clientId: claims.client_id,
          nonce: claims.nonce,
          jwkThumbprint: null,
          responseUri: OFFLINE_RESPONSE_URI,
        }),
        statusList: async (uri) => {
          const list = await platform.app.inject({
            method: 'GET',
            url: new URL(uri).pathname,
            headers: { accept: 'application/statuslist+cwt' },
          });
          return new Uint8Array(list.rawPayload);
        },
      });
      expect(verified.claims).toEqual({ 'eu.europa.ec.eudi.pid.1.age_over_18': true });
      expect(verified.status).toBe('valid');
    } finally {
      await context.setOffline(false);
      await shopContext.close();
    }
    await page.getByRole('button', { name: 'Back to the documents' }).click();
    const history = page.getByRole('region', { name: 'History' });
    await expect.poll(() => history.getByText(/offline$/).count()).toBe(1);
  });

  it('refuses an offer link that is not an offer, and an offer naming an insecure issuer', async () => {
    await page.getByLabel('Link (openid-credential-offer://…)').fill('https://example.org/');
    await page.getByRole('button', { name: 'Open the link' }).click();
    await expect.poll(() => page.getByText('That is not a link the wallet can open.').isVisible()).toBe(true);

    const foreign = {
      credential_issuer: 'http://issuer.example',
      credential_configuration_ids: ['ehic'],
      grants: { 'urn:ietf:params:oauth:grant-type:pre-authorized_code': { 'pre-authorized_code': 'x' } },
    };
    await page.goto(`${base}/wallet/offer?credential_offer=${encodeURIComponent(JSON.stringify(foreign))}`);
    // A fresh page load: the wallet is locked again.
    await fillPin('App PIN', PIN);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect
      .poll(() => page.getByText('The offer names an issuer without a secure (https) address.').isVisible())
      .toBe(true);
  });

  it('keeps only a salt and the wrapped data key, never the PIN, and opens only with the PIN', async () => {
    const stored = await page.evaluate(
      () =>
        new Promise<string>((resolve, reject) => {
          // Runs in the page; IndexedDB typed only as far as it is used.
          type Request<T> = { result: T; error: unknown; onsuccess: () => void; onerror: () => void };
          type Database = {
            transaction(store: string): {
              objectStore(store: string): { get(key: string): Request<unknown> };
            };
            close(): void;
          };
          const { indexedDB } = globalThis as unknown as {
            indexedDB: { open(name: string): Request<Database> };
          };
          const request = indexedDB.open('civitas-wallet');
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            const read = request.result.transaction('meta').objectStore('meta').get('pin-lock');
            read.onsuccess = () => {
              resolve(JSON.stringify(read.result));
              request.result.close();
            };
          };
        }),
    );
    expect(Object.keys(JSON.parse(stored)).sort()).toEqual(['iterations', 'salt', 'wrappedKey']);
    expect(stored).not.toContain(PIN);

    await page.goto(`${base}/wallet`);
    await fillPin('App PIN', '000000');
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect.poll(() => page.getByText('That PIN does not open this wallet.').isVisible()).toBe(true);
    await fillPin('App PIN', PIN);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Your documents' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Lock the wallet' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Open your wallet' }).isVisible()).toBe(true);
  });

  it('speaks Bulgarian and Polish', async () => {
    await page.getByRole('combobox', { name: 'Language' }).selectOption('bg');
    await expect
      .poll(() => page.getByRole('heading', { name: 'Отворете портфейла си' }).isVisible())
      .toBe(true);
    await fillPin('ПИН на приложението', PIN);
    await page.getByRole('button', { name: 'Отвори', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Вашите документи' }).isVisible()).toBe(true);
    await expectAccessible(page, 'wallet-bg.png');
    await page.getByRole('combobox', { name: 'Език' }).selectOption('pl');
    await expect.poll(() => page.getByRole('heading', { name: 'Twoje dokumenty' }).isVisible()).toBe(true);
    await expectAccessible(page, 'wallet-pl.png');
    await page.getByRole('combobox', { name: 'Język' }).selectOption('en');
  });

  it('"report my phone lost", signed in, revokes every copy, and the cards say so', async () => {
    await signInWithEid(page, base, citizen, platform.config.demoPin);
    await page.goto(`${base}/wallet`);
    await fillPin('App PIN', PIN);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    const lost = page.getByRole('region', { name: 'Phone lost or stolen?' });
    await lost.getByRole('button', { name: 'Report my phone lost' }).click();
    await lost.getByRole('button', { name: 'Yes, revoke them' }).click();
    await expect
      .poll(() => lost.getByText(/^\d+ copies were revoked\.$/).isVisible(), { timeout: 20_000 })
      .toBe(true);
    const documents = page.getByRole('region', { name: 'Your documents' });
    await expect
      .poll(() => documents.getByText('Revoked', { exact: true }).count(), { timeout: 20_000 })
      .toBe(4);
    await expectAccessible(page, 'wallet-lost.png');

    // And after the next start.
    await page.reload();
    await fillPin('App PIN', PIN);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect
      .poll(() => documents.getByText('Revoked', { exact: true }).count(), { timeout: 20_000 })
      .toBe(4);
  });

  it('locks itself after five minutes without use', async () => {
    // A phone of its own: the fake clock is the whole browser context's.
    const phone = await browser.newContext({ locale: 'en-GB', viewport: PHONE });
    try {
      const other = watchPage(await phone.newPage(), pageErrors, { who: 'second phone' });
      await other.clock.install();
      await other.goto(`${base}/wallet`);
      await other.getByLabel('App PIN', { exact: true }).fill(PIN);
      await other.getByLabel('The same PIN again', { exact: true }).fill(PIN);
      await other.getByRole('button', { name: 'Create the wallet' }).click();
      await expect.poll(() => other.getByRole('heading', { name: 'Your documents' }).isVisible()).toBe(true);
      await other.clock.fastForward('04:50');
      expect(await other.getByRole('heading', { name: 'Your documents' }).isVisible()).toBe(true);
      await other.clock.fastForward('00:11');
      await expect
        .poll(() => other.getByRole('heading', { name: 'Open your wallet' }).isVisible())
        .toBe(true);
      await expect
        .poll(() => other.getByText('The wallet locked itself after five minutes without use.').isVisible())
        .toBe(true);
    } finally {
      await phone.close();
    }
  });

  it('is removed from the device on request', async () => {
    await page.getByRole('button', { name: 'Remove the wallet from this device' }).click();
    await page.getByRole('button', { name: 'Yes, remove the wallet' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Set up your wallet' }).isVisible()).toBe(true);
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { name: 'Set up your wallet' }).isVisible()).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
