import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.ts';
import { freePort } from '../../test/net.ts';
import { startTestPlatform, type TestPlatform } from '../../test/platform.ts';

const engine = testDatabases()[0]!;

describe('the eID pages speak Bulgarian, English and Polish', () => {
  let platform: TestPlatform;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    platform = await startTestPlatform(engine, { env: { CIVITAS_PUBLIC_URL: base } });
    await platform.app.listen({ host: '127.0.0.1', port });
  });
  afterAll(() => platform?.close());

  /** Starts a sign-in as the web app does (pushed authorization request) and opens the eID page. */
  async function signInPage(options: { uiLocales?: string; acceptLanguage?: string }) {
    const challenge = crypto.createHash('sha256').update(crypto.randomBytes(32)).digest('base64url');
    const pushed = await fetch(`${base}/oidc/request`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: 'civitas-web',
        response_type: 'code',
        scope: 'openid profile',
        redirect_uri: `${base}/callback`,
        state: crypto.randomUUID(),
        nonce: crypto.randomUUID(),
        code_challenge: challenge,
        code_challenge_method: 'S256',
        ...(options.uiLocales ? { ui_locales: options.uiLocales } : {}),
      }),
    });
    expect(pushed.status, await pushed.clone().text()).toBe(201);
    const { request_uri } = (await pushed.json()) as { request_uri: string };
    const authorize = await fetch(
      `${base}/oidc/auth?${new URLSearchParams({ client_id: 'civitas-web', request_uri })}`,
      { redirect: 'manual' },
    );
    expect(authorize.status).toBe(303);
    const cookie = authorize.headers
      .getSetCookie()
      .map((line) => line.split(';')[0])
      .join('; ');
    const interaction = authorize.headers.get('location')!;
    const headers = { cookie, 'accept-language': options.acceptLanguage ?? '' };
    const page = await fetch(`${base}${interaction}`, { headers });
    expect(page.status).toBe(200);
    return { html: await page.text(), interaction, headers };
  }

  const languageOf = (html: string) => /<html lang="(\w+)">/.exec(html)?.[1];

  it('follows the language the web app asks for (ui_locales), over the browser', async () => {
    const { html } = await signInPage({ uiLocales: 'pl', acceptLanguage: 'bg-BG,bg;q=0.9' });
    expect(languageOf(html)).toBe('pl');
    for (const polish of ['Logowanie przez eID', 'Numer osobisty (EGN)', 'Zaloguj się', 'Anuluj', 'Obywatel'])
      expect(html).toContain(polish);
    // Neither Bulgarian words nor raw role codes on a Polish page (personal names are in Latin script).
    expect(html).not.toMatch(/[А-Яа-я]/);
    expect(html).not.toMatch(/<td>(citizen|official|police)<\/td>/);
    expect((await signInPage({ uiLocales: 'en', acceptLanguage: 'pl-PL' })).html).toContain(
      'Sign in with eID',
    );
  });

  it("follows the browser's Accept-Language when the web app names no language, and is English otherwise", async () => {
    expect(languageOf((await signInPage({ acceptLanguage: 'pl-PL,pl;q=0.9,en;q=0.8' })).html)).toBe('pl');
    const bulgarian = (await signInPage({ acceptLanguage: 'bg-BG,bg;q=0.9,en;q=0.5' })).html;
    expect(languageOf(bulgarian)).toBe('bg');
    expect(bulgarian).toContain('Вход с еИД');
    expect(bulgarian).toContain('Гражданин');
    expect(bulgarian).not.toContain('Sign in');
    expect(languageOf((await signInPage({ acceptLanguage: 'de-DE,fr;q=0.8' })).html)).toBe('en');
    expect(languageOf((await signInPage({})).html)).toBe('en');
  });

  it('says what went wrong in the page language', async () => {
    const { interaction, headers } = await signInPage({ uiLocales: 'pl' });
    const wrong = await fetch(`${base}${interaction}/login`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ personalNumber: platform.seeded.demoPersons[0]!, pin: '0000' }),
      redirect: 'manual',
    });
    expect(wrong.status).toBe(401);
    const html = await wrong.text();
    expect(languageOf(html)).toBe('pl');
    expect(html).toContain('Nieprawidłowy numer osobisty lub PIN.');

    const expired = await fetch(`${base}/interaction/no-such-interaction`, {
      headers: { 'accept-language': 'pl-PL' },
    });
    expect(expired.status).toBe(400);
    expect(await expired.text()).toContain('Sesja wygasła');
  });

  it('advertises the languages it speaks in the discovery document', async () => {
    const discovery = (await (await fetch(`${base}/oidc/.well-known/openid-configuration`)).json()) as {
      ui_locales_supported?: string[];
    };
    expect(discovery.ui_locales_supported).toEqual(['bg', 'en', 'pl']);
  });
});
