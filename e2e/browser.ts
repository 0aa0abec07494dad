import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { WEB_DIST } from '../server/src/http/web-app.ts';
import { testDatabases } from '../server/test/databases.ts';
import { freePort } from '../server/test/net.ts';
import { startTestPlatform, type TestPlatform, type TestPlatformOptions } from '../server/test/platform.ts';

/** Where the end-to-end tests leave their screenshots, to be looked at (360 px phones, three languages). */
export const SCREENSHOTS = path.resolve(import.meta.dirname, '../test-results');

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Debian's Chromium, headless. Its absence fails the suite: browser tests are never skipped silently.
 * `extraArgs`: more switches, e.g. a fake camera.
 */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is required for the end-to-end tests and was not found at ${CHROMIUM}: apt-get install -y chromium`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
}

/** Runs axe-core in the page (through the DevTools protocol, which the page's CSP does not govern). */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    // Runs in the page: the browser's globals, typed here only as far as they are used.
    const browser = globalThis as unknown as {
      document: unknown;
      axe: {
        run: (context: unknown) => Promise<{
          violations: Array<{ id: string; impact: string | null; help: string; nodes: unknown[] }>;
        }>;
      };
    };
    const result = await browser.axe.run(browser.document);
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.length,
    }));
  });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

/**
 * The platform serving the built web app on a free port, with its public URL set to it (the
 * eID's redirects must come back to this very origin). Build first: `npm run build`.
 */
export async function startWebPlatform(
  options: Pick<TestPlatformOptions, 'backgroundWork'> = {},
): Promise<{ platform: TestPlatform; base: string }> {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html')))
    throw new Error('Build the web app first: npm run build');
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const platform = await startTestPlatform(testDatabases()[0]!, {
    ...options,
    env: { CIVITAS_PUBLIC_URL: base },
  });
  await platform.app.listen({ host: '127.0.0.1', port });
  return { platform, base };
}

export interface PageWatch {
  /** Prefixes each finding, when a test drives several pages (a role, a visitor). */
  who?: string;
  /** Also count the console's errors; Chromium logs failed loads (an expected 4xx) on their own, so those never count. */
  console?: boolean;
  /** Answers from this status up count as failures; null counts none. */
  failingStatus?: number | null;
  /** Console errors that are expected in this test besides failed loads (e.g. offline). */
  expectedConsole?: RegExp;
}

/** Collects into `findings` whatever goes wrong in the page: uncaught errors, console errors, server failures. */
export function watchPage(page: Page, findings: string[], watch: PageWatch = {}): Page {
  const { who, console = true, failingStatus = 500, expectedConsole = /^Failed to load resource/ } = watch;
  const note = (text: string) => findings.push(who ? `${who}: ${text}` : text);
  page.on('pageerror', (error) => note(error.message));
  if (console)
    page.on('console', (message) => {
      if (message.type() === 'error' && !expectedConsole.test(message.text())) note(message.text());
    });
  if (failingStatus !== null)
    page.on('response', (response) => {
      if (response.status() >= failingStatus) note(`${response.status()} ${response.url()}`);
    });
  return page;
}

/**
 * Signs in through the demo eID from the app's home page, in whichever language the browser
 * speaks (the eID page speaks it too); resolves once the app has the person back.
 */
export async function signInWithEid(
  page: Page,
  base: string,
  personalNumber: string,
  pin: string,
): Promise<void> {
  await page.goto(`${base}/`);
  await page.getByRole('button', { name: /Sign in with eID|Вход с еИД|Zaloguj się/ }).click();
  await page.waitForURL(/\/interaction\//);
  await page
    .getByLabel(/Personal number|ЕГН|Numer osobisty/)
    .first()
    .fill(personalNumber);
  await page.getByLabel(/^(PIN|ПИН)$/).fill(pin);
  await page.getByRole('button', { name: /^(Sign in|Вход|Zaloguj się)$/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/interaction') && url.pathname !== '/callback');
}

/** A full-page screenshot to look at, and no serious accessibility violation on the page. */
export async function expectAccessible(page: Page, screenshot: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, screenshot), fullPage: true });
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
}
