import crypto from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDelivery, type DeliveryParts } from '../server/src/capabilities/delivery/index.ts';
import { ExchangeClient } from '../server/src/exchange/index.ts';
import { eidIssuer, issueScriptingToken } from '../server/src/identity/tokens.ts';
import { KeyStore } from '../server/src/kernel/index.ts';
import type { TestPlatform } from '../server/test/platform.ts';
import { expectAccessible, launchChromium, signInWithEid, startWebPlatform, watchPage } from './browser.ts';

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\nstartxref\n9\n%%EOF\n',
  'latin1',
);

/**
 * Issue 18, delivery: a sealed decision arrives in the citizen's secure mailbox, the bell says so,
 * the citizen opens it (the municipality then holds a sealed read receipt) and answers it; at
 * 360 px, in English, Bulgarian and Polish, with no serious accessibility violation.
 */
describe('the secure mailbox and notifications (Chromium, 360 px)', () => {
  let platform: TestPlatform;
  let base: string;
  let browser: Browser;
  let page: Page;
  let parts: DeliveryParts;
  let citizen: string;
  let official: string;
  let messageId: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ({ platform, base } = await startWebPlatform());
    [citizen, official] = platform.seeded.demoPersons as [string, string];
    parts = await createDelivery({
      db: platform.database.db,
      keyStore: new KeyStore(platform.config.keyDir),
      publicUrl: platform.config.publicUrl,
      exchange: platform.app.exchange,
      portal: new ExchangeClient(platform.app.exchange, platform.app.instance.clients.portal),
      portalClient: platform.app.instance.clients.portal,
    });
    ({ messageId } = await parts.mailbox.deliver({
      from: {
        kind: 'administration',
        id: 'sofia-municipality',
        name: { bg: 'Столична община', en: 'Sofia Municipality', pl: 'Stołeczna Gmina Sofia' },
      },
      to: { kind: 'person', subject: citizen },
      subject: {
        bg: 'Решение по заявление за настоящ адрес',
        en: 'Decision on your change of address',
        pl: 'Decyzja w sprawie zmiany adresu',
      },
      body: {
        bg: 'Заявлението ви е одобрено.',
        en: 'Your application has been approved.',
        pl: 'Twój wniosek został zatwierdzony.',
      },
      attachments: [{ name: 'decision.pdf', mediaType: 'application/pdf', content: PDF }],
      relatesTo: { applicationId: crypto.randomUUID(), serviceCode: 'change-of-current-address' },
    }));
    browser = await launchChromium();
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 360, height: 800 } });
    page = watchPage(await context.newPage(), pageErrors, { failingStatus: 500 });
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  async function noHorizontalScroll() {
    const width = await page.evaluate(
      () =>
        (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
          .documentElement.scrollWidth,
    );
    expect(width).toBeLessThanOrEqual(360);
  }

  async function sentBoxOfSofia() {
    const token = await issueScriptingToken(platform.keys, eidIssuer(platform.config.publicUrl), official, [
      'official',
    ]);
    const response = await platform.app.inject({
      method: 'GET',
      url: '/api/mailbox/administrations/sofia-municipality/messages?box=sent',
      headers: { authorization: `Bearer ${token}` },
    });
    return { token, sent: response.json() as { messages: Array<{ id: string; readAt: string | null }> } };
  }

  it('shows the new mail in the bell and the notifications', async () => {
    await signInWithEid(page, base, citizen, platform.config.demoPin);
    const bell = page.getByRole('link', { name: /^Notifications \d+ unread$/ });
    await bell.waitFor();
    await bell.click();
    await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'New message' }).first().waitFor();
    await page.getByText('Decision on your change of address').first().waitFor();
    await noHorizontalScroll();
    await expectAccessible(page, 'notifications-360-en.png');
  });

  it('opens the message from the mailbox: the municipality then holds a sealed read receipt', async () => {
    const before = await sentBoxOfSofia();
    expect(before.sent.messages.find((message) => message.id === messageId)?.readAt).toBeNull();

    await page.getByRole('link', { name: 'Mailbox' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Secure mailbox' }).waitFor();
    const item = page.getByRole('listitem').filter({ hasText: 'Decision on your change of address' });
    await item.getByText('Unread').waitFor();
    await noHorizontalScroll();
    await expectAccessible(page, 'mailbox-360-en.png');

    await item.getByRole('link', { name: 'Decision on your change of address' }).click();
    await page.getByRole('heading', { level: 1, name: 'Decision on your change of address' }).waitFor();
    await page.getByText('Your application has been approved.').waitFor();
    await page.getByText('decision.pdf').waitFor();
    await page.getByText(/^Opened by the recipient:/).waitFor();
    await page.getByText('From: Sofia Municipality', { exact: false }).waitFor();
    await noHorizontalScroll();
    await expectAccessible(page, 'message-360-en.png');

    // The sender sees the message read, and its read receipt checks.
    const after = await sentBoxOfSofia();
    expect(after.sent.messages.find((message) => message.id === messageId)?.readAt).toEqual(
      expect.any(String),
    );
    const receipt = await platform.app.inject({
      method: 'GET',
      url: `/api/mailbox/administrations/sofia-municipality/messages/${messageId}/receipts/read`,
      headers: { authorization: `Bearer ${after.token}` },
    });
    const check = await platform.app.inject({
      method: 'POST',
      url: '/api/mailbox/receipts/verify',
      payload: { receipt: receipt.body },
    });
    expect(check.json()).toMatchObject({ valid: true, receipt: { type: 'read-receipt', messageId } });
  });

  it("shows the municipality's official the message opened, with its read receipt", async () => {
    const officialContext = await browser.newContext({
      locale: 'en-GB',
      viewport: { width: 360, height: 800 },
    });
    const officialPage = watchPage(await officialContext.newPage(), pageErrors, { who: 'official' });
    await signInWithEid(officialPage, base, official, platform.config.demoPin);
    await officialPage.goto(`${base}/mailbox`);
    await officialPage.getByRole('link', { name: 'Your administration’s mailbox' }).click();
    await officialPage.getByRole('heading', { level: 1, name: "Administration's mailbox" }).waitFor();
    const sent = officialPage.locator(`[data-message="${messageId}"]`);
    await sent.getByText(/^Opened /).waitFor();
    await sent.getByRole('button', { name: 'Read receipt' }).waitFor();
    const download = officialPage.waitForEvent('download');
    await sent.getByRole('button', { name: 'Read receipt' }).click();
    const receipt = await download;
    expect(receipt.suggestedFilename()).toBe(`read-receipt-${messageId}.jws`);
    await expectAccessible(officialPage, 'office-mailbox-360-en.png');
    await officialContext.close();
  });

  it('sends an answer with a document, delivered with a receipt', async () => {
    await page.getByLabel('Your answer').fill('Thank you. I attach the signed declaration.');
    await page.getByLabel('Documents to attach (optional)').setInputFiles({
      name: 'declaration.pdf',
      mimeType: 'application/pdf',
      buffer: PDF,
    });
    await page.getByRole('button', { name: 'Send the answer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Re: Decision on your change of address' }).waitFor();
    await page.getByText(/^Delivered:/).waitFor();
    await page.getByText('declaration.pdf').waitFor();
    await expectAccessible(page, 'reply-360-en.png');
    const { token } = await sentBoxOfSofia();
    const inbox = await platform.app.inject({
      method: 'GET',
      url: '/api/mailbox/administrations/sofia-municipality/messages',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(inbox.json().messages.map((message: { subject: { en: string } }) => message.subject.en)).toContain(
      'Re: Decision on your change of address',
    );
  });

  it('speaks Bulgarian and Polish', async () => {
    await page.getByRole('combobox', { name: 'Language' }).selectOption('bg');
    await page.getByRole('link', { name: 'Кутия' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Сигурна електронна кутия' }).waitFor();
    await page.getByRole('link', { name: 'Решение по заявление за настоящ адрес' }).waitFor();
    await noHorizontalScroll();
    await expectAccessible(page, 'mailbox-360-bg.png');
    await page.getByRole('combobox', { name: 'Език' }).selectOption('pl');
    await page.getByRole('heading', { level: 1, name: 'Bezpieczna skrzynka' }).waitFor();
    await page.getByRole('link', { name: 'Decyzja w sprawie zmiany adresu' }).click();
    await page.getByText('Twój wniosek został zatwierdzony.').waitFor();
    await page.getByRole('heading', { level: 2, name: 'Potwierdzenia' }).waitFor();
    await noHorizontalScroll();
    await expectAccessible(page, 'message-360-pl.png');
    await page
      .getByRole('link', { name: /^Powiadomienia/ })
      .first()
      .click();
    await page.getByRole('heading', { level: 1, name: 'Powiadomienia' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Nowa wiadomość' }).first().waitFor();
    await noHorizontalScroll();
    await expectAccessible(page, 'notifications-360-pl.png');
    expect(pageErrors).toEqual([]);
  });
});
