import fs from 'node:fs';
import path from 'node:path';
import { OFFENCES } from '@civitas/contracts/registers/fines.ts';
import { INSPECTION_RESULTS } from '@civitas/contracts/registers/inspections.ts';
import { BODY_TYPES, COLOURS, FUELS } from '@civitas/contracts/registers/vehicles.ts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDF_LABELS } from '../server/src/capabilities/vehicle-dossier/pdf-labels.ts';
import { pdfText } from '../server/src/capabilities/vehicle-dossier/test-pdf-text.ts';
import type { TestPlatform } from '../server/test/platform.ts';
import { expectAccessible, launchChromium, SCREENSHOTS, startWebPlatform, watchPage } from './browser.ts';

const LOCALES = path.resolve(import.meta.dirname, '../web/src/shared/i18n/locales');

type Tree = { [key: string]: string | Tree };
const leaves = (tree: unknown): string[] =>
  typeof tree === 'string' ? [tree] : Object.values(tree as Tree).flatMap((value) => leaves(value));
const locale = (code: string) =>
  JSON.parse(fs.readFileSync(path.join(LOCALES, `${code}.json`), 'utf8')) as Tree;
const english = locale('en');
const polish = new Set(leaves(locale('pl')));
/** Whole English sentences and phrases of the app that Polish writes differently. */
const englishPhrases = leaves({ ...english, meta: {} }).filter(
  (text) => !text.includes('{{') && text.includes(' ') && text.length >= 8 && !polish.has(text),
);
/** What an untranslated key looks like on screen: "vehicleReport.fuels.diesel". */
const translationKey = new RegExp(`\\b(${Object.keys(english).join('|')})\\.[a-zA-Z]`);
/** Register codes that Polish names with other words. */
const rawCode = new RegExp(
  `(^|[^\\w-])(${[...FUELS, ...BODY_TYPES, ...COLOURS, ...OFFENCES, ...INSPECTION_RESULTS].join('|')})(?![\\w-])`,
);
const CYRILLIC = /[\u0400-\u04ff]/;

/**
 * The text of the page as a reader meets it (visually hidden text included), leaving out what is
 * marked as Bulgarian on purpose: names, addresses, plates and other proper names from the registers.
 */
function textOutsideBulgarian(page: Page): Promise<string> {
  return page.evaluate(() => {
    // Runs in the page; the DOM's globals typed only as far as they are used.
    const { document, NodeFilter } = globalThis as unknown as {
      document: {
        body: unknown;
        createTreeWalker(root: unknown, filter: number): { nextNode(): unknown };
      };
      NodeFilter: { SHOW_TEXT: number };
    };
    type TextNode = {
      textContent: string | null;
      parentElement: {
        closest(selector: string): { getAttribute(name: string): string | null } | null;
      } | null;
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const texts: string[] = [];
    for (let node = walker.nextNode() as TextNode | null; node; node = walker.nextNode() as TextNode | null) {
      const parent = node.parentElement;
      if (!parent || parent.closest('script, style, noscript')) continue;
      const language = parent.closest('[lang]')?.getAttribute('lang') ?? '';
      if (language.startsWith('bg')) continue;
      if (node.textContent?.trim()) texts.push(node.textContent.trim());
    }
    return texts.join('\n');
  });
}

/** Nothing English, Bulgarian, coded or untranslated is left on a Polish screen. */
async function expectAllPolish(page: Page): Promise<void> {
  expect(await page.getAttribute('html', 'lang')).toBe('pl');
  const text = await textOutsideBulgarian(page);
  expect(text.split('\n').filter((line) => CYRILLIC.test(line))).toEqual([]);
  expect(text.match(translationKey)).toBeNull();
  expect(text.split('\n').filter((line) => rawCode.test(line))).toEqual([]);
  expect(englishPhrases.filter((phrase) => text.includes(phrase))).toEqual([]);
}

async function expectAccessibleOnAPhone(page: Page, screenshot: string): Promise<void> {
  await expectAccessible(page, screenshot);
  // Nothing wider than a 360 px phone: no sideways scrolling of the page itself.
  expect(
    await page.evaluate(
      () =>
        (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
          .documentElement.scrollWidth,
    ),
  ).toBeLessThanOrEqual(360);
}

describe('a citizen whose browser speaks Polish (Chromium, pl-PL, 360 px)', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let page: Page;
  let base: string;
  let citizen: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ({ platform, base } = await startWebPlatform());
    citizen = platform.seeded.demoPersons[0]!;
    browser = await launchChromium();
    const context = await browser.newContext({
      locale: 'pl-PL',
      viewport: { width: 360, height: 780 },
      acceptDownloads: true,
    });
    page = await context.newPage();
    watchPage(page, pageErrors, { console: false });
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('gets the app in Polish on the first visit, and the eID sign-in page in Polish too', async () => {
    await page.goto(`${base}/`);
    await page.getByRole('heading', { level: 1, name: 'Zaloguj się do Civitas' }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Język' }).inputValue()).toBe('pl');
    expect(await page.getByRole('option', { name: 'Polski' }).count()).toBe(1);
    await expectAllPolish(page);
    await expectAccessibleOnAPhone(page, 'sign-in-pl.png');

    await page.getByRole('button', { name: 'Zaloguj się przez eID' }).click();
    await page.waitForURL(/\/interaction\//);
    await page.getByRole('heading', { level: 1, name: 'Logowanie przez eID' }).waitFor();
    await expectAllPolish(page);
    await expectAccessibleOnAPhone(page, 'eid-sign-in-pl.png');
    await page.getByLabel('Numer osobisty (EGN)').fill(citizen);
    await page.getByLabel('PIN').fill('0000');
    await page.getByRole('button', { name: 'Zaloguj się', exact: true }).click();
    await page.getByText('Nieprawidłowy numer osobisty lub PIN.').waitFor();
    await page.getByLabel('Numer osobisty (EGN)').fill(citizen);
    await page.getByLabel('PIN').fill(platform.config.demoPin);
    await page.getByRole('button', { name: 'Zaloguj się', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Mój profil' }).waitFor();
  });

  it('shows the profile in Polish: register values named in Polish, nothing left in English or Bulgarian', async () => {
    await page.getByRole('heading', { name: 'Prawo jazdy' }).waitFor();
    await page.getByRole('heading', { name: 'Pojazdy' }).waitFor();
    const fuels = await page.locator('dt:text-is("Paliwo") + dd').allTextContents();
    expect(fuels.length).toBeGreaterThan(0);
    for (const fuel of fuels)
      expect(['Benzyna', 'Olej napędowy', 'LPG', 'CNG', 'Hybryda', 'Elektryczny']).toContain(fuel);
    // The register's country code in words; Bulgarian place names transliterated for a Latin-script reader.
    expect(await page.locator('dt:text-is("Obywatelstwo") + dd').textContent()).toBe('bułgarskie');
    expect(await page.locator('dt:text-is("Miejsce urodzenia") + dd').textContent()).toMatch(
      /^[A-Za-z .()-]+$/,
    );
    await expectAllPolish(page);
    await expectAccessibleOnAPhone(page, 'profile-pl.png');
  });

  it('shows the vehicle dossier in Polish and downloads its PDF in Polish', async () => {
    await page
      .getByRole('link', { name: /^Raport historii dla / })
      .first()
      .click();
    await page.getByRole('heading', { level: 1, name: 'Raport historii pojazdu' }).waitFor();
    for (const section of [
      'Dane techniczne',
      'Rejestracja',
      'Okresowe badania techniczne',
      'Licznik przebiegu',
      'Źródła danych',
    ])
      await page.getByRole('heading', { level: 2, name: section, exact: true }).waitFor();
    await page.getByText('Pokaż odczyty w tabeli').click();
    await page.getByRole('table', { name: 'Odczyty licznika' }).waitFor();
    await expectAllPolish(page);
    await expectAccessibleOnAPhone(page, 'vehicle-dossier-pl.png');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Pobierz PDF' }).click(),
    ]);
    const file = path.join(SCREENSHOTS, 'vehicle-report-pl.pdf');
    await download.saveAs(file);
    await page.getByText('Plik PDF został zapisany w pobranych plikach.').waitFor();
    const pdf = fs.readFileSync(file);
    expect(pdf.toString('latin1')).toContain('/Lang (pl)');
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    for (const heading of [
      'Raport historii pojazdu',
      'Dane techniczne',
      'Okresowe badania techniczne',
      'Źródła danych',
    ])
      expect(text).toContain(heading);
    // Labels of the English and Bulgarian PDF that Polish words differently must not appear.
    const otherLabels = [PDF_LABELS.en, PDF_LABELS.bg]
      .flatMap((labels) => leaves(JSON.parse(JSON.stringify(labels))))
      .filter(
        (label) =>
          label.includes(' ') &&
          label.length >= 8 &&
          !leaves(JSON.parse(JSON.stringify(PDF_LABELS.pl))).includes(label),
      );
    expect(otherLabels.filter((label) => text.includes(label))).toEqual([]);
    expect(text.match(rawCode)).toBeNull();
  });

  it('writes one full stop after a Bulgarian date, where a date ends a sentence', async () => {
    await page.getByRole('combobox', { name: 'Język' }).selectOption('bg');
    await page
      .getByRole('heading', { level: 1, name: 'Справка за историята на превозно средство' })
      .waitFor();
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toMatch(/\d{4} г\./);
    expect(text).not.toContain('г..');
    await page.getByRole('combobox', { name: 'Език' }).selectOption('pl');
    await page.getByRole('heading', { level: 1, name: 'Raport historii pojazdu' }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
