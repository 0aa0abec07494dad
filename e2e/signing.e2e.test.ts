import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatformSigning } from '../server/src/signing/index.ts';
import type { TestPlatform } from '../server/test/platform.ts';
import {
  expectAccessible,
  launchChromium,
  SCREENSHOTS,
  signInWithEid,
  startWebPlatform,
  watchPage,
} from './browser.ts';

const PHONE = { width: 360, height: 800 };
const CHECK_PATH = '/verify/signature';

/**
 * Signing in Chromium (issue 18): a citizen signed in with the eID PIN gets a signing
 * certificate for a key their browser makes and keeps (non-extractable, in IndexedDB), signs a
 * text in the page, and anyone checks it on the public page, in English, Bulgarian and Polish,
 * on a 360 px phone; a changed signature and a sealed PDF are told apart there too.
 */
describe('signing and the public signature check in the web app (Chromium, 360 px)', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let base: string;
  let citizen: string;
  let signed: string;
  let signerName: string;
  const findings: string[] = [];

  beforeAll(async () => {
    ({ platform, base } = await startWebPlatform());
    browser = await launchChromium();
    citizen = platform.seeded.demoPersons[0]!;
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  async function checkPage(locale: string): Promise<Page> {
    const context = await browser.newContext({ locale, viewport: PHONE });
    const page = watchPage(await context.newPage(), findings, { who: locale });
    await page.goto(`${base}${CHECK_PATH}`);
    return page;
  }

  it('issues a certificate on the profile, and signs a text with the key the browser holds', async () => {
    const context = await browser.newContext({ locale: 'en-GB', viewport: PHONE });
    const page = watchPage(await context.newPage(), findings, { who: 'citizen' });
    await signInWithEid(page, base, citizen, platform.config.demoPin);
    await page.goto(`${base}/profile`);
    const card = page.getByRole('region', { name: 'My signing certificate' });
    await card.getByText('There is no signing certificate on this device yet.').waitFor();
    await card.getByRole('button', { name: 'Get a signing certificate' }).click();
    await card.getByText('Your signing certificate is ready on this device.').waitFor();
    await card.getByText(/^Valid until /).waitFor();

    // The key is a non-extractable WebCrypto key in IndexedDB, with its certificate.
    // (A string: the e2e project's types have no DOM.)
    const stored = (await page.evaluate(`new Promise((resolve, reject) => {
      const open = indexedDB.open('civitas-signing');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const read = open.result.transaction('keys').objectStore('keys').get(${JSON.stringify(citizen)});
        read.onsuccess = () => resolve({
          extractable: read.result.privateKey.extractable,
          algorithm: read.result.privateKey.algorithm.name + ' ' + read.result.privateKey.algorithm.namedCurve,
          name: read.result.certificate.name,
        });
      };
    })`)) as { extractable: boolean; algorithm: string; name: string };
    expect(stored).toMatchObject({ extractable: false, algorithm: 'ECDSA P-256' });
    signerName = stored.name;
    await card.getByText(signerName).waitFor();

    await card.getByLabel('Try it: a text to sign').fill('I apply for a resident parking permit.');
    await card.getByRole('button', { name: 'Sign the text' }).click();
    const output = card.getByLabel('The signed document (copy it to check it)');
    await output.waitFor();
    signed = await output.inputValue();
    expect(signed.split('.')).toHaveLength(3);
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: path.join(SCREENSHOTS, 'signing-card-360-en.png') });
    await expectAccessible(page, 'signing-certificate-360-en.png');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await context.close();
  });

  it('checks the signed text on the public page without a sign-in: valid, by whom, when; never the personal number', async () => {
    const page = await checkPage('en-GB');
    await page.getByLabel('Signed document (text)').fill(signed);
    await page.getByRole('button', { name: 'Check the signature' }).click();
    await page.getByText('The signature is valid', { exact: true }).first().waitFor();
    await page.getByText(`Signed by ${signerName}`).waitFor();
    await page.getByText(/^Signed on /).waitFor();
    expect(await page.content()).not.toContain(citizen);
    await expectAccessible(page, 'signature-check-valid-360-en.png');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);

    // One character of the signed text changed: the page says it is not valid.
    const [header, payload, signature] = signed.split('.') as [string, string, string];
    const changed = Buffer.from(
      Buffer.from(payload, 'base64url').toString('utf8').replace('resident', 'RESIDENT'),
    ).toString('base64url');
    await page.getByLabel('Signed document (text)').fill(`${header}.${changed}.${signature}`);
    await page.getByRole('button', { name: 'Check the signature' }).click();
    await page.getByText('The signature is not valid', { exact: true }).first().waitFor();
    await page.getByText('the document was changed after it was signed', { exact: false }).waitFor();
    await expectAccessible(page, 'signature-check-invalid-360-en.png');
    await page.context().close();
  });

  it('checks a PDF an administration sealed, and refuses a file that is no PDF', async () => {
    const signing = createPlatformSigning({
      db: platform.database.db,
      keyDir: platform.config.keyDir,
      catalogue: platform.app.instance.catalogue,
      portalClient: platform.app.instance.clients.portal,
    });
    const document = await PDFDocument.create();
    document
      .addPage()
      .drawText('Decision', { x: 50, y: 700, font: await document.embedFont(StandardFonts.Helvetica) });
    const sealed = await signing.sealPdf(
      await document.save(),
      { id: 'municipal-administration', name: 'Столична община' },
      'Decision',
    );
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const file = path.join(SCREENSHOTS, 'sealed-decision.pdf');
    fs.writeFileSync(file, sealed);
    const page = await checkPage('en-GB');
    await page.getByLabel('Or a signed PDF').setInputFiles(file);
    await page.getByRole('button', { name: 'Check the signature' }).click();
    await page.getByText('Sealed by Столична община').waitFor();
    await page.getByText('Signed PDF (PAdES).', { exact: false }).waitFor();
    await expectAccessible(page, 'signature-check-pdf-360-en.png');

    const notPdf = path.join(SCREENSHOTS, 'not-a-pdf.pdf');
    fs.writeFileSync(notPdf, 'GIF89a');
    await page.getByLabel('Or a signed PDF').setInputFiles(notPdf);
    await page.getByRole('button', { name: 'Check the signature' }).click();
    await page.getByText('This is neither a signed document nor a PDF.').waitFor();
    await page.context().close();
  });

  it('speaks Bulgarian and Polish, on the check page and on the profile', async () => {
    const words = {
      'bg-BG': {
        field: 'Подписан документ (текст)',
        button: 'Проверете подписа',
        valid: 'Подписът е валиден',
      },
      'pl-PL': { field: 'Podpisany dokument (tekst)', button: 'Sprawdź podpis', valid: 'Podpis jest ważny' },
    };
    for (const [locale, text] of Object.entries(words)) {
      const page = await checkPage(locale);
      await page.getByLabel(text.field).fill(signed);
      await page.getByRole('button', { name: text.button }).click();
      await page.getByText(text.valid, { exact: true }).first().waitFor();
      await expectAccessible(page, `signature-check-valid-360-${locale.slice(0, 2)}.png`);
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
      await page.context().close();
    }
    // The card on the profile, in Polish: a new device has no key yet, and gets one.
    const context = await browser.newContext({ locale: 'pl-PL', viewport: PHONE });
    const page = watchPage(await context.newPage(), findings, { who: 'pl citizen' });
    await signInWithEid(page, base, citizen, platform.config.demoPin);
    await page.goto(`${base}/profile`);
    const card = page.getByRole('region', { name: 'Mój certyfikat podpisu' });
    await card.getByText('Na tym urządzeniu nie ma jeszcze certyfikatu podpisu.').waitFor();
    await card.getByRole('button', { name: 'Uzyskaj certyfikat podpisu' }).click();
    await card.getByText('Twój certyfikat podpisu jest gotowy na tym urządzeniu.').waitFor();
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: path.join(SCREENSHOTS, 'signing-card-360-pl.png') });
    await expectAccessible(page, 'signing-certificate-360-pl.png');
    await context.close();
    expect(findings).toEqual([]);
  });
});
