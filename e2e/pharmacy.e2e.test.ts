import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TypedSearchIndex } from '../server/src/capabilities/ehealth/fhir/search/index-writer.ts';
import { ResourceStore } from '../server/src/capabilities/ehealth/fhir/store.ts';
import { tablesOf } from '../server/src/db/index.ts';
import { eidIssuer, issueScriptingToken } from '../server/src/identity/tokens.ts';
import type { TestPlatform } from '../server/test/platform.ts';
import { expectAccessible, launchChromium, signInWithEid, startWebPlatform, watchPage } from './browser.ts';
import { writeQrVideo } from './fake-camera.ts';

const PHONE = { width: 360, height: 800 };

/** The link of a person to their Patient (read here only to make the demo citizen's record when it is missing). */
interface PatientLinks {
  'ehealth.patients': { personal_number: string; patient_id: string };
}

interface DemoAccount {
  role: string;
  personalNumber: string;
  name: string;
  organisation: string | null;
}

/**
 * The pharmacist's workspace: the demo GP issues a prescription for the demo citizen; the demo
 * pharmacist finds it by its number (typed, or read from a picture of its QR) and the citizen's
 * personal number, dispenses part and then the rest after a confirmation; a second dispense is
 * refused, and a wrong pair is "not found". At 360 px, in English, Bulgarian and Polish, with axe.
 */
describe('the pharmacy (Chromium, 360 px)', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let base: string;
  let accounts: DemoAccount[];
  let doctorToken: string;
  let pharmacistToken: string;
  let patientId: string;
  const pageErrors: string[] = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'civitas-pharmacy-'));

  const account = (role: string, organisation?: string) =>
    accounts.find((entry) => entry.role === role && (!organisation || entry.organisation === organisation))!;
  const citizen = () => account('citizen');

  beforeAll(async () => {
    ({ platform, base } = await startWebPlatform());
    accounts = (
      await platform.app.inject({ method: 'GET', url: '/api/demo/accounts' })
    ).json() as DemoAccount[];
    // The demo citizen's record: seeded by the synthetic health data when it is there, made here otherwise.
    const db = tablesOf<PatientLinks>(platform.database.db);
    const link = await db
      .selectFrom('ehealth.patients')
      .select('patient_id')
      .where('personal_number', '=', citizen().personalNumber)
      .executeTakeFirst();
    patientId = link?.patient_id ?? randomUUID();
    if (!link) {
      const [given, ...family] = citizen().name.split(' ');
      await new ResourceStore(platform.database.db, new TypedSearchIndex()).importResources([
        {
          resourceType: 'Patient',
          id: patientId,
          identifier: [{ system: 'https://civitas.example/fhir/sid/egn', value: citizen().personalNumber }],
          name: [{ given: [given!], family: family.join(' '), text: citizen().name }],
          birthDate: '1986-05-14',
        },
      ]);
      await db
        .insertInto('ehealth.patients')
        .values({ personal_number: citizen().personalNumber, patient_id: patientId })
        .execute();
    }
    const eid = eidIssuer(platform.config.publicUrl);
    doctorToken = await issueScriptingToken(
      platform.keys,
      eid,
      account('doctor', 'ГППМП „Здраве Лозенец“').personalNumber,
      ['citizen', 'doctor'],
    );
    pharmacistToken = await issueScriptingToken(platform.keys, eid, account('pharmacist').personalNumber, [
      'citizen',
      'pharmacist',
    ]);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  /** The demo GP issues a prescription (as the clinician's screen does, through the JSON API). */
  async function issue(quantity: number): Promise<{ number: string; qr: string }> {
    const reply = await platform.app.inject({
      method: 'POST',
      url: '/api/health/prescriptions',
      headers: { authorization: `Bearer ${doctorToken}` },
      payload: { patient: patientId, medication: 'C09AA05', dosage: 'по 1 таблетка 5 mg сутрин', quantity },
    });
    expect(reply.statusCode, reply.body).toBe(201);
    return reply.json();
  }

  async function pharmacistPage(locale: string): Promise<Page> {
    const context = await browser.newContext({ locale, viewport: PHONE });
    const page = watchPage(await context.newPage(), pageErrors, { who: `pharmacist ${locale}` });
    await signInWithEid(page, base, account('pharmacist').personalNumber, platform.config.demoPin);
    await page.goto(`${base}/pharmacy`);
    return page;
  }

  async function expectFitsAPhone(page: Page, screenshot: string) {
    await expectAccessible(page, screenshot);
    const overflow = await page.evaluate(() => {
      const root = (
        globalThis as unknown as {
          document: { documentElement: { scrollWidth: number; clientWidth: number } };
        }
      ).document.documentElement;
      return root.scrollWidth - root.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
  }

  it('finds a prescription, dispenses part and then the rest, and refuses a second dispense', async () => {
    const { number, qr } = await issue(3);
    const page = await pharmacistPage('en-GB');
    await page.getByRole('heading', { level: 1, name: 'Dispense prescriptions' }).waitFor();

    // Checked before anything is sent.
    await page.getByRole('button', { name: 'Find the prescription' }).click();
    await page.getByRole('link', { name: 'Enter the prescription number' }).waitFor();
    await page.getByRole('link', { name: "Enter the patient's personal number" }).waitFor();
    await expectFitsAPhone(page, 'pharmacy-errors-en.png');

    // A mistyped number is caught by its check character.
    const typo = number.slice(0, 11) + (number[11] === '2' ? '3' : '2');
    await page.getByLabel('Prescription number').fill(typo);
    await page.getByLabel("Patient's personal number").fill(citizen().personalNumber);
    await page.getByRole('button', { name: 'Find the prescription' }).click();
    await page
      .getByRole('link', { name: 'This is not a valid prescription number: check each character' })
      .waitFor();

    // A wrong pair: the number with another person's personal number is "not found", nothing more.
    await page.getByLabel('Prescription number').fill(number);
    await page.getByLabel("Patient's personal number").fill(account('official').personalNumber);
    await page.getByRole('button', { name: 'Find the prescription' }).click();
    await page.getByText('No prescription with this number for this patient.').waitFor();
    await expectFitsAPhone(page, 'pharmacy-not-found-en.png');

    // The number read from a picture of the patient's QR code; the personal number typed.
    const picture = path.join(tmp, 'prescription-qr.png');
    await QRCode.toFile(picture, qr, { width: 320, margin: 2 });
    await page.getByLabel('Prescription number').fill('');
    await page.getByLabel('Read a picture of the QR code').setInputFiles(picture);
    await expect.poll(() => page.getByLabel('Prescription number').inputValue()).toBe(number);
    await page.getByLabel("Patient's personal number").fill(citizen().personalNumber);
    await page.getByRole('button', { name: 'Find the prescription' }).click();

    await page.getByRole('heading', { level: 2, name: 'Ramipril' }).waitFor();
    const shown = await page.locator('main').textContent();
    expect(shown).toContain('по 1 таблетка 5 mg сутрин');
    expect(shown).toContain('3 packs of 3');
    expect(shown).toContain(citizen().name);
    expect(shown).toContain('ГППМП „Здраве Лозенец“');
    expect(shown).toContain(account('doctor', 'ГППМП „Здраве Лозенец“').name);
    // Nowhere the personal number: not the patient's, not in the page.
    expect(await page.locator('body').textContent()).not.toContain(citizen().personalNumber);
    await expectFitsAPhone(page, 'pharmacy-found-en.png');

    // Part of it, after a confirmation.
    await page.getByLabel('Packs to hand over').selectOption({ label: '2 packs' });
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText(`Hand over 2 packs of Ramipril to ${citizen().name}?`).waitFor();
    await expectFitsAPhone(page, 'pharmacy-confirm-en.png');
    await page.getByRole('button', { name: 'Yes, dispense' }).click();
    await page.getByText('2 packs of Ramipril handed over and recorded.').waitFor();
    await page.getByText('1 pack is left on the prescription.').waitFor();
    await expectFitsAPhone(page, 'pharmacy-dispensed-en.png');

    // The rest, found again; meanwhile another pharmacy hands it over: the confirmation is refused.
    await page.getByRole('button', { name: 'Next prescription' }).click();
    await page.getByLabel('Prescription number').fill(number);
    await page.getByLabel("Patient's personal number").fill(citizen().personalNumber);
    await page.getByRole('button', { name: 'Find the prescription' }).click();
    await page.getByText('1 pack of 3').waitFor();
    await page.getByRole('button', { name: 'Continue' }).click();
    const elsewhere = await platform.app.inject({
      method: 'POST',
      url: `/api/health/prescriptions/${number}/dispenses`,
      headers: { authorization: `Bearer ${pharmacistToken}` },
      payload: { patient: citizen().personalNumber, quantity: 1 },
    });
    expect(elsewhere.statusCode).toBe(201);
    await page.getByRole('button', { name: 'Yes, dispense' }).click();
    await page.getByRole('alert').getByText('This prescription has already been dispensed in full').waitFor();
    // The prescription is shown as it now is: nothing left, no way to confirm again.
    await page.getByText('0 packs of 3').waitFor();
    expect(await page.getByRole('button', { name: 'Yes, dispense' }).count()).toBe(0);
    await expectFitsAPhone(page, 'pharmacy-refused-en.png');

    // Found once more: dispensed in full, nothing more to hand over.
    await page.getByRole('button', { name: 'Next prescription' }).click();
    await page.getByLabel('Prescription number').fill(number);
    await page.getByLabel("Patient's personal number").fill(citizen().personalNumber);
    await page.getByRole('button', { name: 'Find the prescription' }).click();
    await page.getByText('This prescription has already been dispensed in full').first().waitFor();
    expect(await page.getByRole('button', { name: 'Continue' }).count()).toBe(0);
    await expectFitsAPhone(page, 'pharmacy-completed-en.png');

    // A second dispense through the API is refused too.
    const again = await platform.app.inject({
      method: 'POST',
      url: `/api/health/prescriptions/${number}/dispenses`,
      headers: { authorization: `Bearer ${pharmacistToken}` },
      payload: { patient: citizen().personalNumber, quantity: 1 },
    });
    expect([again.statusCode, again.json().code]).toEqual([409, 'prescription-already-dispensed']);
    expect(pageErrors).toEqual([]);
  });

  it('reads the prescription number with the camera, and stops the camera once it has it', async () => {
    const { number, qr } = await issue(1);
    const video = path.join(tmp, 'prescription-qr.y4m');
    writeQrVideo(qr, video);
    // A browser of its own whose camera films the patient's QR code.
    const filming = await launchChromium([
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ]);
    try {
      const context = await filming.newContext({ locale: 'en-GB', viewport: PHONE, permissions: ['camera'] });
      const page = watchPage(await context.newPage(), pageErrors, { who: 'pharmacist with a camera' });
      await signInWithEid(page, base, account('pharmacist').personalNumber, platform.config.demoPin);
      await page.goto(`${base}/pharmacy`);
      await page.getByRole('button', { name: 'Scan the QR code' }).click();
      await expect
        .poll(() => page.getByLabel('Prescription number').inputValue(), { timeout: 20_000 })
        .toBe(number);
      // The camera is closed once the number is read: the scan button is back, the video gone.
      await page.getByRole('button', { name: 'Scan the QR code' }).waitFor();
      expect(await page.getByLabel("Camera view for reading the prescription's QR code").count()).toBe(0);
      await expectFitsAPhone(page, 'pharmacy-camera-read-en.png');
    } finally {
      await filming.close();
    }
  });

  it('shows a cancelled prescription as cancelled, with nothing to dispense', async () => {
    const { number } = await issue(2);
    const cancel = await platform.app.inject({
      method: 'POST',
      url: `/api/health/prescriptions/${number}/cancel`,
      headers: { authorization: `Bearer ${doctorToken}` },
    });
    expect(cancel.json()).toEqual({ number, status: 'cancelled' });
    const page = await pharmacistPage('en-GB');
    await page.getByLabel('Prescription number').fill(number);
    await page.getByLabel("Patient's personal number").fill(citizen().personalNumber);
    await page.getByRole('button', { name: 'Find the prescription' }).click();
    await page.getByRole('alert').getByText('The doctor has cancelled this prescription').waitFor();
    await page.getByText('Cancelled', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Continue' }).count()).toBe(0);
    await expectFitsAPhone(page, 'pharmacy-cancelled-en.png');
    expect(pageErrors).toEqual([]);
  });

  it('speaks Bulgarian and Polish: the medicine in words, dispensed in full', async () => {
    for (const [locale, heading, find, medicine, left, confirm, done] of [
      [
        'bg-BG',
        'Отпускане по рецепта',
        'Намери рецептата',
        'Рамиприл',
        '1 опаковка от 1',
        'Да, отпусни',
        'Рецептата вече е изпълнена изцяло.',
      ],
      [
        'pl-PL',
        'Realizacja recept',
        'Znajdź receptę',
        'Ramipryl',
        '1 opakowanie z 1',
        'Tak, wydaj',
        'Recepta jest teraz w całości zrealizowana.',
      ],
    ] as const) {
      const { number } = await issue(1);
      const page = await pharmacistPage(locale);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.getByLabel(/Номер на рецептата|Numer recepty/).fill(number);
      await page.getByLabel(/ЕГН на пациента|Numer identyfikacyjny pacjenta/).fill(citizen().personalNumber);
      await page.getByRole('button', { name: find }).click();
      await page.getByRole('heading', { level: 2, name: medicine }).waitFor();
      await page.getByText(left).waitFor();
      await expectFitsAPhone(page, `pharmacy-found-${locale}.png`);
      await page.getByRole('button', { name: /^(Напред|Dalej)$/ }).click();
      await page.getByRole('button', { name: confirm }).click();
      await page.getByText(done).waitFor();
      await expectFitsAPhone(page, `pharmacy-dispensed-${locale}.png`);
    }
    expect(pageErrors).toEqual([]);
  });
});
