import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestPlatform } from '../server/test/platform.ts';
import { expectAccessible, launchChromium, signInWithEid, startWebPlatform, watchPage } from './browser.ts';

/** The narrowest phone the app is made for. */
const PHONE = { width: 360, height: 800 };
const LANGUAGES = { en: 'en-GB', bg: 'bg-BG', pl: 'pl-PL' } as const;
type Language = keyof typeof LANGUAGES;

interface DemoAccount {
  role: string;
  personalNumber: string;
  name: string;
  nameLatin: string;
}

/** The words each step looks for, in each language. */
const WORDS = {
  en: {
    patients: 'My patients',
    open: 'Open chart',
    allergies: 'Allergies',
    labs: 'Lab results',
    record: 'Record an encounter',
    reason: 'Reason for the visit',
    test: 'Test',
    result: /^Result \(/,
    medicine: 'Medicine',
    save: 'Save the encounter',
    issued: 'Prescription issued',
    number: 'Prescription number',
    findTitle: 'Find a patient',
    find: 'Find',
    personalNumber: 'Personal number (EGN)',
    noAccess: "No access to this patient's record",
    breakGlassReason: 'Reason for emergency access',
    told: 'The patient will be told',
    openEmergency: 'Open the record in an emergency',
    emergency: /^Emergency access until \d{1,2}:\d{2}/,
    back: 'Back to my patients',
  },
  bg: {
    patients: 'Моите пациенти',
    open: 'Отвори досието',
    allergies: 'Алергии',
    labs: 'Лабораторни резултати',
    record: 'Запиши преглед',
    reason: 'Повод за прегледа',
    test: 'Изследване',
    result: /^Резултат \(/,
    medicine: 'Лекарство',
    save: 'Запази прегледа',
    issued: 'Издадена рецепта',
    number: 'Номер на рецептата',
    findTitle: 'Намиране на пациент',
    find: 'Търси',
    personalNumber: 'ЕГН',
    noAccess: 'Нямате достъп до досието на този пациент',
    breakGlassReason: 'Причина за спешния достъп',
    told: 'Пациентът ще бъде уведомен',
    openEmergency: 'Отвори досието при спешност',
    emergency: /^Спешен достъп до \d{1,2}:\d{2}/,
    back: 'Обратно към моите пациенти',
  },
  pl: {
    patients: 'Moi pacjenci',
    open: 'Otwórz kartę',
    allergies: 'Alergie',
    labs: 'Wyniki badań laboratoryjnych',
    record: 'Zapisz wizytę',
    reason: 'Powód wizyty',
    test: 'Badanie',
    result: /^Wynik \(/,
    medicine: 'Lek',
    save: 'Zapisz wizytę',
    issued: 'Wystawiona recepta',
    number: 'Numer recepty',
    findTitle: 'Znajdź pacjenta',
    find: 'Znajdź',
    personalNumber: 'Numer osobisty (EGN)',
    noAccess: 'Brak dostępu do dokumentacji tego pacjenta',
    breakGlassReason: 'Powód dostępu w nagłym przypadku',
    told: 'Pacjent zostanie powiadomiony',
    openEmergency: 'Otwórz dokumentację w nagłym przypadku',
    emergency: /^Dostęp w nagłym przypadku do \d{1,2}:\d{2}/,
    back: 'Wróć do moich pacjentów',
  },
} as const;

/**
 * The doctor's workspace, signed in through the eID as the demo doctors, at 360 px in English,
 * Bulgarian and Polish, checked with axe: the GP opens the demo citizen's chart and records an
 * encounter with a lab result and a prescription (one FHIR transaction), and sees its number and
 * QR; the specialist, who is not the citizen's doctor, finds them by personal number, is refused,
 * and opens the record by break-glass with a reason, under an "emergency access" banner.
 */
describe("the doctor's workspace (Chromium, 360 px, bg/en/pl)", () => {
  let platform: TestPlatform;
  let browser: Browser;
  let base: string;
  let accounts: DemoAccount[];
  const pageErrors: string[] = [];
  /** Every URL the pages asked for: the citizen's personal number must be in none. */
  const requested: string[] = [];

  beforeAll(async () => {
    ({ platform, base } = await startWebPlatform());
    accounts = (
      await platform.app.inject({ method: 'GET', url: '/api/demo/accounts' })
    ).json() as DemoAccount[];
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  const citizen = () => accounts.find((account) => account.role === 'citizen')!;
  /** The demo GP (the citizen's doctor) is the first doctor account; the hospital specialist the second. */
  const doctors = () => accounts.filter((account) => account.role === 'doctor');

  async function signIn(personalNumber: string, language: Language): Promise<Page> {
    const context = await browser.newContext({ locale: LANGUAGES[language], viewport: PHONE });
    // The specialist's refused search and the expected "not found" reads are logged by Chromium as failed loads.
    const page = watchPage(await context.newPage(), pageErrors, { who: `${personalNumber} ${language}` });
    page.on('request', (request) => requested.push(request.url()));
    await signInWithEid(page, base, personalNumber, platform.config.demoPin);
    return page;
  }

  async function expectAccessibleOnAPhone(page: Page, screenshot: string) {
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

  /** No personal number of anybody on the screen (the doctor typed one in a field, which is not text). */
  async function expectNoPersonalNumbers(page: Page) {
    for (const text of await page.locator('main').allInnerTexts()) expect(text).not.toMatch(/\b\d{10,11}\b/);
  }

  it.each(Object.keys(LANGUAGES) as Language[])(
    "lets the GP record an encounter with a lab result and a prescription in the citizen's chart (%s)",
    async (language) => {
      const words = WORDS[language];
      const [gp] = doctors();
      const page = await signIn(gp!.personalNumber, language);
      await page.getByRole('heading', { level: 1, name: words.patients }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/clinic');

      // The citizen is on the GP's list, by name (transliterated for Latin-script readers).
      const latinGiven = citizen().nameLatin.split(' ')[0]!;
      const given = language === 'bg' ? citizen().name.split(' ')[0]! : latinGiven;
      const row = page.locator('li').filter({ hasText: given }).first();
      await row.waitFor();
      await expectAccessibleOnAPhone(page, `clinic-list-${language}.png`);
      await row.getByRole('button', { name: new RegExp(`^${words.open}`) }).click();

      await page.getByRole('heading', { level: 1, name: new RegExp(given) }).waitFor();
      await page.getByText(words.allergies, { exact: true }).first().waitFor();
      await page.getByRole('heading', { level: 2, name: words.labs }).waitFor();
      await expectNoPersonalNumbers(page);
      await expectAccessibleOnAPhone(page, `clinic-chart-${language}.png`);

      await page.getByRole('button', { name: words.record }).click();
      await page.getByLabel(words.reason).fill(`Control ${language}: blood sugar`);
      await page.getByLabel(words.test, { exact: true }).selectOption('4548-4');
      await page.getByLabel(words.result).fill('7,6');
      await page.getByLabel(words.medicine, { exact: true }).selectOption('A10BA02');
      await page.getByRole('button', { name: words.save }).click();

      await page.getByRole('heading', { level: 2, name: words.issued }).waitFor();
      const number = (await page.getByTestId('prescription-number').textContent())?.trim();
      expect(number).toMatch(/^[0-9A-Z]{12}$/);
      await page.locator('img.clinic-rx-qr').waitFor();
      await page.getByText(words.number).waitFor();
      await expectAccessibleOnAPhone(page, `clinic-prescription-${language}.png`);

      // The prescription is in the record, with that number, and the lab result with its range.
      const token = await tokenOf(gp!.personalNumber);
      const search = await platform.app.inject({
        method: 'GET',
        url: `/fhir/R4/MedicationRequest?identifier=${encodeURIComponent(`https://civitas.example/fhir/sid/prescription-number|${number}`)}`,
        headers: { authorization: `Bearer ${token}`, accept: 'application/fhir+json' },
      });
      expect(search.statusCode, search.body).toBe(200);
      const found = search.json() as { entry?: Array<{ resource: { encounter?: { reference?: string } } }> };
      expect(found.entry?.length).toBe(1);
      const encounter = found.entry![0]!.resource.encounter?.reference;
      expect(encounter).toMatch(/^Encounter\//);
      const labs = await platform.app.inject({
        method: 'GET',
        url: `/fhir/R4/Observation?encounter=${encounter}&code=http://loinc.org|4548-4`,
        headers: { authorization: `Bearer ${token}`, accept: 'application/fhir+json' },
      });
      const lab = (
        labs.json() as {
          entry?: Array<{ resource: { valueQuantity?: { value?: number }; referenceRange?: unknown[] } }>;
        }
      ).entry?.[0]?.resource;
      expect(lab?.valueQuantity?.value).toBe(7.6);
      expect(lab?.referenceRange?.length).toBe(1);
      await page.context().close();
    },
  );

  async function chooseLanguage(page: Page, language: Language) {
    await page.getByRole('combobox', { name: /Language|Език|Język/ }).selectOption(language);
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe(language);
  }

  it('lets the specialist open the record of a patient not in their care only by break-glass', async () => {
    const [, specialist] = doctors();
    const page = await signIn(specialist!.personalNumber, 'en');
    let words: (typeof WORDS)[Language] = WORDS.en;
    await page.getByRole('heading', { level: 1, name: words.patients }).waitFor();
    // The synthetic record refers a patient of the demo GP to her (an active ServiceRequest): she
    // sees them listed "by referral", with the reason in words, and the citizen is not among them.
    const referred = page.getByRole('region', { name: 'Patients referred to you' });
    await referred.getByText('Referred for: High blood pressure (hypertension)').first().waitFor();
    expect(await referred.getByRole('button', { name: /^Open chart/ }).count()).toBeGreaterThan(0);
    const listed = (await referred.textContent()) ?? '';
    expect([listed.includes(citizen().nameLatin), listed.includes(citizen().name)]).toEqual([false, false]);
    await expectAccessibleOnAPhone(page, 'clinic-specialist-referred-en.png');

    const find = page.getByRole('region', { name: words.findTitle });
    await find.getByLabel(words.personalNumber, { exact: true }).fill(citizen().personalNumber);
    await find.getByRole('button', { name: words.find, exact: true }).click();
    await page.getByText(words.noAccess).first().waitFor();
    // The reason is required: too short is refused before anything is asked.
    await page.getByLabel(words.breakGlassReason).fill('ER');
    await page.getByRole('button', { name: words.openEmergency }).click();
    await page.getByRole('link').filter({ hasText: /10/ }).first().waitFor();
    for (const language of ['en', 'bg', 'pl'] as const) {
      await chooseLanguage(page, language);
      words = WORDS[language];
      await page.getByText(words.noAccess).first().waitFor();
      await page.getByText(words.told).waitFor();
      await expectAccessibleOnAPhone(page, `clinic-break-glass-${language}.png`);
    }

    await page
      .getByLabel(words.breakGlassReason)
      .fill('Unconscious patient in the emergency room, no relatives reachable');
    await page.getByRole('button', { name: words.openEmergency }).click();
    for (const language of ['pl', 'bg', 'en'] as const) {
      await chooseLanguage(page, language);
      words = WORDS[language];
      await page.getByText(words.emergency).waitFor();
      await page.getByText(words.allergies, { exact: true }).first().waitFor();
      await page.getByRole('heading', { level: 2, name: words.labs }).waitFor();
      await expectNoPersonalNumbers(page);
      await expectAccessibleOnAPhone(page, `clinic-emergency-chart-${language}.png`);
    }

    // Within the hour, finding the patient again opens the chart, still under the banner.
    await page.getByRole('button', { name: words.back }).click();
    await page
      .getByRole('region', { name: words.findTitle })
      .getByLabel(words.personalNumber, { exact: true })
      .fill(citizen().personalNumber);
    await page
      .getByRole('region', { name: words.findTitle })
      .getByRole('button', { name: words.find, exact: true })
      .click();
    await page.getByText(words.emergency).waitFor();
    // The personal number typed by the doctor never went into a URL.
    expect(requested.filter((url) => url.includes(citizen().personalNumber))).toEqual([]);
    await page.context().close();
  });

  async function tokenOf(personalNumber: string): Promise<string> {
    const answer = await platform.app.inject({
      method: 'POST',
      url: '/api/demo/tokens',
      payload: { personalNumber },
    });
    return answer.json().accessToken as string;
  }

  it('ran without page errors or CSP violations', () => {
    expect(pageErrors).toEqual([]);
  });
});
