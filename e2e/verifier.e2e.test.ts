import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { PublicJwk } from '@civitas/wallet/formats.ts';
import { issueMdoc } from '@civitas/wallet/mdoc/issue.ts';
import { presentMdoc } from '@civitas/wallet/mdoc/present.ts';
import { openId4VpSessionTranscript } from '@civitas/wallet/mdoc/session-transcript.ts';
import {
  decodeOfflineRequest,
  encodeOfflineResponse,
  verifyOfflineRequest,
} from '@civitas/wallet/offline/index.ts';
import {
  encryptAuthorizationResponse,
  encryptionKeyThumbprint,
  type RequestObjectClaims,
  verifyRequestObject,
} from '@civitas/wallet/openid4vp/index.ts';
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

/** A 1×1 JPEG, as a portrait. */
const PORTRAIT = Uint8Array.from(
  Buffer.from(
    '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
    'base64',
  ),
);

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

  /** Demo persons by role: citizen, official, doctor, pharmacist, police, … */
  async function signedIn(role: 'pharmacist' | 'police', locale = 'en-GB'): Promise<Page> {
    const context = await browser.newContext({ locale, viewport: PHONE });
    const page = watchPage(await context.newPage(), pageErrors, { who: role });
    const person = platform.seeded.demoPersons[role === 'pharmacist' ? 3 : 4] as string;
    await signInWithEid(page, base, person, platform.config.demoPin);
    // A pharmacist lands on the prescriptions; the till's verifier is the next workspace.
    if (role === 'pharmacist') {
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.goto(`${base}/verifier`);
    }
    return page;
  }
  const signedInPharmacist = (locale?: string) => signedIn('pharmacist', locale);

  type Answer = (request: RequestObjectClaims) => Promise<Record<string, string[]>>;

  const ageOnly: Answer = async (request) => ({
    pid: [
      await presentSdJwtVc(credential, [['age_equal_or_over', '18']], {
        aud: request.client_id,
        nonce: request.nonce,
        iat: Math.floor(Date.now() / 1000),
        sign: holder.sign,
      }),
    ],
  });

  /** The citizen's wallet answering the QR: resolves request_uri, checks the JAR, posts the encrypted response. */
  async function walletAnswers(link: string, answer: Answer = ageOnly): Promise<number> {
    const url = new URL(link);
    const jar = await fetch(url.searchParams.get('request_uri') as string);
    const request = await verifyRequestObject(await jar.text(), {
      trustAnchors: await trust.verifierAnchors(),
      now: new Date(),
      clientId: url.searchParams.get('client_id') as string,
    });
    const response = await encryptAuthorizationResponse(
      { vp_token: await answer(request), state: request.state },
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
    // The new request replaces the old one on screen (the old link may show for a moment).
    const sameDevice = page.getByRole('link', { name: 'Open in the wallet on this device' });
    await expect.poll(() => sameDevice.getAttribute('href'), { timeout: 10_000 }).not.toBe(link);
    const next = (await sameDevice.getAttribute('href')) as string;
    expect(next).toMatch(/^openid4vp:\/\//);
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

  it('the police check a driving licence (mdoc): the portrait and category B on a green verdict', async () => {
    const device = await newHolder();
    const status = await statusLists.allocate(platform.database.db, {
      credentialId: 'e2e-mdl',
      format: 'mso_mdoc',
      subject: 'e2e-mdl',
      sources: [],
    });
    const now = new Date();
    const ns = 'org.iso.18013.5.1';
    const licence = await issueMdoc({
      doctype: 'org.iso.18013.5.1.mDL',
      namespaces: {
        [ns]: {
          family_name: 'Петрова',
          given_name: 'Мария',
          birth_date: '1990-04-12',
          expiry_date: '2034-01-14',
          portrait: PORTRAIT,
          driving_privileges: [
            { vehicle_category_code: 'B', issue_date: '2008-05-01', expiry_date: '2034-01-14' },
          ],
        },
      },
      holder: device.jwk,
      status,
      signedAt: now,
      validFrom: now,
      validUntil: new Date(now.getTime() + 365 * 86_400_000),
      signer: await trust.issuerSigner(),
    });
    const page = await signedIn('police');
    await page.getByRole('link', { name: 'Verify a wallet' }).click();
    await page.getByRole('radio', { name: 'Driving licence valid for category B' }).check();
    await page.getByRole('button', { name: 'Show the QR code' }).click();
    const link = await qrTextOf(page, /QR code for the citizen’s wallet/);
    const status200 = await walletAnswers(link, async (request) => {
      const key = request.client_metadata.jwks.keys[0];
      const transcript = await openId4VpSessionTranscript({
        clientId: request.client_id,
        nonce: request.nonce,
        responseUri: request.response_uri,
        jwkThumbprint: key ? await encryptionKeyThumbprint(key) : null,
      });
      const elements = ['family_name', 'given_name', 'portrait', 'expiry_date', 'driving_privileges'];
      return {
        mdl: [
          await presentMdoc(
            licence,
            { docType: 'org.iso.18013.5.1.mDL', elements: { [ns]: elements } },
            transcript,
            device.sign,
          ),
        ],
      };
    });
    expect(status200).toBe(200);
    const verdict = page.getByTestId('verdict');
    await verdict.getByRole('heading', { name: 'Verified' }).waitFor();
    await verdict.getByRole('img', { name: 'Photo of the holder' }).waitFor();
    await verdict.getByText(/^B \(until /).waitFor();
    await verdict.getByText('Петрова').waitFor();
    await expectAccessible(page, 'verifier-police-mdl-en.png');
    await page.context().close();
  });

  it('speaks Polish: the checks, the modes and the offline cache in words', async () => {
    const page = await signedIn('police', 'pl-PL');
    await page.getByRole('link', { name: 'Weryfikacja portfela' }).click();
    await page.getByRole('heading', { level: 1, name: 'Weryfikacja portfela cyfrowego' }).waitFor();
    await page.getByRole('radio', { name: 'Prawo jazdy kategorii B' }).check();
    await page.getByRole('radio', { name: /^Offline/ }).check();
    await page.getByText('Nic jeszcze nie przygotowano do pracy bez sieci.').waitFor();
    await expectAccessible(page, 'verifier-offline-pl.png');
    await page.context().close();
  });

  it('left no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
