/**
 * The mdoc code runs in the browser as it is (the PWA holds and presents, the offline verifier
 * verifies): bundled by Vite for the browser, loaded into Chromium, it issues an mDL with a test
 * PKI, presents two elements over an OpenID4VP session transcript with a non-extractable WebCrypto
 * device key, verifies with a CWT status list, and refuses a tampered copy — all inside the page.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { build, type Rollup } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser.ts';

const MDOC = path.resolve(import.meta.dirname, '../packages/wallet/src/mdoc');

const entrySource = `
import { decodeMdoc, presentMdoc } from '${MDOC}/present.ts';
import { fromBase64Url, toBase64Url } from '${MDOC}/crypto.ts';
import { verifyMdocPresentation } from '${MDOC}/verify.ts';
import { issuedMdl, MDL, MDL_NS, statusListCwt, verificationContext } from '${MDOC}/test-fixtures.ts';

export async function run() {
  const { credential, pki, holder, now } = await issuedMdl();
  const context = await verificationContext(pki, now, await statusListCwt(pki, now, { 3: 1 }));
  const request = { docType: MDL, elements: { [MDL_NS]: ['family_name', 'age_over_18'] } };
  const response = await presentMdoc(credential, request, context.sessionTranscript, holder.sign);
  const verified = await verifyMdocPresentation(response, context);
  const bytes = fromBase64Url(response);
  const from = new TextEncoder().encode('Петрова');
  const at = bytes.findIndex((_, i) => from.every((byte, j) => bytes[i + j] === byte));
  bytes.set(new TextEncoder().encode('Иванова'), at);
  const tampered = toBase64Url(bytes);
  const refusal = await verifyMdocPresentation(tampered, context).then(() => 'accepted', (e) => e.code);
  const card = decodeMdoc(credential);
  return {
    claims: verified.claims,
    status: verified.status,
    issuer: verified.issuer,
    refusal,
    portrait: String(card.claims[MDL_NS + '.portrait']).slice(0, 23),
    hasNodeBuffer: typeof globalThis.Buffer !== 'undefined',
  };
}
`;

async function bundle(): Promise<string> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'mdoc-browser-'));
  const entry = path.join(directory, 'entry.ts');
  fs.writeFileSync(entry, entrySource);
  const output = (await build({
    configFile: false,
    logLevel: 'silent',
    root: directory,
    build: {
      write: false,
      minify: false,
      target: 'es2022',
      lib: { entry, formats: ['iife'], name: 'mdocBrowserCheck', fileName: 'check' },
    },
  })) as Rollup.RollupOutput[];
  fs.rmSync(directory, { recursive: true, force: true });
  const chunk = output[0]!.output[0];
  return chunk.type === 'chunk' ? chunk.code : '';
}

describe('mdoc in Chromium', () => {
  let browser: Browser;
  let script: string;

  beforeAll(async () => {
    [browser, script] = await Promise.all([launchChromium(), bundle()]);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('issues, presents with a WebCrypto device key, verifies and refuses a tampered response in the page', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // localhost is a secure context, which WebCrypto needs.
    await page.route('http://localhost/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>mdoc</title>' }),
    );
    await page.goto('http://localhost/mdoc');
    await page.addScriptTag({ content: script });
    const result = await page.evaluate(() =>
      (globalThis as unknown as { mdocBrowserCheck: { run(): Promise<unknown> } }).mdocBrowserCheck.run(),
    );
    expect(errors).toEqual([]);
    expect(result).toEqual({
      claims: { 'org.iso.18013.5.1.family_name': 'Петрова', 'org.iso.18013.5.1.age_over_18': true },
      status: 'valid',
      issuer: { name: 'Civitas Test Issuer', country: 'BG' },
      refusal: 'mdoc-digest-mismatch',
      portrait: 'data:image/jpeg;base64,',
      hasNodeBuffer: false,
    });
    await page.close();
  });
});
