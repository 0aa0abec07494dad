import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { PublicJwk } from '@civitas/wallet/formats.ts';
import {
  decodeOfflineRequest,
  encodeOfflineResponse,
  verifyOfflineRequest,
} from '@civitas/wallet/offline/index.ts';
import { encryptAuthorizationResponse, verifyRequestObject } from '@civitas/wallet/openid4vp/index.ts';
import { issueSdJwtVc } from '@civitas/wallet/sd-jwt/issue.ts';
import { presentSdJwtVc } from '@civitas/wallet/sd-jwt/present.ts';
import type { Browser, Page } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWalletTrust, type WalletTrustService } from '../server/src/capabilities/wallet/index.ts';
import {
  createStatusLists,
  type StatusListsService,
} from '../server/src/capabilities/wallet/status/service.ts';
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

/** The narrowest phone the app is made for. */
const PHONE = { width: 360, height: 800 };

interface Holder {
  jwk: PublicJwk;
  sign(data: Uint8Array): Promise<Uint8Array>;
}

async function newHolder(): Promise<Holder> {
  const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
    'sign',
    'verify',
  ]);
  const { x, y } = await crypto.subtle.exportKey('jwk', keys.publicKey);
  return {
    jwk: { kty: 'EC', crv: 'P-256', x: x as string, y: y as string },
    sign: async (data) =>
      new Uint8Array(
        await crypto.subtle.sign(
          { name: 'ECDSA', hash: 'SHA-256' },
          keys.privateKey,
          data as Uint8Array<ArrayBuffer>,
        ),
      ),
  };
}

/** The text of the QR code an <img> shows (a PNG data URL), read as a phone's camera would. */
async function qrTextOf(page: Page, alt: RegExp): Promise<string> {
  const src = (await page.getByRole('img', { name: alt }).getAttribute('src')) as string;
  const png = PNG.sync.read(Buffer.from(src.split(',')[1] as string, 'base64'));
  const text = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
  if (!text) throw new Error('no QR code in the image');
  return text;
}

/**
 * The verifier screen: a shop's till (the pharmacist) asks "over 18" online (OpenID4VP, the
 * wallet's side played here with the same @civitas/wallet functions the PWA uses), the answer is
 * revoked and refused, and the offline QR-to-QR check works with the network switched off.
 */
describe('the wallet verifier screen (Chromium, 360 px)', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let base: string;
  let trust: WalletTrustService;
  let holder: Holder;
  let credential: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ({ platform, base } = await startWebPlatform());
    browser = await launchChromium();
    trust = createWalletTrust({ db: platform.database.db, config: platform.config });
    holder = await newHolder();
    const now = Math.floor(Date.now() / 1000);
    // A status list entry the platform publishes at /wallet/status/…, so revocation is real.
    statusLists = createStatusLists({ db: platform.database.db, publicUrl: base });
    const status = await statusLists.allocate(platform.database.db, {
      credentialId: 'e2e-pid',
      format: 'dc+sd-jwt',
      subject: 'e2e-subject',
      sources: [],
    });
    credential = await issueSdJwtVc({
      issuer: 'https://civitas.test',
      vct: 'urn:eudi:pid:1',
      claims: {
        family_name: 'Иванова',
        given_name: 'Мария',
        birthdate: '1990-03-04',
        age_equal_or_over: { '18': true },
      },
      disclosable: [['family_name'], ['given_name'], ['birthdate'], ['age_equal_or_over', '18']],
      holder: holder.jwk,
      status,
      issuedAt: now - 60,
      expiresAt: now + 86_400,
      signer: await trust.issuerSigner(),
    });
  });
  let statusLists: StatusListsService;

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  async function signedInPharmacist(locale = 'en-GB'): Promise<Page> {
    const context = await browser.newContext({ locale, viewport: PHONE });
    const page = watchPage(await context.newPage(), pageErrors, { who: 'pharmacist' });
    const pharmacist = platform.seeded.demoPersons[3] as string;
    await signInWithEid(page, base, pharmacist, platform.config.demoPin);
    return page;
  }

  /** The citizen's wallet answering the QR: resolves request_uri, checks the JAR, posts the encrypted response. */
  async function walletAnswers(link: string): Promise<number> {
    const url = new URL(link);
    const jar = await fetch(url.searchParams.get('request_uri') as string);
    const request = await verifyRequestObject(await jar.text(), {
      trustAnchors: await trust.verifierAnchors(),
      now: new Date(),
      clientId: url.searchParams.get('client_id') as string,
    });
    const presentation = await presentSdJwtVc(credential, [['age_equal_or_over', '18']], {
      aud: request.client_id,
      nonce: request.nonce,
      iat: Math.floor(Date.now() / 1000),
      sign: holder.sign,
    });
    const response = await encryptAuthorizationResponse(
      { vp_token: { pid: [presentation] }, state: request.state },
      request,
    );
    const posted = await fetch(request.response_uri, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ response }),
    });
    return posted.status;
  }

  it('a shop asks "over 18": the QR, the same-device link, and a green verdict with only the age', async () => {
    const page = await signedInPharmacist();
    await page.getByRole('heading', { level: 1, name: 'Verify a digital wallet' }).waitFor();
    await page.getByText('You check as Аптека „Св. Пантелеймон“ — каса').waitFor();
    await page.getByRole('radio', { name: 'Over 18' }).check();
    await page.getByRole('button', { name: 'Show the QR code' }).click();
    const qr = await qrTextOf(page, /QR code for the citizen’s wallet/);
    const link = (await page
      .getByRole('link', { name: 'Open in the wallet on this device' })
      .getAttribute('href')) as string;
    expect(qr).toBe(link);
    expect(link).toMatch(
      /^openid4vp:\/\/\?client_id=x509_san_dns%3Aapteka-sv-panteleimon\.verifiers\.civitas\.bg&request_uri=/,
    );
    await expectAccessible(page, 'verifier-request-en.png');
    expect(await walletAnswers(link)).toBe(200);
    const verdict = page.getByTestId('verdict');
    await verdict.getByRole('heading', { name: 'Verified' }).waitFor();
    await verdict.getByText('Aged 18 or over').waitFor();
    expect(await verdict.textContent()).not.toContain('Иванова');
    await expectAccessible(page, 'verifier-verified-en.png');

    // The licence office revokes the credential: the next check says so, in red.
    await statusLists.revokeBySubject('e2e-subject', 'reported lost');
    await page.getByRole('button', { name: 'New request' }).click();
    await page.getByRole('img', { name: /QR code for the citizen’s wallet/ }).waitFor();
    const next = (await page
      .getByRole('link', { name: 'Open in the wallet on this device' })
      .getAttribute('href')) as string;
    expect(next).not.toBe(link);
    expect(await walletAnswers(next)).toBe(422);
    await verdict.getByRole('heading', { name: 'Not verified' }).waitFor();
    await verdict.getByText('The document has been revoked.').waitFor();
    await expectAccessible(page, 'verifier-revoked-en.png');
    await page.context().close();
  });

  it('offline: QR to QR with the network switched off, the cache age shown, in Bulgarian', async () => {
    const fresh = await newHolder();
    const now = Math.floor(Date.now() / 1000);
    const status = await statusLists.allocate(platform.database.db, {
      credentialId: 'e2e-offline',
      format: 'dc+sd-jwt',
      subject: 'e2e-offline',
      sources: [],
    });
    const offlineCredential = await issueSdJwtVc({
      issuer: 'https://civitas.test',
      vct: 'urn:eudi:pid:1',
      claims: { age_equal_or_over: { '18': true } },
      disclosable: [['age_equal_or_over', '18']],
      holder: fresh.jwk,
      status,
      issuedAt: now - 60,
      expiresAt: now + 86_400,
      signer: await trust.issuerSigner(),
    });
    const page = await signedInPharmacist('bg-BG');
    await page.getByRole('heading', { level: 1, name: 'Проверка на цифров портфейл' }).waitFor();
    await page.getByRole('radio', { name: 'Навършени 18 години' }).check();
    await page.getByRole('radio', { name: /^Офлайн/ }).check();
    await page.getByText('Още нищо не е подготвено за работа без мрежа.').waitFor();
    await page.getByRole('button', { name: 'Подготви за работа без мрежа' }).click();
    await page
      .getByTestId('cache-age')
      .getByText(/Подготвено преди 0 минути; остават 10 заявки/)
      .waitFor();

    await page.context().setOffline(true);
    await page.getByRole('button', { name: 'Покажи QR код на заявка' }).click();
    const requestText = await qrTextOf(page, /QR код на офлайн заявка/);
    await page
      .getByTestId('cache-age')
      .getByText(/остават 9 заявки/)
      .waitFor();
    await expectAccessible(page, 'verifier-offline-request-bg.png');

    // The citizen's phone, offline too: checks the request, answers with a QR code.
    const request = await decodeOfflineRequest(requestText);
    await verifyOfflineRequest(request, { trustAnchors: await trust.verifierAnchors(), now: new Date() });
    const presentation = await presentSdJwtVc(offlineCredential, [['age_equal_or_over', '18']], {
      aud: request.claims.client_id,
      nonce: request.claims.nonce,
      iat: Math.floor(Date.now() / 1000),
      sign: fresh.sign,
    });
    const answer = await encodeOfflineResponse({
      v: 1,
      nonce: request.claims.nonce,
      format: 'dc+sd-jwt',
      presentation,
    });
    const photo = path.join(SCREENSHOTS, 'verifier-offline-answer.png');
    await QRCode.toFile(photo, answer, { errorCorrectionLevel: 'L', width: 900 });
    await page.getByLabel('Прочети отговора от снимка').setInputFiles(photo);
    const verdict = page.getByTestId('verdict');
    await verdict.getByRole('heading', { name: 'Потвърдено' }).waitFor();
    await verdict.getByText('Навършени 18 години').waitFor();
    await expectAccessible(page, 'verifier-offline-verified-bg.png');

    // A garbage picture is refused with words, not a code.
    await page.getByRole('button', { name: 'Покажи QR код на заявка' }).click();
    const garbage = path.join(SCREENSHOTS, 'verifier-offline-garbage.png');
    await QRCode.toFile(garbage, 'CIVVP1:NOT-A-REAL-ANSWER', { width: 400 });
    await page.getByLabel('Прочети отговора от снимка').setInputFiles(garbage);
    await verdict.getByText('Това не е четим отговор от портфейл.').waitFor();
    fs.rmSync(garbage);
    await page.context().setOffline(false);
    await page.context().close();
  });

  it('left no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
