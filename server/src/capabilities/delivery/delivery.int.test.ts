import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/databases.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/platform.ts';
import { ExchangeClient } from '../../exchange/index.ts';
import type { Role } from '../../identity/index.ts';
import { eidIssuer, issueScriptingToken } from '../../identity/tokens.ts';
import { KeyStore } from '../../kernel/index.ts';
import { createDelivery, type DeliveryParts, TestCardProvider } from './index.ts';

const SOFIA = {
  kind: 'administration' as const,
  id: 'sofia-municipality',
  name: { bg: 'Столична община', en: 'Sofia Municipality', pl: 'Stołeczna Gmina Sofia' },
};
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\nstartxref\n9\n%%EOF\n',
  'latin1',
);
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const SECRET_WORDS = 'Решение за постоянен адрес 7391';

describe.each(testDatabases())('delivery: mailbox, notifications, payments, on $name', (engine) => {
  let platform: TestPlatform;
  let parts: DeliveryParts;
  let citizen: string;
  let other: string;
  let official: string;

  beforeAll(async () => {
    platform = await startTestPlatform(engine);
    [citizen, official] = platform.seeded.demoPersons as [string, string];
    other = platform.seeded.demoPersons[2]!;
    // The same parts the platform runs, over the same database and KeyStore (the ports es-core takes).
    parts = await createDelivery({
      db: platform.database.db,
      keyStore: new KeyStore(platform.config.keyDir),
      publicUrl: platform.config.publicUrl,
      exchange: platform.app.exchange,
      portal: new ExchangeClient(platform.app.exchange, platform.app.instance.clients.portal),
      portalClient: platform.app.instance.clients.portal,
      allowHttpPush: true,
    });
  });
  afterAll(() => platform?.close());

  async function as(egn: string, roles: Role[] = ['citizen']) {
    const token = await issueScriptingToken(platform.keys, eidIssuer(platform.config.publicUrl), egn, roles);
    return (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) =>
      platform.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}` },
        ...(payload !== undefined && { payload: payload as object }),
      });
  }

  async function decision(): Promise<string> {
    const { messageId } = await parts.mailbox.deliver({
      from: SOFIA,
      to: { kind: 'person', subject: citizen },
      subject: { bg: SECRET_WORDS, en: 'Decision on your address', pl: 'Decyzja w sprawie adresu' },
      body: { bg: `${SECRET_WORDS}: одобрено.`, en: 'Approved.', pl: 'Zatwierdzono.' },
      attachments: [{ name: 'decision.pdf', mediaType: 'application/pdf', content: PDF }],
      relatesTo: { applicationId: crypto.randomUUID(), serviceCode: 'change-of-current-address' },
    });
    return messageId;
  }

  it('delivers a sealed message the citizen reads once: a read receipt the sender downloads and anyone verifies', async () => {
    const id = await decision();
    const me = await as(citizen);
    const inbox = (await me('GET', '/api/mailbox')).json();
    const listed = inbox.messages.find((message: { id: string }) => message.id === id);
    expect(listed).toMatchObject({
      readAt: null,
      attachments: 1,
      from: { kind: 'administration', id: 'sofia-municipality' },
    });
    expect(inbox.unread).toBeGreaterThanOrEqual(1);

    const opened = await me('GET', `/api/mailbox/messages/${id}`);
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json()).toMatchObject({ body: { en: 'Approved.' }, to: { kind: 'person', id: 'me' } });
    expect(opened.json().receipts.map((receipt: { kind: string }) => receipt.kind)).toEqual([
      'delivery',
      'read',
    ]);
    const readAt = opened.json().readAt as string;
    // Opening the message reads its "new mail" notification too.
    const notes = (await me('GET', '/api/notifications')).json();
    const mailNote = notes.items.find((note: { link: string }) => note.link === `/mailbox/${id}`);
    expect(mailNote).toMatchObject({ kind: 'mail', read: true });
    // The second opening records nothing new.
    expect((await me('GET', `/api/mailbox/messages/${id}`)).json().readAt).toBe(readAt);

    const file = await me('GET', `/api/mailbox/messages/${id}/attachments/0`);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(Buffer.from(file.rawPayload).equals(PDF)).toBe(true);

    // The sender: the municipality's official sees the read receipt and downloads it.
    const sofia = await as(official, ['official']);
    const sent = (
      await sofia('GET', '/api/mailbox/administrations/sofia-municipality/messages?box=sent')
    ).json();
    expect(sent.messages.find((message: { id: string }) => message.id === id).readAt).toBe(readAt);
    const receipt = await sofia(
      'GET',
      `/api/mailbox/administrations/sofia-municipality/messages/${id}/receipts/read`,
    );
    expect(receipt.headers['content-type']).toContain('application/jose');
    const check = await platform.app.inject({
      method: 'POST',
      url: '/api/mailbox/receipts/verify',
      payload: { receipt: receipt.body },
    });
    expect(check.json()).toMatchObject({
      valid: true,
      receipt: { type: 'read-receipt', messageId: id, at: readAt },
    });
    // A changed receipt is caught.
    const [header, payload, signature] = receipt.body.split('.');
    const forged = Buffer.from(payload!, 'base64url').toString().replace(readAt, '2020-01-01T00:00:00.000Z');
    const refused = await platform.app.inject({
      method: 'POST',
      url: '/api/mailbox/receipts/verify',
      payload: { receipt: `${header}.${Buffer.from(forged).toString('base64url')}.${signature}` },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('receipt-invalid');
    // Another administration's official has no such mailbox.
    const elsewhere = await sofia('GET', '/api/mailbox/administrations/national-revenue-agency/messages');
    expect(elsewhere.statusCode).toBe(404);
  });

  it('keeps no plaintext in the database: subject, body and attachment are sealed', async () => {
    const id = await decision();
    const rows = await sql<{ blob: Buffer }>`
      SELECT envelope AS blob FROM delivery.messages WHERE id = ${id}
      UNION ALL SELECT content FROM delivery.attachments WHERE message_id = ${id}
      UNION ALL SELECT wrapped_key FROM delivery.messages WHERE id = ${id}`.execute(platform.database.db);
    expect(rows.rows).toHaveLength(3);
    for (const { blob } of rows.rows) {
      const bytes = Buffer.from(blob);
      for (const needle of [SECRET_WORDS, 'Approved', '%PDF', 'decision.pdf'])
        expect(bytes.includes(Buffer.from(needle, 'utf8')), needle).toBe(false);
    }
    const row = await sql<{
      text: string;
    }>`SELECT row_to_json(m)::text AS text FROM delivery.messages m WHERE id = ${id}`.execute(
      platform.database.db,
    );
    expect(row.rows[0]!.text).not.toContain('Approved');
  });

  it("answers another person's message, attachment, receipt and reply with 404", async () => {
    const id = await decision();
    const stranger = await as(other);
    for (const url of [
      `/api/mailbox/messages/${id}`,
      `/api/mailbox/messages/${id}/attachments/0`,
      `/api/mailbox/messages/${id}/receipts/delivery`,
    ]) {
      const response = await stranger('GET', url);
      expect(response.statusCode, url).toBe(404);
      expect(response.json().code).toBe('message-not-found');
    }
    const reply = await stranger('POST', `/api/mailbox/messages/${id}/reply`, { body: 'hello' });
    expect(reply.statusCode).toBe(404);
    // And it is still unread: the stranger's attempt opened nothing.
    const [state] = (
      await sql<{ read_at: Date | null }>`SELECT read_at FROM delivery.messages WHERE id = ${id}`.execute(
        platform.database.db,
      )
    ).rows;
    expect(state!.read_at).toBeNull();
  });

  it('refuses attachments of the wrong type, disguised, oversized or malformed, and takes a good reply', async () => {
    const id = await decision();
    const me = await as(citizen);
    const attach = (name: string, mediaType: string, bytes: Buffer) => ({
      body: 'Прилагам документ.',
      attachments: [{ name, mediaType, content: bytes.toString('base64') }],
    });
    const cases: Array<[unknown, number, string]> = [
      [attach('notes.txt', 'text/plain', Buffer.from('hello')), 415, 'attachment-type-refused'],
      [attach('photo.pdf', 'application/pdf', PNG), 415, 'attachment-type-refused'],
      [attach('cut.pdf', 'application/pdf', PDF.subarray(0, 40)), 400, 'attachment-malformed'],
      [
        attach('big.png', 'image/png', Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)])),
        413,
        'attachment-too-large',
      ],
      [{ body: 'bad\u0000text' }, 400, 'control-character'],
    ];
    for (const [payload, status, code] of cases) {
      const response = await me('POST', `/api/mailbox/messages/${id}/reply`, payload);
      expect(response.statusCode, code).toBe(status);
      expect(response.json().code).toBe(code);
    }
    const good = await me('POST', `/api/mailbox/messages/${id}/reply`, attach('id.png', 'image/png', PNG));
    expect(good.statusCode, good.body).toBe(200);
    const sofia = await as(official, ['official']);
    const inbox = (await sofia('GET', '/api/mailbox/administrations/sofia-municipality/messages')).json();
    const reply = inbox.messages.find((message: { id: string }) => message.id === good.json().messageId);
    expect(reply).toMatchObject({
      from: { kind: 'person', id: 'person' },
      attachments: 1,
      subject: { en: 'Re: Decision on your address' },
    });
    // The citizen's sent box shows the delivery receipt of the reply.
    const mine = await me('GET', `/api/mailbox/messages/${good.json().messageId}`);
    expect(mine.json().receipts.map((receipt: { kind: string }) => receipt.kind)).toEqual(['delivery']);
    // The municipality's official opens it: the citizen then holds its read receipt.
    expect((await sofia('GET', '/api/mailbox/administrations/mine')).json()).toEqual([
      { id: 'sofia-municipality', name: SOFIA.name },
    ]);
    const opened = await sofia(
      'GET',
      `/api/mailbox/administrations/sofia-municipality/messages/${good.json().messageId}`,
    );
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json().body.en).toBe('Прилагам документ.');
    const again = await me('GET', `/api/mailbox/messages/${good.json().messageId}`);
    expect(again.json().receipts.map((receipt: { kind: string }) => receipt.kind)).toEqual([
      'delivery',
      'read',
    ]);
    // Another administration's official (none here: a citizen) is refused the route.
    expect((await me('GET', '/api/mailbox/administrations/mine')).statusCode).toBe(403);
  });

  it('forwards a document to another administration, and refuses an unknown one', async () => {
    const id = await decision();
    const me = await as(citizen);
    const unknown = await me('POST', `/api/mailbox/messages/${id}/forward`, { to: 'no-such-office' });
    expect(unknown.json().code).toBe('administration-not-found');
    const forwarded = await me('POST', `/api/mailbox/messages/${id}/forward`, {
      to: 'national-revenue-agency',
      note: 'За сведение.',
    });
    expect(forwarded.statusCode, forwarded.body).toBe(200);
    const view = (await me('GET', `/api/mailbox/messages/${forwarded.json().messageId}`)).json();
    expect(view).toMatchObject({ to: { id: 'national-revenue-agency' }, attachments: 1, inReplyTo: id });
    expect(view.body.bg).toContain('За сведение.');
  });

  it('notifies of new mail in-app, and pushes (VAPID, encrypted) only to the person’s own subscriptions', async () => {
    const received: Array<{ headers: http.IncomingHttpHeaders; body: Buffer }> = [];
    const pushService = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ headers: request.headers, body: Buffer.concat(chunks) });
        response.writeHead(201).end();
      });
    });
    await new Promise<void>((resolve) => pushService.listen(0, '127.0.0.1', resolve));
    try {
      const endpoint = `http://127.0.0.1:${(pushService.address() as AddressInfo).port}/push/${crypto.randomUUID()}`;
      const browserKey = crypto.createECDH('prime256v1');
      browserKey.generateKeys();
      const keys = {
        p256dh: browserKey.getPublicKey().toString('base64url'),
        auth: crypto.randomBytes(16).toString('base64url'),
      };
      const me = await as(citizen);
      const forOther = await me('POST', '/api/notifications/push/subscriptions', {
        endpoint,
        keys,
        subject: other,
      });
      expect(forOther.statusCode).toBe(403);
      expect(forOther.json().code).toBe('push-subscription-forbidden');
      expect(
        (await me('POST', '/api/notifications/push/subscriptions', { endpoint, keys, subject: citizen }))
          .statusCode,
      ).toBe(201);
      // The same browser endpoint cannot be taken over by someone else.
      const takeover = await (await as(other))('POST', '/api/notifications/push/subscriptions', {
        endpoint,
        keys,
      });
      expect(takeover.json().code).toBe('push-subscription-forbidden');

      await decision();
      expect(received).toHaveLength(1);
      expect(received[0]!.headers.authorization).toMatch(/^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=[\w-]+$/);
      expect(received[0]!.headers['content-encoding']).toBe('aes128gcm');
      expect(received[0]!.body.includes(Buffer.from('New message'))).toBe(false);

      const list = (await me('GET', '/api/notifications')).json();
      expect(list.unread).toBeGreaterThanOrEqual(1);
      const note = list.items[0];
      expect(note).toMatchObject({ kind: 'mail', read: false, title: { en: 'New message' } });
      expect(note.link).toMatch(/^\/mailbox\/[0-9a-f-]{36}$/);
      expect((await me('POST', `/api/notifications/${note.id}/read`)).statusCode).toBe(204);
      expect((await (await as(other))('POST', `/api/notifications/${note.id}/read`)).statusCode).toBe(404);

      await me('DELETE', '/api/notifications/push/subscriptions', { endpoint });
      await decision();
      expect(received).toHaveLength(1);
    } finally {
      pushService.close();
    }
  });

  it('reminds of an expiring ID card from the register once, however often it is checked', async () => {
    const [card] = (
      await sql<{ number: string; valid_until: string }>`
        SELECT number, valid_until::text FROM identity_documents.documents
        WHERE egn = ${other} AND kind = 'id_card' AND status = 'valid'`.execute(platform.database.db)
    ).rows;
    expect(card, 'the demo person has a valid ID card').toBeDefined();
    const until = new Date(`${card!.valid_until}T00:00:00Z`);
    const today = new Date(until.getTime() - 30 * 86_400_000).toISOString().slice(0, 10);
    const first = await parts.reminders.check(other, today);
    expect(first).toContainEqual({
      document: 'id-card',
      reference: card!.number,
      expiresOn: card!.valid_until,
      daysLeft: 30,
      notified: true,
    });
    const again = await parts.reminders.check(other, today);
    expect(again.find((reminder) => reminder.document === 'id-card')?.notified).toBe(false);
    const notes = await sql<{ n: string }>`
      SELECT count(*)::text AS n FROM delivery.notifications
      WHERE subject = ${other} AND kind = 'expiry' AND title->>'en' LIKE 'Your ID card expires in 30 days'`.execute(
      platform.database.db,
    );
    expect(notes.rows[0]!.n).toBe('1');
    // Every read went through the exchange with the reminders' own purpose.
    const logged = await sql<{ n: string }>`
      SELECT count(*)::text AS n FROM exchange.message_log WHERE purpose = 'expiry-reminders' AND data_subject = ${other}`.execute(
      platform.database.db,
    );
    expect(Number(logged.rows[0]!.n)).toBeGreaterThan(0);
  });

  async function unpaidFine(): Promise<{
    number: string;
    egn: string;
    vin: string | null;
    amount_cents: number;
  }> {
    const [fine] = (
      await sql<{ number: string; egn: string; vin: string | null; amount_cents: number }>`
        SELECT number, egn, vin, amount_cents FROM fines.fines f WHERE NOT paid
          AND NOT EXISTS (SELECT 1 FROM delivery.payment_orders o WHERE o.purpose_key = 'fine:' || f.number)
        ORDER BY number LIMIT 1`.execute(platform.database.db)
    ).rows;
    if (!fine) throw new Error('the test population has no unpaid fine');
    return fine;
  }

  it('pays a fine once: a declined card takes nothing, the paid fine leaves the unpaid list and the register', async () => {
    const fine = await unpaidFine();
    const payer = await as(fine.egn);
    const dues = (await payer('GET', '/api/payments/dues')).json();
    expect(dues.items).toContainEqual(
      expect.objectContaining({ kind: 'fine', reference: fine.number, amountCents: fine.amount_cents }),
    );

    const order = await payer('POST', '/api/payments/orders', { kind: 'fine', number: fine.number });
    expect(order.statusCode, order.body).toBe(200);
    const { orderId, payUrl } = order.json();
    expect(payUrl).toBe(`/payments/orders/${orderId}`);
    expect(order.json()).toMatchObject({ status: 'pending', amountCents: fine.amount_cents });
    // The same fine again: the same order.
    expect(
      (await payer('POST', '/api/payments/orders', { kind: 'fine', number: fine.number })).json().orderId,
    ).toBe(orderId);
    // Someone else's order does not exist for them; a fine they do not owe cannot be ordered.
    expect((await (await as(other))('GET', `/api/payments/orders/${orderId}`)).statusCode).toBe(404);
    if (fine.egn !== other)
      expect(
        (
          await (
            await as(other)
          )('POST', '/api/payments/orders', { kind: 'fine', number: fine.number })
        ).json().code,
      ).toBe('payment-not-due');

    const card = { expiry: '12/30', cvc: '123', holder: 'Test Holder' };
    const declined = await payer('POST', `/api/payments/orders/${orderId}/card`, {
      ...card,
      cardNumber: '4000 0000 0000 0002',
    });
    expect(declined.statusCode).toBe(402);
    expect(declined.json().code).toBe('payment-declined');
    expect((await payer('GET', `/api/payments/orders/${orderId}`)).json().status).toBe('pending');

    const paid = await payer('POST', `/api/payments/orders/${orderId}/card`, {
      ...card,
      cardNumber: '4242 4242 4242 4242',
    });
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json().status).toBe('paid');
    const [row] = (
      await sql<{ paid: boolean }>`SELECT paid FROM fines.fines WHERE number = ${fine.number}`.execute(
        platform.database.db,
      )
    ).rows;
    expect(row!.paid).toBe(true);
    const after = (await payer('GET', '/api/payments/dues')).json();
    expect(after.items.map((item: { reference: string }) => item.reference)).not.toContain(fine.number);
    // The write went through the exchange, with its purpose, about the payer.
    const logged = await sql<{ n: string }>`
      SELECT count(*)::text AS n FROM exchange.message_log
      WHERE method = 'POST' AND purpose = 'fee-payment' AND data_subject = ${fine.egn} AND status = 200`.execute(
      platform.database.db,
    );
    expect(Number(logged.rows[0]!.n)).toBeGreaterThan(0);

    // Paying twice charges once: the order stays as it was paid.
    const again = await payer('POST', `/api/payments/orders/${orderId}/card`, {
      ...card,
      cardNumber: '4242424242424242',
    });
    expect(again.json()).toEqual(paid.json());
    const [stored] = (
      await sql<{
        n: string;
      }>`SELECT count(*)::text AS n FROM delivery.payment_orders WHERE purpose_key = ${`fine:${fine.number}`}`.execute(
        platform.database.db,
      )
    ).rows;
    expect(stored!.n).toBe('1');
    const notes = (await payer('GET', '/api/notifications')).json();
    expect(
      notes.items.filter(
        (note: { kind: string; link: string }) => note.kind === 'payment' && note.link === payUrl,
      ),
    ).toHaveLength(1);
  });

  it('refuses a provider notification with a bad signature or for an unknown order', async () => {
    const provider = new TestCardProvider(new KeyStore(platform.config.keyDir));
    const unknown = provider.sign({ orderId: crypto.randomUUID(), providerRef: 'test-1', outcome: 'paid' });
    const forUnknown = await platform.app.inject({
      method: 'POST',
      url: '/api/payments/provider-callback',
      payload: unknown,
    });
    expect(forUnknown.statusCode).toBe(404);
    expect(forUnknown.json().code).toBe('payment-order-not-found');
    const badSignature = await platform.app.inject({
      method: 'POST',
      url: '/api/payments/provider-callback',
      payload: { ...unknown, signature: 'ab'.repeat(32) },
    });
    expect(badSignature.statusCode).toBe(400);
    expect(badSignature.json().code).toBe('payment-callback-invalid');
  });

  it('settles a service fee through the Payments port once, telling the listeners once', async () => {
    const paidOrders: string[] = [];
    parts.payments.onPaid(async (order) => {
      paidOrders.push(order.orderId);
    });
    const applicationId = crypto.randomUUID();
    const request = {
      payer: citizen,
      purpose: { kind: 'service-fee' as const, applicationId },
      amountCents: 1000,
      currency: 'EUR' as const,
      description: { bg: 'Такса', en: 'Fee', pl: 'Opłata' },
    };
    const { orderId } = await parts.payments.order(request);
    expect((await parts.payments.order(request)).orderId).toBe(orderId);
    expect(await parts.payments.status(orderId)).toBe('pending');
    const provider = new TestCardProvider(new KeyStore(platform.config.keyDir));
    const notification = provider.sign({ orderId, providerRef: 'test-fee', outcome: 'paid' });
    const callback = await platform.app.inject({
      method: 'POST',
      url: '/api/payments/provider-callback',
      payload: notification,
    });
    expect(callback.statusCode).toBe(204);
    await parts.payments.settle(notification);
    expect(await parts.payments.status(orderId)).toBe('paid');
    // The platform's own instance settled it first: this instance's listener saw no new payment.
    expect(paidOrders).toEqual([]);
    const { orderId: second } = await parts.payments.order({
      ...request,
      purpose: { kind: 'service-fee', applicationId: crypto.randomUUID() },
    });
    const secondNote = provider.sign({ orderId: second, providerRef: 'test-fee-2', outcome: 'paid' });
    await parts.payments.settle(secondNote);
    await parts.payments.settle(secondNote);
    expect(paidOrders).toEqual([second]);
  });

  it('pays a vehicle tax: the tax register records it through the exchange', async () => {
    const [tax] = (
      await sql<{ vin: string; year: number; owner_id: string }>`
        SELECT t.vin, t.year, t.owner_id FROM vehicle_tax.assessments t
        JOIN population.persons p ON p.egn = t.owner_id AND NOT p.deceased
        WHERE NOT t.paid
          AND EXISTS (SELECT 1 FROM vehicles.registrations r WHERE r.vin = t.vin AND r.owner_id = t.owner_id
            AND r.seq = (SELECT max(seq) FROM vehicles.registrations l WHERE l.vin = r.vin))
          AND NOT EXISTS (SELECT 1 FROM delivery.payment_orders o WHERE o.purpose_key = 'vehicle-tax:' || t.vin || ':' || t.year)
        ORDER BY t.vin, t.year LIMIT 1`.execute(platform.database.db)
    ).rows;
    expect(tax, 'the test population has an unpaid vehicle tax of a current owner').toBeDefined();
    const payer = await as(tax!.owner_id);
    const order = await payer('POST', '/api/payments/orders', {
      kind: 'vehicle-tax',
      vin: tax!.vin,
      year: tax!.year,
    });
    expect(order.statusCode, order.body).toBe(200);
    const paid = await payer('POST', `/api/payments/orders/${order.json().orderId}/card`, {
      cardNumber: '5555 5555 5555 4444',
      expiry: '12/30',
      cvc: '123',
      holder: 'Test Holder',
    });
    expect(paid.json().status).toBe('paid');
    const [row] = (
      await sql<{
        paid: boolean;
      }>`SELECT paid FROM vehicle_tax.assessments WHERE vin = ${tax!.vin} AND year = ${tax!.year}`.execute(
        platform.database.db,
      )
    ).rows;
    expect(row!.paid).toBe(true);
  });

  it("the fines register's mark-paid refuses a malformed body, another person's fine and a purpose without the right", async () => {
    const fine = await unpaidFine();
    const service = new ExchangeClient(platform.app.exchange, platform.app.instance.clients.portal).serviceId(
      'traffic-fines',
      'fines',
    );
    const post = (body: unknown, subject: string, purpose = 'fee-payment') =>
      platform.app.exchange.consume({
        method: 'POST',
        service,
        path: '/mark-paid',
        query: '',
        headers: {
          'content-type': 'application/json',
          'x-road-client': platform.app.instance.clients.portal,
          'x-road-purpose': purpose,
          'x-road-legal-basis': 'e-government-act-art-2',
          'x-road-data-subject': subject,
        },
        body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
      });
    const good = { number: fine.number, paidOn: '2026-12-01', paymentRef: 'test-ref' };
    for (const body of [
      '{not json',
      { ...good, paidOn: 'yesterday' },
      { ...good, extra: 1 },
      { ...good, number: 'К1\u0000' },
    ]) {
      const reply = await post(body, fine.egn);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(JSON.parse(reply.body.toString()).code).toBe('validation-failed');
    }
    const someoneElse = fine.egn === other ? citizen : other;
    expect((await post(good, someoneElse)).status).toBe(404);
    expect((await post(good, fine.egn, 'vehicle-history-report')).status).not.toBe(200);
    const [still] = (
      await sql<{ paid: boolean }>`SELECT paid FROM fines.fines WHERE number = ${fine.number}`.execute(
        platform.database.db,
      )
    ).rows;
    expect(still!.paid).toBe(false);
    const first = JSON.parse((await post(good, fine.egn)).body.toString());
    expect(first).toEqual({ number: fine.number, paid: true, paidOn: '2026-12-01', alreadyPaid: false });
    const second = JSON.parse((await post({ ...good, paidOn: '2026-12-02' }, fine.egn)).body.toString());
    expect(second).toEqual({ number: fine.number, paid: true, paidOn: '2026-12-01', alreadyPaid: true });
  });
});
