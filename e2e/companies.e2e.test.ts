import path from 'node:path';
import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestPlatform } from '../server/test/platform.ts';
import {
  expectAccessible,
  launchChromium,
  SCREENSHOTS,
  signInWithEid,
  startWebPlatform,
  watchPage,
} from './browser.ts';

/** The narrowest phone the app is built for. */
const PHONE = { width: 360, height: 780 };

/**
 * "Companies I represent" (issue 18): the demo citizen's profile lists the company the commercial
 * register names them the representative of, read through the exchange, in each language, on a
 * phone; someone who represents no company is told so.
 */
describe('companies I represent, in the profile (Chromium, 360 px)', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let base: string;
  let company: { eik: string; name: string };
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ({ platform, base } = await startWebPlatform());
    const citizen = platform.seeded.demoPersons[0]!;
    const row = await sql<{ eik: string; name: string }>`
      SELECT c.eik, c.name FROM commercial.representatives r JOIN commercial.companies c USING (eik)
      WHERE r.egn = ${citizen} LIMIT 1`.execute(platform.database.db);
    company = row.rows[0]!;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  async function profileIn(locale: string, personalNumber: string): Promise<Page> {
    const context = await browser.newContext({ locale, viewport: PHONE });
    const page = watchPage(await context.newPage(), pageErrors, { who: locale });
    await signInWithEid(page, base, personalNumber, platform.config.demoPin);
    // Staff land on their workspace: everyone has a profile of their own too.
    if (!page.url().endsWith('/profile')) await page.goto(`${base}/profile`);
    return page;
  }

  it.each([
    [
      'en-GB',
      'Companies I represent',
      'Manager',
      'may act alone',
      'Single-member limited liability company (EOOD)',
    ],
    [
      'bg-BG',
      'Дружества, които представлявам',
      'Управител',
      'представлява самостоятелно',
      'Еднолично дружество с ограничена отговорност (ЕООД)',
    ],
    [
      'pl-PL',
      'Spółki, które reprezentuję',
      'Zarządca',
      'reprezentuje samodzielnie',
      'Jednoosobowa spółka z o.o. (EOOD)',
    ],
  ])('shows the demo citizen their company in %s', async (locale, title, role, alone, form) => {
    const page = await profileIn(locale, platform.seeded.demoPersons[0]!);
    const card = page.getByRole('region', { name: title });
    await card.waitFor();
    const own = card.getByRole('region', { name: company.name });
    await expect(own.textContent()).resolves.toContain(company.eik);
    const text = (await own.textContent()) ?? '';
    for (const words of [role, alone, form]) expect(text).toContain(words);
    // The company's name is marked as Bulgarian on every screen (read aloud as Bulgarian).
    expect(await own.locator('[lang="bg"]').first().textContent()).toBe(company.name);
    // Nothing sticks out sideways on a 360 px phone.
    const overflow = await page.evaluate(() => {
      const root = (
        globalThis as unknown as {
          document: { documentElement: { scrollWidth: number; clientWidth: number } };
        }
      ).document.documentElement;
      return root.scrollWidth - root.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    await own.scrollIntoViewIfNeeded();
    await expectAccessible(page, `companies-${locale}.png`);
    await card.screenshot({ path: path.join(SCREENSHOTS, `companies-card-${locale}.png`) });
    await page.context().close();
  });

  it('tells a person who represents no company that the register names them for none', async () => {
    const representatives = new Set(
      (
        await sql<{ egn: string }>`SELECT egn FROM commercial.representatives`.execute(platform.database.db)
      ).rows.map((row) => row.egn),
    );
    const official = platform.seeded.demoPersons.find((egn) => !representatives.has(egn))!;
    const page = await profileIn('en-GB', official);
    const card = page.getByRole('region', { name: 'Companies I represent' });
    await expect(card.textContent()).resolves.toContain('names you as the representative of no company');
    await page.context().close();
    expect(pageErrors).toEqual([]);
  });
});
