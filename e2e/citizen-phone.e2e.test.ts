import { sql } from 'kysely';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newReference } from '../server/src/capabilities/vehicle-dossier/signing.ts';
import { vehicleQueries } from '../server/src/registers/index.ts';
import type { TestPlatform } from '../server/test/platform.ts';
import { expectAccessible, launchChromium, signInWithEid, startWebPlatform, watchPage } from './browser.ts';

/** The narrowest phone the app is built for. */
const PHONE = { width: 360, height: 780 };

/**
 * The citizen's app on a 360 px phone (issue 14): the dossier's tables readable without sideways
 * scrolling, the last profile and dossier readable offline, the session kept in a new tab, the
 * parking permit checking eligibility before its form, and an unknown report reference named so.
 */
describe('the citizen app on a phone (Chromium, 360 px)', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  let citizen: string;
  let vin: string;
  const pageErrors: string[] = [];

  // Chromium logs failed loads (offline, expected 4xx) as errors of their own.
  const watch = (target: Page, who: string) =>
    watchPage(target, pageErrors, {
      who,
      expectedConsole: /^Failed to load resource|net::ERR_INTERNET_DISCONNECTED/,
    });
  const shot = expectAccessible;

  async function signIn(target: Page, personalNumber: string) {
    await signInWithEid(target, base, personalNumber, platform.config.demoPin);
    await target.waitForURL(`${base}/profile`);
  }

  /** Every table region (and the page itself) fits its width: nothing is cut off or scrolls sideways. */
  async function overflowingTables(target: Page): Promise<string[]> {
    return target.evaluate(() => {
      const { document } = globalThis as unknown as {
        document: {
          documentElement: { scrollWidth: number; clientWidth: number };
          querySelectorAll(selector: string): Array<{
            scrollWidth: number;
            clientWidth: number;
            textContent: string | null;
          }>;
        };
      };
      const wide = [...document.querySelectorAll('.report-table-wrap, .report-table')]
        .filter((element) => element.scrollWidth > element.clientWidth)
        .map(
          (element) =>
            `${element.textContent?.slice(0, 40)}: ${element.scrollWidth} > ${element.clientWidth}`,
        );
      const root = document.documentElement;
      if (root.scrollWidth > root.clientWidth) wide.push(`page: ${root.scrollWidth} > ${root.clientWidth}`);
      return wide;
    });
  }

  beforeAll(async () => {
    ({ platform, base } = await startWebPlatform());
    citizen = platform.seeded.demoPersons[0]!;
    // The demo citizen's car with the most inspections and fines: the longest tables.
    const car = await sql<{ vin: string }>`
      SELECT r.vin FROM vehicles.registrations r
      WHERE r.owner_id = ${citizen}
      ORDER BY (SELECT count(*) FROM inspections.inspections i WHERE i.vin = r.vin) DESC, r.vin
      LIMIT 1`.execute(platform.database.db);
    vin = car.rows[0]!.vin;
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'en-GB', viewport: PHONE });
    page = watch(await context.newPage(), 'citizen');
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('shows every table of the dossier whole at 360 px: no table wider than its card, in English, Bulgarian and Polish', async () => {
    await signIn(page, citizen);
    await page.getByRole('heading', { level: 1, name: 'My profile' }).waitFor();
    await page.goto(`${base}/vehicles/${vin}/dossier`);
    await page.getByRole('heading', { level: 2, name: 'Sources of the data', exact: true }).waitFor();
    await page.getByText('Show the readings as a table').click();
    for (const caption of ['Registration history', 'Inspections', 'Odometer readings', 'Registers asked']) {
      expect(await page.getByRole('table', { name: new RegExp(caption) }).count()).toBeGreaterThan(0);
    }
    expect(await page.locator('.report-table').count()).toBeGreaterThanOrEqual(5);
    expect(await overflowingTables(page)).toEqual([]);
    // Each value keeps its column's name beside it when the rows are stacked.
    const firstInspection = page
      .getByRole('table', { name: /inspections/i })
      .getByRole('row')
      .nth(1);
    expect(await firstInspection.getByRole('cell').first().getAttribute('data-label')).toBe('Result');
    await shot(page, 'phone-dossier-en.png');

    await page.getByRole('combobox', { name: 'Language' }).selectOption('bg');
    await page.getByRole('heading', { level: 2, name: 'Източници на данните', exact: true }).waitFor();
    expect(await overflowingTables(page)).toEqual([]);
    await shot(page, 'phone-dossier-bg.png');
    await page.getByRole('combobox', { name: 'Език' }).selectOption('pl');
    await page.getByRole('heading', { level: 2, name: 'Źródła danych', exact: true }).waitFor();
    expect(await overflowingTables(page)).toEqual([]);
    await shot(page, 'phone-dossier-pl.png');
    await page.getByRole('combobox', { name: 'Język' }).selectOption('en');
  });

  it("says someone else's car is not registered to the citizen, just as for a VIN that does not exist", async () => {
    const stranger = await sql<{ vin: string }>`
      SELECT v.vin FROM vehicles.vehicles v
      WHERE NOT EXISTS (SELECT 1 FROM vehicles.registrations r WHERE r.vin = v.vin AND r.owner_id = ${citizen})
      ORDER BY v.vin LIMIT 1`.execute(platform.database.db);
    for (const other of [stranger.rows[0]!.vin, 'WVWZZZ1JZXW999999']) {
      await page.goto(`${base}/vehicles/${other}/dossier`);
      await page.getByText('No vehicle with this VIN is registered to you.').waitFor();
      await page.getByRole('link', { name: "Check a vehicle's history" }).waitFor();
      expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
    }
    await shot(page, 'phone-dossier-not-yours-en.png');
  });

  it('keeps the signed-in session in a new tab', async () => {
    const tab = watch(await context.newPage(), 'new tab');
    await tab.goto(`${base}/profile`);
    await tab.getByRole('heading', { level: 1, name: 'My profile' }).waitFor();
    await tab.getByRole('button', { name: 'Sign out' }).waitFor();
    await tab.close();
  });

  it('shows the last profile and dossier offline, saying they are saved data and from when', async () => {
    await page.goto(`${base}/profile`);
    await page.getByRole('heading', { level: 2, name: 'Driving licence' }).waitFor();
    await page.evaluate(async () => {
      const { navigator } = globalThis as unknown as {
        navigator: { serviceWorker: { ready: Promise<unknown> } };
      };
      await navigator.serviceWorker.ready;
    });
    // The service worker controls the page only from the next load.
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Driving licence' }).waitFor();
    await page.goto(`${base}/vehicles/${vin}/dossier`);
    await page.getByRole('heading', { level: 2, name: 'Sources of the data', exact: true }).waitFor();

    await context.setOffline(true);
    try {
      await page.reload();
      await page.getByRole('heading', { level: 2, name: 'Sources of the data', exact: true }).waitFor();
      await page.getByText(/^You are offline\. Showing saved data from /).waitFor();
      expect(await page.getByText('The report could not be loaded').count()).toBe(0);
      await shot(page, 'phone-dossier-offline-en.png');

      await page.getByRole('link', { name: 'My profile' }).first().click();
      await page.getByRole('heading', { level: 2, name: 'Driving licence' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Documents' }).waitFor();
      await page.getByText(/^You are offline\. Showing saved data from /).waitFor();
      await page.reload();
      await page.getByRole('heading', { level: 2, name: 'Driving licence' }).waitFor();
      await page.getByText(/^You are offline\. Showing saved data from /).waitFor();
      expect(await page.getByText('Your profile could not be loaded').count()).toBe(0);
      await shot(page, 'phone-profile-offline-en.png');
    } finally {
      await context.setOffline(false);
    }
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Driving licence' }).waitFor();
    expect(await page.getByText(/^You are offline/).count()).toBe(0);
  });

  it('offers every car the citizen owns for the parking permit, and fills the form with the one chosen', async () => {
    const owned = await vehicleQueries(platform.database.db).byCurrentOwner(citizen);
    expect(owned.length).toBeGreaterThanOrEqual(2);
    await page.goto(`${base}/services/parking-permit`);
    await page.getByRole('heading', { level: 1, name: 'Confirm your data' }).waitFor();
    const choice = page.getByRole('combobox', { name: 'Vehicle the permit is for' });
    // The select appears once the prefill has answered; read its options only then.
    await choice.locator('option').first().waitFor({ state: 'attached' });
    const options = await choice
      .locator('option')
      .evaluateAll((elements) => elements.map((element) => (element as unknown as { value: string }).value));
    expect(options).toEqual(owned.map((car) => car.vin));
    const form = page.locator('form');
    await form.locator('dd').getByText(owned[0]!.vin).waitFor();
    await choice.selectOption(owned[1]!.vin);
    await form.locator('dd').getByText(owned[1]!.vin).waitFor();
    await form.locator('dd').getByText(owned[1]!.plate!).waitFor();
    expect(await form.locator('dd').getByText(owned[0]!.vin).count()).toBe(0);
    expect(await overflowingTables(page)).toEqual([]);
    await shot(page, 'phone-parking-permit-en.png');
    await page.getByRole('button', { name: 'Confirm and continue' }).click();
    await page.getByText('Your data is confirmed.').waitFor();
    await page.getByText(owned[1]!.vin).first().waitFor();
  });

  it('tells a person living outside Sofia without a car why they cannot apply, instead of asking for a plate', async () => {
    const found = await sql<{ egn: string }>`
      SELECT p.egn FROM population.persons p
      WHERE NOT p.deceased AND p.birth_date <= '2000-01-01'
        AND NOT EXISTS (SELECT 1 FROM population.addresses a
                        WHERE a.egn = p.egn AND a.municipality_name = 'Столична')
        AND NOT EXISTS (SELECT 1 FROM vehicles.registrations r WHERE r.owner_id = p.egn)
      ORDER BY p.egn LIMIT 1`.execute(platform.database.db);
    const outsider = found.rows[0]!.egn;
    const outsiderContext = await browser.newContext({ locale: 'bg-BG', viewport: PHONE });
    try {
      const other = watch(await outsiderContext.newPage(), 'outsider');
      await signIn(other, outsider);
      await other.goto(`${base}/services/parking-permit`);
      await other.getByText('Не можете да подадете заявление за разрешение за паркиране за живущи').waitFor();
      await other.getByText(/Нито постоянният, нито настоящият ви адрес/).waitFor();
      await other.getByText(/няма регистрирано превозно средство на ваше име/).waitFor();
      expect(await other.getByRole('textbox').count()).toBe(0);
      expect(await other.getByRole('button', { name: 'Потвърди и продължи' }).count()).toBe(0);
      await shot(other, 'phone-parking-permit-not-eligible-bg.png');
      await other.getByRole('combobox', { name: 'Език' }).selectOption('en');
      await other.getByText('You cannot apply for a resident parking permit').waitFor();
      await other.getByRole('heading', { level: 1, name: 'Resident parking permit' }).waitFor();
      await other.getByText(/Sofia Municipality issues this permit to its residents/).waitFor();
      await shot(other, 'phone-parking-permit-not-eligible-en.png');
      await other.getByRole('combobox', { name: 'Language' }).selectOption('pl');
      await other.getByText('Nie możesz złożyć wniosku o abonament parkingowy mieszkańca').waitFor();
      await other.getByText(/obszaru, którym zarządza Stołeczna Gmina Sofia/).waitFor();
      await shot(other, 'phone-parking-permit-not-eligible-pl.png');
    } finally {
      await outsiderContext.close();
    }
  });

  it('calls a well-formed reference that was never issued unknown, not "not a reference"', async () => {
    const issued = newReference();
    const mistyped = `${issued.slice(0, -1)}${issued.endsWith('0') ? '1' : '0'}`;
    await page.goto(`${base}/verify/${mistyped}`);
    await page.getByText('Civitas has not issued a report with this reference.', { exact: false }).waitFor();
    expect(await page.getByText(/is not a report reference/).count()).toBe(0);
    await shot(page, 'phone-verify-unknown-en.png');
  });

  it('signs out in one tab for every tab, and keeps nothing of the person saved on the device', async () => {
    const savedCount = (target: Page) =>
      target.evaluate(
        () =>
          new Promise<number>((resolve, reject) => {
            const { indexedDB } = globalThis as unknown as {
              indexedDB: {
                open(name: string): {
                  result: {
                    objectStoreNames: { contains(name: string): boolean };
                    transaction(store: string): {
                      objectStore(store: string): { count(): { result: number; onsuccess: () => void } };
                    };
                    close(): void;
                  };
                  onsuccess: () => void;
                  onerror: () => void;
                };
              };
            };
            const request = indexedDB.open('civitas-saved-answers');
            request.onerror = () => reject(new Error('IndexedDB did not open'));
            request.onsuccess = () => {
              const db = request.result;
              if (!db.objectStoreNames.contains('answers')) {
                db.close();
                resolve(0);
                return;
              }
              const count = db.transaction('answers').objectStore('answers').count();
              count.onsuccess = () => {
                db.close();
                resolve(count.result);
              };
            };
          }),
      );
    await page.goto(`${base}/profile`);
    await page.getByRole('heading', { level: 2, name: 'Driving licence' }).waitFor();
    expect(await savedCount(page)).toBeGreaterThan(0);
    const otherTab = watch(await context.newPage(), 'second tab');
    await otherTab.goto(`${base}/profile`);
    await otherTab.getByRole('heading', { level: 1, name: 'My profile' }).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    // The eID node may ask to confirm its own sign-out on a page of its own.
    await page.waitForURL((url) => url.pathname === '/' || url.pathname.startsWith('/oidc/'));
    if (new URL(page.url()).pathname.startsWith('/oidc/'))
      await page
        .getByRole('button', { name: /Sign out|Изход/ })
        .first()
        .click();
    await page.getByRole('button', { name: 'Sign in with eID' }).waitFor();
    await otherTab.getByRole('button', { name: 'Sign in with eID' }).waitFor();
    expect(await savedCount(page)).toBe(0);
    await otherTab.close();
  });

  it('ran without page errors or CSP violations', () => {
    expect(pageErrors).toEqual([]);
  });
});
