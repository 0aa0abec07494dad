import path from 'node:path';
import { sql } from 'kysely';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eidIssuer, issueScriptingToken } from '../server/src/identity/tokens.ts';
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
const GP_ORGANISATION = 'ГППМП „Здраве Лозенец“';
const HOSPITAL = 'УМБАЛ „Александровска“';
/** The organisations as "Who used my data" writes them (in the register's language, or in Latin letters). */
const GP_NAME = /Zdrave Lozene(ts|c)|Здраве Лозенец/;
const HOSPITAL_NAME = /Ale?(x|ks)andro(v|w)sk|Александровска/;

interface Session {
  count: number;
  emergency: boolean;
  records: Array<{ initiatorOrg: { name: string }; purpose: string }>;
}

const WORDS = {
  en: {
    accesses: (n: number) => `${n} accesses`,
    show: (n: number) => `Show all ${n} accesses`,
    hide: 'Hide the accesses',
    verified: 'Verified',
    emergency: 'Emergency access',
    healthEmergency: 'Emergency access',
    language: 'Language',
  },
  bg: {
    accesses: (n: number) => `${n} достъпа`,
    show: (n: number) => `Покажи всички ${n} достъпа`,
    hide: 'Скрий достъпите',
    verified: 'Проверен',
    emergency: 'Спешен достъп',
    healthEmergency: 'Спешен достъп',
    language: 'Език',
  },
  pl: {
    accesses: (n: number) => `${n} ${n < 5 ? 'dostępy' : 'dostępów'}`,
    show: (n: number) => `Pokaż wszystkie ${n} ${n < 5 ? 'dostępy' : 'dostępów'}`,
    hide: 'Ukryj dostępy',
    verified: 'Zweryfikowano',
    emergency: 'Dostęp w nagłym wypadku',
    healthEmergency: 'Dostęp awaryjny',
    language: 'Język',
  },
} as const;
type Language = keyof typeof WORDS;

/**
 * Issue 17 follow-up: a doctor opening a chart makes one access per FHIR call, and the patient
 * reads them as one line. The GP reads the demo citizen's record a few times, a hospital doctor
 * opens it by break-glass; "Who used my data" and My health's access list each show the GP's
 * reads as one session with its span and count (opening to every access, each still checked
 * against the public log), and the emergency apart and marked, on a 360 px phone in English,
 * Bulgarian and Polish, with no serious axe violation.
 */
describe('accesses grouped into sessions (Chromium, 360 px)', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let page: Page;
  let base: string;
  let citizen: string;
  let gpName: { cyrillic: string; latin: string };
  let gpSession: Session;
  let emergencySession: Session;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ({ platform, base } = await startWebPlatform());
    const demo = platform.seeded.demoPersons;
    citizen = demo[0]!;
    const [gp, specialist] = [demo[2]!, demo[7]!];
    const issuer = eidIssuer(platform.config.publicUrl);
    const tokenOf = (person: string, roles: Array<'citizen' | 'doctor'>) =>
      issueScriptingToken(platform.keys, issuer, person, roles);
    const names = await sql<{ n: string; l: string }>`
      SELECT given_name || ' ' || family_name AS n, given_name_latin || ' ' || family_name_latin AS l
      FROM population.persons WHERE egn = ${gp}`.execute(platform.database.db);
    gpName = { cyrillic: names.rows[0]!.n, latin: names.rows[0]!.l };
    const link = await sql<{ patient_id: string }>`
      SELECT patient_id FROM ehealth.patients WHERE personal_number = ${citizen}`.execute(
      platform.database.db,
    );
    const patient = link.rows[0]!.patient_id;

    const call = async (token: string, method: 'GET' | 'POST', url: string, payload?: object) => {
      const reply = await platform.app.inject({
        method,
        url,
        ...(payload ? { payload } : {}),
        headers: { authorization: `Bearer ${token}`, accept: 'application/fhir+json, application/json' },
      });
      expect(reply.statusCode, reply.body).toBeLessThan(300);
    };
    // The GP opens the chart: one FHIR call per part of it.
    const gpToken = await tokenOf(gp, ['citizen', 'doctor']);
    for (const type of [
      'Condition',
      'AllergyIntolerance',
      'Observation',
      'MedicationRequest',
      'Immunization',
    ])
      await call(gpToken, 'GET', `/fhir/R4/${type}?patient=${patient}`);
    // A hospital doctor, with no care relationship, opens it by break-glass.
    const specialistToken = await tokenOf(specialist, ['citizen', 'doctor']);
    await call(specialistToken, 'POST', '/api/health/break-glass', {
      personalNumber: citizen,
      reason: 'Unconscious patient in the emergency room',
    });
    for (const type of ['Condition', 'AllergyIntolerance'])
      await call(specialistToken, 'GET', `/fhir/R4/${type}?patient=${patient}`);

    // A checkpoint after them, so that the browser can verify each against the log.
    const auditorToken = await issueScriptingToken(platform.keys, issuer, demo[5]!, ['citizen', 'auditor']);
    await platform.app.auditLog.feed.run();
    await call(auditorToken, 'POST', '/log/checkpoint');

    const sessions = await platform.app.inject({
      method: 'GET',
      url: '/api/me/data-usage/sessions',
      headers: { authorization: `Bearer ${await tokenOf(citizen, ['citizen'])}` },
    });
    const items = (sessions.json() as { items: Session[] }).items;
    gpSession = items.find(
      (session) => session.records[0]!.initiatorOrg.name.startsWith(GP_ORGANISATION) && !session.emergency,
    )!;
    emergencySession = items.find((session) => session.emergency)!;
    expect(gpSession.count).toBeGreaterThanOrEqual(5);
    expect(emergencySession.count).toBeGreaterThanOrEqual(2);
    expect(emergencySession.records.every((record) => record.purpose === 'emergency-access')).toBe(true);

    browser = await launchChromium();
    const context = await browser.newContext({ locale: 'en-GB', viewport: PHONE });
    page = watchPage(await context.newPage(), pageErrors, { who: 'citizen', console: false });
    await signInWithEid(page, base, citizen, platform.config.demoPin);
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  async function chooseLanguage(from: Language, to: Language) {
    await page.getByRole('combobox', { name: WORDS[from].language }).selectOption(to);
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe(to);
  }

  async function expectNoSideScroll() {
    const width = await page.evaluate(
      () =>
        (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
          .documentElement.scrollWidth,
    );
    expect(width).toBeLessThanOrEqual(PHONE.width);
  }

  /** The list item of "Who used my data" that holds a session of `count` accesses of the organisation. */
  function usageSession(language: Language, count: number, organisation: RegExp): Locator {
    return page
      .locator('.usage-list__item')
      .filter({ hasText: WORDS[language].accesses(count) })
      .filter({ hasText: organisation });
  }

  it('shows the GP’s reads as one line in "Who used my data", opening to each access verified, and the emergency apart', async () => {
    await page.goto(`${base}/data-usage`);
    await page.getByRole('heading', { level: 1, name: 'Who used my data' }).waitFor();
    const words = WORDS.en;
    const gp = usageSession('en', gpSession.count, GP_NAME);
    await gp.waitFor();
    await gp.getByText(gpName.latin).waitFor();
    expect(await gp.getByText(words.emergency).count()).toBe(0);
    const emergency = usageSession('en', emergencySession.count, HOSPITAL_NAME);
    await emergency.getByText(words.emergency).first().waitFor();

    await gp.getByRole('button', { name: words.show(gpSession.count) }).click();
    const accesses = gp.locator('.usage-session__record');
    expect(await accesses.count()).toBe(gpSession.count);
    await page.getByText('Checking…').first().waitFor({ state: 'detached' });
    // Each access is checked against the public log on its own, and the session with them.
    for (let i = 0; i < gpSession.count; i++) await accesses.nth(i).getByText(words.verified).waitFor();
    await gp.locator('.card__header').getByText(words.verified).waitFor();
    await gp.screenshot({ path: path.join(SCREENSHOTS, 'data-usage-session-en.png') });
    await expectAccessible(page, 'data-usage-sessions-360-en.png');
    await expectNoSideScroll();
    await gp.getByRole('button', { name: words.hide }).click();
    expect(await accesses.count()).toBe(0);
  });

  it('says the same in Bulgarian and Polish', async () => {
    let from: Language = 'en';
    for (const language of ['bg', 'pl'] as const) {
      await chooseLanguage(from, language);
      from = language;
      const words = WORDS[language];
      const gp = usageSession(language, gpSession.count, GP_NAME);
      await gp.waitFor();
      await gp.getByText(language === 'bg' ? gpName.cyrillic : gpName.latin).waitFor();
      await usageSession(language, emergencySession.count, HOSPITAL_NAME)
        .getByText(words.emergency)
        .first()
        .waitFor();
      await gp.getByRole('button', { name: words.show(gpSession.count) }).click();
      expect(await gp.locator('.usage-session__record').count()).toBe(gpSession.count);
      await gp.screenshot({ path: path.join(SCREENSHOTS, `data-usage-session-${language}.png`) });
      await expectAccessible(page, `data-usage-sessions-360-${language}.png`);
      await expectNoSideScroll();
      await gp.getByRole('button', { name: words.hide }).click();
    }
    await chooseLanguage('pl', 'en');
  });

  it("groups My health's access list the same way, naming the doctor's organisation, the emergency marked", async () => {
    const health = {
      en: { title: 'Who accessed my record', section: 'Privacy and accesses', doctor: 'A doctor' },
      bg: { title: 'Кой е отварял досието ми', section: /Поверителност/, doctor: 'Лекар' },
      pl: { title: 'Kto korzystał z mojej dokumentacji', section: /Prywatność/, doctor: 'Lekarz' },
    } as const;
    await page.goto(`${base}/health`);
    let from: Language = 'en';
    for (const language of ['en', 'bg', 'pl'] as const) {
      if (language !== from) await chooseLanguage(from, language);
      from = language;
      const words = WORDS[language];
      await page
        .getByRole('navigation', {
          name: /Parts of the health record|Части на здравното досие|Części dokumentacji/,
        })
        .getByRole('button', { name: health[language].section })
        .click();
      await page.getByRole('heading', { level: 2, name: health[language].title }).waitFor();
      const items = page.locator('.health-item').filter({ has: page.locator('.health-access-session') });
      const gp = items
        .filter({ hasText: GP_ORGANISATION })
        .filter({ hasText: words.accesses(gpSession.count) });
      await gp.waitFor();
      // The doctor by name beside the organisation (the AuditEvent's agents).
      const title = (await gp.locator('.health-item__title').textContent()) ?? '';
      expect(title).toBe(`${gpName.cyrillic} — ${GP_ORGANISATION}`);
      expect(await gp.getByText(words.healthEmergency).count()).toBe(0);
      const emergency = items.filter({ hasText: HOSPITAL }).filter({ hasText: words.healthEmergency });
      await emergency.filter({ hasText: words.accesses(emergencySession.count) }).waitFor();

      await gp.getByRole('button', { name: words.show(gpSession.count) }).click();
      expect(await gp.locator('.health-access-session li').count()).toBe(gpSession.count);
      await gp.screenshot({ path: path.join(SCREENSHOTS, `health-access-session-${language}.png`) });
      await expectAccessible(page, `health-accesses-360-${language}.png`);
      await expectNoSideScroll();
      await gp.getByRole('button', { name: words.hide }).click();
    }
    expect(pageErrors).toEqual([]);
  });
});
