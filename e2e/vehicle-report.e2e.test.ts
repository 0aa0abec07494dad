import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectionsByVin } from '../server/src/registers/index.ts';
import type { TestPlatform } from '../server/test/platform.ts';
import {
  expectAccessible,
  launchChromium,
  SCREENSHOTS,
  signInWithEid,
  startWebPlatform,
  watchPage,
} from './browser.ts';

const PURPOSE = 'vehicle-history-report';

interface OwnedVehicle {
  vin: string;
  make: string;
  model: string;
  firstRegistrationDate: string;
}

/**
 * The vehicle history report in the browser. The seed hands the demo citizen (the first demo
 * person, whom the eID sign-in uses) two passenger cars with inspections, one of them with an
 * odometer rollback; the test takes the one with the most inspections, read from /api/me and the
 * inspections register, so it does not depend on the seed's exact VINs.
 */
describe('vehicle history reports in the web app (Chromium)', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let owner: Page;
  let visitor: Page;
  let visitorContext: BrowserContext;
  let base: string;
  let citizen: string;
  let car: OwnedVehicle;
  let ownerToken: string;
  let ownerPdf: { file: string; reference: string };
  let visitorJson: string;
  const pageErrors: string[] = [];

  // Expected 4xx answers (a wrong fact, an unknown reference) are logged by Chromium as failed loads.
  const watch = (page: Page, who: string) => watchPage(page, pageErrors, { who });

  async function usageTotal(): Promise<number> {
    const response = await platform.app.inject({
      method: 'GET',
      url: `/api/me/data-usage?purpose=${encodeURIComponent(PURPOSE)}`,
      headers: { authorization: `Bearer ${ownerToken}` },
    });
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { total: number }).total;
  }

  async function saved(download: Download, name: string): Promise<string> {
    const file = path.join(SCREENSHOTS, name);
    await download.saveAs(file);
    return file;
  }

  async function expectPdf(file: string) {
    expect(fs.readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }

  beforeAll(async () => {
    ({ platform, base } = await startWebPlatform());

    citizen = platform.seeded.demoPersons[0]!;
    const token = await platform.app.inject({
      method: 'POST',
      url: '/api/demo/tokens',
      payload: { personalNumber: citizen },
    });
    ownerToken = token.json().accessToken;
    const me = await platform.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: `Bearer ${ownerToken}` },
    });
    const vehicles = (me.json() as { vehicles: OwnedVehicle[] }).vehicles;
    const inspectionsOf = inspectionsByVin(platform.database.db);
    const inspected = await Promise.all(
      vehicles.map(async ({ vin }) => ({ vin, count: (await inspectionsOf(vin)).length })),
    );
    const mostInspected = inspected.toSorted((a, b) => Number(b.count) - Number(a.count))[0];
    if (!mostInspected) throw new Error(`the demo citizen ${citizen} owns no vehicle with inspections`);
    car = vehicles.find((vehicle) => vehicle.vin === mostInspected.vin)!;

    browser = await launchChromium();
    const viewport = { width: 390, height: 844 };
    const ownerContext = await browser.newContext({ locale: 'en-GB', viewport, acceptDownloads: true });
    owner = watch(await ownerContext.newPage(), 'owner');
    visitorContext = await browser.newContext({ locale: 'en-GB', viewport, acceptDownloads: true });
    visitor = watch(await visitorContext.newPage(), 'visitor');
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it("shows the owner their car's dossier from the profile, with the odometer chart, and downloads its PDF", async () => {
    await signInWithEid(owner, base, citizen, platform.config.demoPin);
    await owner.getByRole('heading', { level: 1, name: 'My profile' }).waitFor();

    await owner.getByRole('link', { name: new RegExp(`^History report .*${car.vin}`) }).click();
    await owner.waitForURL(`${base}/vehicles/${car.vin}/dossier`);
    await owner.getByRole('heading', { level: 1, name: 'Vehicle history report' }).waitFor();

    const chart = owner.getByRole('img', { name: 'Odometer readings over time' });
    await chart.waitFor();
    expect(await chart.evaluate((element) => element.tagName.toLowerCase())).toBe('svg');
    expect(await owner.locator('svg[role="img"] > title').textContent()).toBe('Odometer readings over time');
    await owner
      .getByText(/^(Consistent|Rollback detected|Implausible mileage|Not enough data)$/)
      .first()
      .waitFor();
    for (const section of [
      'About this report',
      'Technical data',
      'Registration',
      'Stolen or wanted',
      'Periodic technical inspections',
      'Odometer',
      'Motor third-party liability insurance',
      'Fines',
      'Vehicle tax',
      'Sources of the data',
    ]) {
      await owner.getByRole('heading', { level: 2, name: section, exact: true }).waitFor();
    }
    await owner.getByText('Show the readings as a table').click();
    await owner.getByRole('table', { name: 'Odometer readings' }).waitFor();
    await expectAccessible(owner, 'vehicle-dossier-en.png');
    await chart.screenshot({ path: path.join(SCREENSHOTS, 'vehicle-dossier-odometer-chart-en.png') });

    const [download] = await Promise.all([
      owner.waitForEvent('download'),
      owner.getByRole('button', { name: 'Download PDF' }).click(),
    ]);
    const reference = /^vehicle-report-(VR-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\.pdf$/.exec(
      download.suggestedFilename(),
    )?.[1];
    expect(reference, download.suggestedFilename()).toBeDefined();
    ownerPdf = { file: await saved(download, 'vehicle-report-owner.pdf'), reference: reference! };
    await expectPdf(ownerPdf.file);
    await owner.getByText('The PDF has been saved to your downloads.').waitFor();

    await owner.getByRole('combobox', { name: 'Language' }).selectOption('bg');
    await owner
      .getByRole('heading', { level: 1, name: 'Справка за историята на превозно средство' })
      .waitFor();
    await owner.getByRole('img', { name: 'Показания на километража във времето' }).waitFor();
    await expectAccessible(owner, 'vehicle-dossier-bg.png');
    await owner.getByRole('combobox', { name: 'Език' }).selectOption('en');
  });

  it('lets an anonymous visitor check the car with its first-registration date, without any owner section', async () => {
    expect(await visitorContext.cookies()).toEqual([]);
    await visitor.goto(`${base}/`);
    await visitor.getByRole('link', { name: "Check a vehicle's history" }).click();
    await visitor.getByRole('heading', { level: 1, name: "Check a vehicle's history" }).waitFor();
    await expectAccessible(visitor, 'vehicle-check-form-en.png');

    // Client-side hints: a VIN never contains I, O or Q.
    const vin = visitor.getByLabel('VIN (vehicle identification number)');
    await vin.fill(`${car.vin.slice(0, 16)}O`);
    await visitor.getByRole('button', { name: 'Get the report' }).click();
    await visitor.getByText('There is a problem').waitFor();
    await visitor.getByRole('link', { name: /never contains the letters I, O or Q/ }).waitFor();
    await visitor.getByRole('link', { name: 'Enter the date of first registration.' }).waitFor();
    await expectAccessible(visitor, 'vehicle-check-errors-en.png');

    // A wrong fact gets the same answer as an unknown vehicle, without saying which was wrong.
    await vin.fill(car.vin);
    const wrongDate = car.firstRegistrationDate.endsWith('-01')
      ? car.firstRegistrationDate.replace(/-01$/, '-02')
      : car.firstRegistrationDate.replace(/-\d\d$/, '-01');
    await visitor.locator('input[type="date"]').fill(wrongDate);
    await visitor.getByRole('button', { name: 'Get the report' }).click();
    await visitor.getByText('No vehicle matches these details.').waitFor();

    const before = await usageTotal();
    await visitor.locator('input[type="date"]').fill(car.firstRegistrationDate);
    await visitor.getByRole('button', { name: 'Get the report' }).click();
    await visitor.getByRole('heading', { level: 2, name: `Report on ${car.make} ${car.model}` }).waitFor();
    await visitor.getByRole('img', { name: 'Odometer readings over time' }).waitFor();
    await visitor.getByText('Anyone (public report)').waitFor();
    for (const ownerOnly of ['Fines', 'Vehicle tax']) {
      expect(await visitor.getByRole('heading', { name: ownerOnly, exact: true }).count()).toBe(0);
    }
    expect(await visitor.getByText('Current owner').count()).toBe(0);
    expect(await visitor.getByText(/Shown only to you/).count()).toBe(0);
    expect(await visitor.content()).not.toContain(citizen);
    expect(await usageTotal()).toBeGreaterThan(before);
    await expectAccessible(visitor, 'vehicle-check-report-en.png');

    const [json] = await Promise.all([
      visitor.waitForEvent('download'),
      visitor.getByRole('button', { name: 'Download JSON' }).click(),
    ]);
    visitorJson = await saved(json, 'vehicle-report-public.json');
    const report = JSON.parse(fs.readFileSync(visitorJson, 'utf8')) as Record<string, unknown>;
    expect(report).toMatchObject({ viewer: 'public', vin: car.vin });
    expect(report).not.toHaveProperty('fines');
    expect(report).not.toHaveProperty('tax');

    const [pdf] = await Promise.all([
      visitor.waitForEvent('download'),
      visitor.getByRole('button', { name: 'Download PDF' }).click(),
    ]);
    await expectPdf(await saved(pdf, 'vehicle-report-public.pdf'));
  });

  it('accepts the genuine PDF on its verify page and rejects an altered copy', async () => {
    await visitor.goto(`${base}/verify/${ownerPdf.reference}`);
    await visitor.getByRole('heading', { level: 1, name: 'Check a vehicle history report' }).waitFor();
    await visitor.getByText('Civitas issued a report with this reference.').waitFor();
    await visitor.getByText(car.vin).first().waitFor();

    const file = visitor.getByLabel('The report as a PDF or JSON file');
    const check = visitor.getByRole('button', { name: 'Check the file' });
    await file.setInputFiles(ownerPdf.file);
    await check.click();
    await visitor.getByText('Authentic and unchanged').waitFor();
    await visitor
      .getByText(`The file is report ${ownerPdf.reference}, the one this page is about.`)
      .waitFor();
    await expectAccessible(visitor, 'verify-report-genuine-en.png');

    const bytes = fs.readFileSync(ownerPdf.file);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = bytes[middle]! ^ 0xff;
    const altered = path.join(SCREENSHOTS, 'vehicle-report-owner-altered.pdf');
    fs.writeFileSync(altered, bytes);
    await file.setInputFiles(altered);
    await check.click();
    await visitor.getByText('Rejected').waitFor();
    expect(await visitor.getByText('Authentic and unchanged').count()).toBe(0);
    await visitor.getByText('The report has been changed since Civitas issued it.').waitFor();
    await visitor
      .getByText(`The file names report ${ownerPdf.reference}, the one this page is about, but it is not`)
      .waitFor();
    await expectAccessible(visitor, 'verify-report-altered-en.png');

    // The signed JSON of another report is genuine, but it is not the report this page is about.
    await file.setInputFiles(visitorJson);
    await check.click();
    await visitor.getByText('Authentic and unchanged').waitFor();
    await visitor.getByText(new RegExp(`not report ${ownerPdf.reference} that this page is about`)).waitFor();

    await visitor.goto(`${base}/verify/VR-0000-0000-0000`);
    await visitor
      .getByText('Civitas has not issued a report with this reference.', { exact: false })
      .waitFor();
    await expectAccessible(visitor, 'verify-report-unknown-en.png');
  });

  it("shows the owner the visitor's lookup in “Who used my data”", async () => {
    const total = await usageTotal();
    await owner.getByRole('link', { name: 'Who used my data' }).first().click();
    await owner.getByRole('heading', { level: 1, name: 'Who used my data' }).waitFor();
    await owner.getByLabel('Purpose').selectOption({ label: 'Vehicle history report' });
    await owner.getByRole('button', { name: 'Show records' }).click();
    await owner.getByText(`${total} records`).waitFor();
    // The latest record is the visitor's last lookup: a private buyer is never named.
    const latest = owner.locator('.usage-list__item').first();
    await latest.getByText('Vehicle history report').waitFor();
    await latest.getByText('Not named').waitFor();
    await latest.getByText('Motor vehicle register').waitFor();
    await expectAccessible(owner, 'data-usage-vehicle-report-en.png');
  });

  it('ran without page errors or CSP violations', () => {
    expect(pageErrors).toEqual([]);
  });
});
