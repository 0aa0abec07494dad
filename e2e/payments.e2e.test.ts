import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eidIssuer, issueScriptingToken } from '../server/src/identity/tokens.ts';
import type { TestPlatform } from '../server/test/platform.ts';
import { expectAccessible, launchChromium, signInWithEid, startWebPlatform, watchPage } from './browser.ts';

/**
 * Issue 18, fees: a citizen pays an unpaid traffic fine in the app through the test payment
 * provider; a declined card takes nothing, the paid fine disappears from the citizen's list and
 * from the vehicle's dossier (the fines register was told through the exchange). 360 px, axe.
 */
describe('paying a fine (Chromium, 360 px)', () => {
  let platform: TestPlatform;
  let base: string;
  let browser: Browser;
  let page: Page;
  let fine: { number: string; egn: string; vin: string };
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ({ platform, base } = await startWebPlatform());
    // An unpaid fine of a living person who owns the vehicle it was issued on today.
    const [row] = (
      await sql<{ number: string; egn: string; vin: string }>`
        SELECT f.number, f.egn, f.vin FROM fines.fines f
        JOIN population.persons p ON p.egn = f.egn AND NOT p.deceased
        WHERE NOT f.paid AND f.vin IS NOT NULL
          AND EXISTS (SELECT 1 FROM vehicles.registrations r WHERE r.vin = f.vin AND r.owner_id = f.egn
            AND r.seq = (SELECT max(seq) FROM vehicles.registrations l WHERE l.vin = r.vin))
        ORDER BY f.number LIMIT 1`.execute(platform.database.db)
    ).rows;
    if (!row) throw new Error('the test population has no unpaid fine of a current owner');
    fine = row;
    browser = await launchChromium();
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 360, height: 800 } });
    page = watchPage(await context.newPage(), pageErrors, { failingStatus: 500 });
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  async function dossierFine() {
    const token = await issueScriptingToken(platform.keys, eidIssuer(platform.config.publicUrl), fine.egn, [
      'citizen',
    ]);
    const response = await platform.app.inject({
      method: 'GET',
      url: `/api/vehicles/${fine.vin}/dossier`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.statusCode, response.body).toBe(200);
    const text = JSON.stringify(response.json());
    const found = text.includes(fine.number);
    const unpaid = new RegExp(`"number":"${fine.number}"[^}]*"paid":false`).test(text);
    return { found, unpaid };
  }

  it('lists the unpaid fine, refuses a declined card, takes a good one once', async () => {
    expect(await dossierFine()).toEqual({ found: true, unpaid: true });
    await signInWithEid(page, base, fine.egn, platform.config.demoPin);
    await page.getByRole('link', { name: 'Payments' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Fines and taxes' }).waitFor();
    const item = page.getByRole('listitem').filter({ hasText: `Fine No ${fine.number}` });
    await item.waitFor();
    await expectAccessible(page, 'payments-360-en.png');

    await item.getByRole('button', { name: /^Pay/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Payment' }).waitFor();
    await page.getByLabel('Card number').fill('4000 0000 0000 0002');
    await page.getByLabel('Valid until').fill('12/30');
    await page.getByLabel('Security code (CVC)').fill('123');
    await page.getByLabel('Name on the card').fill('Test Holder');
    await page.getByRole('button', { name: 'Pay now' }).click();
    await page.getByText('The card was declined. No money was taken.').waitFor();
    await expectAccessible(page, 'pay-declined-360-en.png');
    expect(await dossierFine()).toEqual({ found: true, unpaid: true });

    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await page.getByRole('button', { name: 'Pay now' }).click();
    await page.getByText('Paid. Thank you.').waitFor();
    await expectAccessible(page, 'pay-paid-360-en.png');
    const width = await page.evaluate(
      () =>
        (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
          .documentElement.scrollWidth,
    );
    expect(width).toBeLessThanOrEqual(360);
  });

  it('the paid fine disappears from the citizen’s list and the dossier’s unpaid fines', async () => {
    await page.getByRole('link', { name: 'Back to fines and taxes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Fines and taxes' }).waitFor();
    await page.getByText('Asking the registers…').waitFor({ state: 'detached' });
    expect(await page.getByText(`Fine No ${fine.number}`).count()).toBe(0);
    expect(await dossierFine()).toEqual({ found: true, unpaid: false });
    // The bell tells of the payment.
    await page.getByRole('link', { name: /^Notifications \d+ unread$/ }).click();
    await page.getByRole('heading', { level: 2, name: 'Payment received' }).first().waitFor();
  });

  it('speaks Bulgarian and Polish', async () => {
    await page.getByRole('combobox', { name: 'Language' }).selectOption('bg');
    await page.getByRole('link', { name: 'Плащания' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Глоби и данъци' }).waitFor();
    await page.getByText('Запитване към регистрите…').waitFor({ state: 'detached' });
    await expectAccessible(page, 'payments-360-bg.png');
    await page.getByRole('combobox', { name: 'Език' }).selectOption('pl');
    await page.getByRole('heading', { level: 1, name: 'Mandaty i podatki' }).waitFor();
    await expectAccessible(page, 'payments-360-pl.png');
    expect(pageErrors).toEqual([]);
  });
});
