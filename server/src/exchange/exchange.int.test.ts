import crypto from 'node:crypto';
import { withCheckDigit } from '@civitas/contracts/ids/vin.ts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.ts';
import { PORTAL_CLIENT, serviceId } from '../../test/instance.ts';
import { startTestPlatform, type TestPlatform } from '../../test/platform.ts';
import { tablesOf } from '../db/connection.ts';
import { eidIssuer, issueScriptingToken } from '../identity/tokens.ts';
import { registerSamples } from '../registers/index.ts';
import { REQUEST_SIGNATURE_TYPE } from './node/context.ts';
import { provide } from './node/provider.ts';
import { EnvelopeSigner } from './protocol/batch-signing.ts';
import { type RequestEnvelope, sha256 } from './protocol/envelope.ts';
import { type ExchangeServiceDefinition, ok } from './service-definition.ts';
import type { ExchangeTables } from './tables.ts';

const VEHICLES = serviceId('vehicle-register', 'vehicles');
const PERSONS = serviceId('population-register', 'persons');
const MVR_TEST = 'BG/GOV/000695235/vehicle-register';
const VEHICLE_CONTEXT = {
  'x-road-purpose': 'vehicle-history-report',
  'x-road-legal-basis': 'road-traffic-act-art-140',
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Providers that misbehave, to prove the exchange contains them. */
const misbehaving: ExchangeServiceDefinition[] = [
  {
    subsystem: 'vehicle-register',
    code: 'slow',
    name: 'A register that answers too late',
    description: 'test',
    endpoints: [
      {
        method: 'GET',
        path: '/',
        summary: 'slow',
        personalData: false,
        handle: async () => {
          await sleep(1_500);
          return ok({ late: true });
        },
      },
    ],
  },
  {
    subsystem: 'vehicle-register',
    code: 'broken',
    name: 'A register that fails',
    description: 'test',
    endpoints: [
      {
        method: 'GET',
        path: '/',
        summary: 'throws',
        personalData: false,
        handle: async () => {
          throw new Error('disk on fire');
        },
      },
    ],
  },
  {
    subsystem: 'vehicle-register',
    code: 'garbage',
    name: 'A register that answers garbage',
    description: 'test',
    endpoints: [
      {
        method: 'GET',
        path: '/',
        summary: 'garbage',
        personalData: false,
        handle: async () => ({ status: 'teapot' }) as never,
      },
    ],
  },
];

describe.each(testDatabases())('the register exchange on $name', (engine) => {
  let platform: TestPlatform;
  let vin: string;
  let citizen: string;
  let adminToken: string;

  beforeAll(async () => {
    platform = await startTestPlatform(engine, {
      persons: 150,
      vehicles: 40,
      exchange: {
        serviceTimeoutMs: 300,
        extraServices: new Map(
          misbehaving.map((definition) => [`${MVR_TEST}/${definition.code}`, definition]),
        ),
      },
    });
    citizen = platform.seeded.demoPersons[0]!;
    // The misbehaving test registers get what real registers get by default: a right for the portal.
    for (const definition of misbehaving) {
      await platform.app.exchange.context.rights.grant(
        {
          client: PORTAL_CLIENT,
          serviceId: `${MVR_TEST}/${definition.code}`,
          pairs: [
            { purpose: 'vehicle-history-report', legalBasis: 'road-traffic-act-art-140' },
            { purpose: 'resident-parking-permit', legalBasis: 'sofia-parking-ordinance-art-35' },
          ],
        },
        'test',
      );
    }
    const [first] = await registerSamples(platform.database.db).vins();
    vin = first!;
    adminToken = await issueScriptingToken(
      platform.keys,
      eidIssuer(platform.config.publicUrl),
      platform.seeded.demoPersons[6]!,
      ['citizen', 'admin'],
    );
  });
  afterAll(() => platform?.close());

  function call(
    path: string,
    headers: Record<string, string> = {},
    method: 'GET' | 'POST' = 'GET',
    payload?: string,
  ) {
    return platform.app.inject({
      method,
      url: path,
      headers: { 'x-road-client': PORTAL_CLIENT, ...VEHICLE_CONTEXT, ...headers },
      ...(payload === undefined ? {} : { payload }),
    });
  }

  function expectFault(response: Awaited<ReturnType<typeof call>>, status: number, type: string) {
    expect(response.statusCode).toBe(status);
    expect(response.headers['x-road-error']).toBe(type);
    const body = response.json() as { type: string; message: string; detail: string };
    expect(body.type).toBe(type);
    expect(body.message.length).toBeGreaterThan(5);
    expect(body).toHaveProperty('detail');
    return body;
  }

  it('carries a request from the portal to the vehicle register and back, signed and logged on both sides', async () => {
    const response = await call(`/r1/${VEHICLES}/${vin}`, {
      'x-road-id': 'happy-path-1',
      'x-road-userid': 'BG8503146922',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ vin });
    expect(response.headers['x-road-id']).toBe('happy-path-1');
    expect(response.headers['x-road-client']).toBe(PORTAL_CLIENT);
    expect(response.headers['x-road-service']).toBe(VEHICLES);
    const requestHash = response.headers['x-road-request-hash'];
    expect(requestHash).toMatch(/^[A-Za-z0-9_-]{43}$/);

    await platform.app.exchange.context.log.drain();
    const records = await tablesOf<ExchangeTables>(platform.database.db)
      .selectFrom('exchange.message_log')
      .selectAll()
      .where('message_id', '=', 'happy-path-1')
      .orderBy('side')
      .execute();
    expect(records.map((record) => record.side)).toEqual(['consumer', 'provider']);
    for (const record of records) {
      expect(record).toMatchObject({
        client: PORTAL_CLIENT,
        service: VEHICLES,
        purpose: 'vehicle-history-report',
        legal_basis: 'road-traffic-act-art-140',
        request_hash: requestHash,
        status: 200,
        user_id: 'BG8503146922',
      });
      expect(record.request_signature).toMatch(/^ey/);
      expect(record.response_signature).toMatch(/^ey/);
    }
  });

  it('keeps the message log append-only', async () => {
    await expect(
      sql`UPDATE exchange.message_log SET status = 999`.execute(platform.database.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM exchange.message_log`.execute(platform.database.db)).rejects.toThrow(
      /append-only/,
    );
  });

  it("passes a provider's own answers through unchanged", async () => {
    const unknown = await call(`/r1/${VEHICLES}/${withCheckDigit('WVWZZZ1KZ8W000000')}`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['x-road-error']).toBeUndefined();
    expect(unknown.json()).toMatchObject({ code: 'not-found' });
    const malformed = await call(`/r1/${VEHICLES}/NOT-A-VIN`);
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ code: 'invalid-vin' });
  });

  describe('refuses bad requests with X-Road faults', () => {
    it('a missing or malformed X-Road-Client', async () => {
      expectFault(
        await platform.app.inject({ method: 'GET', url: `/r1/${VEHICLES}/${vin}`, headers: VEHICLE_CONTEXT }),
        400,
        'Client.InvalidClientId',
      );
      expectFault(
        await call(`/r1/${VEHICLES}/${vin}`, { 'x-road-client': 'BG/GOV' }),
        400,
        'Client.InvalidClientId',
      );
      expectFault(
        await call(`/r1/${VEHICLES}/${vin}`, { 'x-road-client': 'BG/GOV/123/a b' }),
        400,
        'Client.InvalidClientId',
      );
    });

    it('an information system calling from an address the node does not serve', async () => {
      const outsider = await platform.app.inject({
        method: 'GET',
        url: `/r1/${VEHICLES}/${vin}`,
        remoteAddress: '203.0.113.9',
        headers: { 'x-road-client': PORTAL_CLIENT, ...VEHICLE_CONTEXT },
      });
      expectFault(outsider, 403, 'Server.ClientProxy.InformationSystemNotAllowed');
      const prefill = await platform.app.inject({
        method: 'POST',
        url: '/exchange/prefill',
        remoteAddress: '203.0.113.9',
        headers: { 'x-road-client': PORTAL_CLIENT, ...VEHICLE_CONTEXT },
        payload: { requests: [{ key: 'v', service: VEHICLES, path: `/${vin}` }] },
      });
      expectFault(prefill, 403, 'Server.ClientProxy.InformationSystemNotAllowed');
    });

    it('a client that this node does not host', async () => {
      expectFault(
        await call(`/r1/${VEHICLES}/${vin}`, { 'x-road-client': 'BG/GOV/121552420/somebody' }),
        403,
        'Server.ClientProxy.ClientNotHosted',
      );
    });

    it('an unknown member or service', async () => {
      expectFault(
        await call(`/r1/BG/GOV/999999999/registry/things/1`),
        404,
        'Server.ClientProxy.UnknownMember',
      );
      expectFault(await call(`/r1/${MVR_TEST}/no-such-service/1`), 404, 'Server.ClientProxy.UnknownService');
      expectFault(await call('/r1/BG/GOV'), 400, 'Client.BadRequest');
    });

    it('no purpose, no legal basis, or ones the access right does not list', async () => {
      expectFault(
        await call(`/r1/${VEHICLES}/${vin}`, { 'x-road-purpose': '' }),
        400,
        'Client.MissingPurpose',
      );
      expectFault(
        await call(`/r1/${VEHICLES}/${vin}`, { 'x-road-legal-basis': '' }),
        400,
        'Client.MissingLegalBasis',
      );
      expectFault(
        await call(`/r1/${VEHICLES}/${vin}`, { 'x-road-purpose': 'curiosity' }),
        403,
        'Server.ServerProxy.PurposeNotAllowed',
      );
      const body = expectFault(
        await call(`/r1/${VEHICLES}/${vin}`, { 'x-road-legal-basis': 'because I can' }),
        403,
        'Server.ServerProxy.LegalBasisNotAllowed',
      );
      expect(body.message).toContain('vehicle-history-report @ road-traffic-act-art-140');
    });

    it('personal data without a named data subject', async () => {
      expectFault(
        await call(`/r1/${PERSONS}/${citizen}`, {
          'x-road-purpose': 'data-subject-access',
          'x-road-legal-basis': 'gdpr-art-15',
        }),
        400,
        'Client.MissingDataSubject',
      );
      const named = await call(`/r1/${PERSONS}/${citizen}`, {
        'x-road-purpose': 'data-subject-access',
        'x-road-legal-basis': 'gdpr-art-15',
        'x-road-data-subject': citizen,
      });
      expect(named.statusCode).toBe(200);
    });

    it('a client without an access right, until an admin grants one (audited)', async () => {
      const client = 'BG/GOV/000695235/traffic-fines';
      expectFault(
        await call(`/r1/${VEHICLES}/${vin}`, { 'x-road-client': client }),
        403,
        'Server.ServerProxy.AccessDenied',
      );
      const citizenToken = await issueScriptingToken(
        platform.keys,
        eidIssuer(platform.config.publicUrl),
        citizen,
        ['citizen'],
      );
      const refused = await platform.app.inject({
        method: 'POST',
        url: '/api/exchange/access-rights',
        headers: { authorization: `Bearer ${citizenToken}` },
        payload: {
          client,
          serviceId: VEHICLES,
          pairs: [{ purpose: 'vehicle-history-report', legalBasis: 'road-traffic-act-art-140' }],
        },
      });
      expect(refused.statusCode).toBe(403);
      // Rights grant purpose–basis pairs of the catalogue: not two separate lists, not free text.
      for (const payload of [
        {
          client,
          serviceId: VEHICLES,
          purposes: ['vehicle-history-report'],
          legalBases: ['road-traffic-act-art-140'],
        },
        {
          client,
          serviceId: VEHICLES,
          pairs: [{ purpose: 'vehicle history report', legalBasis: 'Road Traffic Act, Art. 140' }],
        },
        {
          client,
          serviceId: VEHICLES,
          pairs: [{ purpose: 'vehicle-history-report', legalBasis: 'because' }],
        },
      ]) {
        const invalid = await platform.app.inject({
          method: 'POST',
          url: '/api/exchange/access-rights',
          headers: { authorization: `Bearer ${adminToken}` },
          payload,
        });
        expect(invalid.statusCode, invalid.body).toBe(400);
        expect(invalid.json()).toMatchObject({ code: 'validation-failed' });
      }
      const granted = await platform.app.inject({
        method: 'POST',
        url: '/api/exchange/access-rights',
        headers: { authorization: `Bearer ${adminToken}` },
        payload: {
          client,
          serviceId: VEHICLES,
          endpoint: 'GET /{vin}',
          pairs: [{ purpose: 'vehicle-history-report', legalBasis: 'road-traffic-act-art-140' }],
        },
      });
      expect(granted.statusCode).toBe(201);
      expect(granted.json()).toMatchObject({
        client,
        serviceId: VEHICLES,
        endpoint: 'GET /{vin}',
        pairs: [{ purpose: 'vehicle-history-report', legalBasis: 'road-traffic-act-art-140' }],
      });
      const listed = await platform.app.inject({
        method: 'GET',
        url: '/api/exchange/access-rights',
        headers: { authorization: `Bearer ${adminToken}` },
      });
      expect((listed.json() as { items: Array<{ id: string }> }).items).toContainEqual(granted.json());
      expect((await call(`/r1/${VEHICLES}/${vin}`, { 'x-road-client': client })).statusCode).toBe(200);
      expectFault(
        await call(`/r1/${VEHICLES}/${vin}/registrations`, {
          'x-road-client': client,
          'x-road-data-subject': citizen,
        }),
        403,
        'Server.ServerProxy.AccessDenied',
      );
      const revoked = await platform.app.inject({
        method: 'DELETE',
        url: `/api/exchange/access-rights/${granted.json().id}`,
        headers: { authorization: `Bearer ${adminToken}` },
      });
      expect(revoked.statusCode).toBe(204);
      expectFault(
        await call(`/r1/${VEHICLES}/${vin}`, { 'x-road-client': client }),
        403,
        'Server.ServerProxy.AccessDenied',
      );
      const audit = await tablesOf<ExchangeTables>(platform.database.db)
        .selectFrom('exchange.admin_log')
        .select(['action', 'actor'])
        .where('subject', '=', granted.json().id)
        .orderBy('seq')
        .execute();
      expect(audit).toEqual([
        { action: 'access-right.granted', actor: platform.seeded.demoPersons[6] },
        { action: 'access-right.revoked', actor: platform.seeded.demoPersons[6] },
      ]);
    });

    it('a replayed message id', async () => {
      expect((await call(`/r1/${VEHICLES}/${vin}`, { 'x-road-id': 'once-only-id' })).statusCode).toBe(200);
      expectFault(
        await call(`/r1/${VEHICLES}/${vin}`, { 'x-road-id': 'once-only-id' }),
        409,
        'Server.ServerProxy.DuplicateMessageId',
      );
    });

    it('an oversized body, in the exchange form', async () => {
      const response = await call(
        `/r1/${VEHICLES}/${vin}`,
        { 'content-type': 'application/json' },
        'POST',
        'x'.repeat(platform.config.bodyLimit + 1),
      );
      expectFault(response, 413, 'Client.PayloadTooLarge');
    });
  });

  describe('contains a misbehaving provider', () => {
    it('answers a register that is too slow with ServiceTimeout, without waiting for it', async () => {
      const started = Date.now();
      expectFault(await call(`/r1/${MVR_TEST}/slow`), 504, 'Server.ServerProxy.ServiceTimeout');
      expect(Date.now() - started).toBeLessThan(1_200);
    });

    it('answers a register that fails with ServiceFailed, and garbage with InvalidServiceResponse', async () => {
      const failed = expectFault(
        await call(`/r1/${MVR_TEST}/broken`),
        502,
        'Server.ServerProxy.ServiceFailed',
      );
      expect(failed.message).not.toContain('disk on fire');
      expectFault(await call(`/r1/${MVR_TEST}/garbage`), 502, 'Server.ServerProxy.InvalidServiceResponse');
    });
  });

  describe('checks signatures at both ends', () => {
    async function envelopeFor(overrides: Partial<RequestEnvelope> = {}): Promise<RequestEnvelope> {
      return {
        v: 1,
        id: `forged-${Math.random()}`,
        client: PORTAL_CLIENT,
        service: VEHICLES,
        method: 'GET',
        path: `/${vin}`,
        query: '',
        userId: null,
        issue: null,
        representedParty: null,
        purpose: 'vehicle-history-report',
        legalBasis: 'road-traffic-act-art-140',
        caseRef: null,
        dataSubject: null,
        bodyHash: sha256(Buffer.alloc(0)),
        createdAt: new Date().toISOString(),
        ...overrides,
      };
    }

    it('refuses a request signed with a key that is not the client member’s', async () => {
      const context = platform.app.exchange.context;
      const { privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const serial = context.trust.signerFor('BG/GOV/177547175')!.certificateSerial;
      const impostor = new EnvelopeSigner(
        { memberId: 'BG/GOV/177547175', certificateSerial: serial, privateKey },
        REQUEST_SIGNATURE_TYPE,
      );
      const forged = await impostor.sign(await envelopeFor());
      const reply = await provide(context, { kind: 'self' }, { requestJws: forged, body: Buffer.alloc(0) });
      expect(reply.headers['x-road-error']).toBe('Server.ServerProxy.InvalidSignature');
    });

    it('refuses a tampered request, a body that does not match its hash, and a stale request', async () => {
      const context = platform.app.exchange.context;
      const signer = new EnvelopeSigner(context.trust.signerFor('BG/GOV/177547175')!, REQUEST_SIGNATURE_TYPE);
      const genuine = await signer.sign(await envelopeFor());
      const [batch, encoded] = genuine.split('~') as [string, string];
      const altered = JSON.parse(Buffer.from(encoded, 'base64url').toString()) as RequestEnvelope;
      altered.purpose = 'something else';
      const tampered = `${batch}~${Buffer.from(JSON.stringify(altered)).toString('base64url')}`;
      const refusal = async (requestJws: string, body = Buffer.alloc(0)) =>
        (await provide(context, { kind: 'self' }, { requestJws, body })).headers['x-road-error'];
      expect(await refusal(tampered)).toBe('Server.ServerProxy.InvalidSignature');
      const [header, payload, signature] = batch.split('.') as [string, string, string];
      const widened = Buffer.from(
        JSON.stringify({ v: 1, hashes: [sha256(JSON.stringify(altered))] }),
      ).toString('base64url');
      expect(
        await refusal(
          `${header}.${widened}.${signature}~${Buffer.from(JSON.stringify(altered)).toString('base64url')}`,
        ),
      ).toBe('Server.ServerProxy.InvalidSignature');
      expect(payload.length).toBeGreaterThan(10);
      expect(await refusal(genuine, Buffer.from('smuggled'))).toBe('Server.ServerProxy.InvalidSignature');
      const stale = await signer.sign(
        await envelopeFor({ createdAt: new Date(Date.now() - 3_600_000).toISOString() }),
      );
      expect(await refusal(stale)).toBe('Server.ServerProxy.StaleMessage');
    });

    it('signs concurrent requests in one batch, and each is still checked on its own', async () => {
      const context = platform.app.exchange.context;
      const signer = new EnvelopeSigner(context.trust.signerFor('BG/GOV/177547175')!, REQUEST_SIGNATURE_TYPE);
      const tokens = await Promise.all(
        Array.from({ length: 5 }, async () => signer.sign(await envelopeFor())),
      );
      expect(new Set(tokens.map((token) => token.split('~')[0])).size).toBe(1);
      for (const token of tokens) {
        const reply = await provide(context, { kind: 'self' }, { requestJws: token, body: Buffer.alloc(0) });
        expect(reply.status).toBe(200);
      }
    });

    it("refuses a provider's answer that was altered on the way, or bound to another request", async () => {
      const context = platform.app.exchange.context;
      const original = context.transport;
      try {
        context.transport = {
          send: async (node, message, timeout) => ({
            ...(await original.send(node, message, timeout)),
            body: Buffer.from('{"vin":"SWAPPED"}'),
          }),
        };
        expectFault(await call(`/r1/${VEHICLES}/${vin}`), 502, 'Server.ClientProxy.InvalidSignature');
        let previous: Awaited<ReturnType<typeof original.send>> | null = null;
        context.transport = {
          send: async (node, message, timeout) => {
            const fresh = await original.send(node, message, timeout);
            const answer = previous ?? fresh;
            previous = fresh;
            return answer;
          },
        };
        expect((await call(`/r1/${VEHICLES}/${vin}`)).statusCode).toBe(200);
        expectFault(await call(`/r1/${VEHICLES}/${vin}`), 502, 'Server.ClientProxy.RequestHashMismatch');
        context.transport = {
          send: async () => {
            throw new Error('connection refused');
          },
        };
        expectFault(await call(`/r1/${VEHICLES}/${vin}`), 502, 'Server.ClientProxy.NetworkError');
      } finally {
        context.transport = original;
      }
    });

    it('refuses the requests of a member whose signing certificate was revoked', async () => {
      const portalMember = 'BG/GOV/177547175';
      const serial = platform.app.exchange.context.trust.signerFor(portalMember)!.certificateSerial;
      await tablesOf<ExchangeTables>(platform.database.db)
        .updateTable('exchange.certificates')
        .set({ revoked_at: new Date() })
        .where('serial', '=', serial)
        .execute();
      try {
        await platform.app.exchange.conf.refresh();
        expectFault(await call(`/r1/${VEHICLES}/${vin}`), 403, 'Server.ServerProxy.InvalidSignature');
      } finally {
        await tablesOf<ExchangeTables>(platform.database.db)
          .updateTable('exchange.certificates')
          .set({ revoked_at: null })
          .where('serial', '=', serial)
          .execute();
        await platform.app.exchange.conf.refresh();
      }
      expect((await call(`/r1/${VEHICLES}/${vin}`)).statusCode).toBe(200);
    });
  });

  describe('directory and operations', () => {
    it('shows the admin the members, subsystems, services and the codes a right can grant', async () => {
      const registry = await platform.app.inject({
        method: 'GET',
        url: '/api/exchange/registry',
        headers: { authorization: `Bearer ${adminToken}` },
      });
      expect(registry.statusCode, registry.body).toBe(200);
      const body = registry.json() as {
        members: Array<{
          memberCode: string;
          nodes: string[];
          subsystems: Array<{
            code: string;
            services: Array<{ id: string; code: string; providedHere: boolean }>;
          }>;
        }>;
        purposes: string[];
        legalBases: Array<{ code: string; hideable: boolean }>;
      };
      const mvr = body.members.find((member) => member.memberCode === '000695235')!;
      expect(mvr.nodes.length).toBeGreaterThan(0);
      const vehicleRegister = mvr.subsystems.find((subsystem) => subsystem.code === 'vehicle-register')!;
      expect(vehicleRegister.services).toContainEqual(
        expect.objectContaining({ id: VEHICLES, code: 'vehicles', providedHere: true }),
      );
      expect(mvr.subsystems.map((subsystem) => subsystem.code)).toContain('sofia-police');
      expect(body.purposes).toContain('address-verification');
      expect(body.legalBases).toContainEqual({ code: 'ministry-of-interior-act-art-6', hideable: true });
      const citizenToken = await issueScriptingToken(
        platform.keys,
        eidIssuer(platform.config.publicUrl),
        citizen,
        ['citizen'],
      );
      const refused = await platform.app.inject({
        method: 'GET',
        url: '/api/exchange/registry',
        headers: { authorization: `Bearer ${citizenToken}` },
      });
      expect(refused.statusCode).toBe(403);
    });

    it('lists clients, methods, allowed methods and OpenAPI descriptions', async () => {
      const clients = (await platform.app.inject({ method: 'GET', url: '/listClients' })).json() as {
        member: Array<{ id: Record<string, string>; name: string }>;
      };
      expect(clients.member).toContainEqual(
        expect.objectContaining({
          id: expect.objectContaining({
            object_type: 'SUBSYSTEM',
            member_code: '000695235',
            subsystem_code: 'vehicle-register',
          }),
        }),
      );
      const methods = (await call(`/r1/${MVR_TEST}/listMethods`)).json() as {
        service: Array<{ service_code: string }>;
      };
      expect(methods.service.map((entry) => entry.service_code)).toContain('vehicles');
      const allowed = (await call(`/r1/${MVR_TEST}/allowedMethods`)).json() as {
        service: Array<{ service_code: string }>;
      };
      expect(allowed.service.map((entry) => entry.service_code)).toContain('vehicles');
      const none = (
        await call(`/r1/${MVR_TEST}/allowedMethods`, {
          'x-road-client': 'BG/GOV/000695235/identity-documents',
        })
      ).json() as { service: unknown[] };
      expect(none.service).toEqual([]);
      const openapi = (await call(`/r1/${MVR_TEST}/getOpenAPI?serviceCode=vehicles`)).json() as {
        openapi: string;
        paths: Record<string, unknown>;
      };
      expect(openapi.openapi).toBe('3.1.0');
      expect(Object.keys(openapi.paths)).toEqual(
        expect.arrayContaining(['/{vin}', '/by-plate/{plate}', '/{vin}/registrations']),
      );
      expectFault(
        await call(`/r1/${MVR_TEST}/getOpenAPI?serviceCode=nothing`),
        404,
        'Server.ClientProxy.UnknownService',
      );
    });

    it('reports node health and per-service monitoring', async () => {
      const health = (await platform.app.inject({ method: 'GET', url: '/exchange/health' })).json();
      expect(health).toMatchObject({
        status: 'ok',
        node: 'node-1',
        database: 'ok',
        globalConfiguration: { valid: true },
      });
      expect(health.keysLoaded).toBeGreaterThanOrEqual(6);
      await platform.app.exchange.context.log.drain();
      const monitoring = await platform.app.inject({
        method: 'GET',
        url: '/api/exchange/monitoring?minutes=60',
        headers: { authorization: `Bearer ${adminToken}` },
      });
      expect(monitoring.statusCode).toBe(200);
      const vehicles = (
        monitoring.json().services as Array<{
          service: string;
          messages: number;
          errors: number;
          p99: number;
        }>
      ).find((row) => row.service === VEHICLES)!;
      expect(vehicles.messages).toBeGreaterThan(5);
      expect(vehicles.errors).toBeGreaterThan(0);
      expect(vehicles.p99).toBeGreaterThanOrEqual(0);
      const metrics = (await platform.app.inject({ method: 'GET', url: '/metrics' })).body;
      expect(metrics).toMatch(
        /civitas_exchange_messages_total\{service="BG\/GOV\/000695235\/vehicle-register\/vehicles",status="200",fault=""\} \d+/,
      );
    });

    it('answers an orchestrated once-only request with what answered and which sources failed', async () => {
      const response = await platform.app.inject({
        method: 'POST',
        url: '/exchange/prefill',
        headers: {
          'x-road-client': PORTAL_CLIENT,
          'x-road-purpose': 'resident-parking-permit',
          'x-road-legal-basis': 'sofia-parking-ordinance-art-35',
        },
        payload: {
          dataSubject: citizen,
          timeoutMs: 1_000,
          requests: [
            { key: 'person', service: PERSONS, path: `/${citizen}` },
            { key: 'vehicles', service: VEHICLES, path: `/by-owner/${citizen}` },
            { key: 'slow', service: `${MVR_TEST}/slow`, path: '/' },
          ],
        },
      });
      expect(response.statusCode).toBe(200);
      const body = response.json() as {
        results: Array<{ key: string; status: string; body: unknown }>;
        failed: string[];
      };
      expect(body.results.find((result) => result.key === 'person')).toMatchObject({
        status: 'ok',
        body: { egn: citizen },
      });
      expect(body.results.find((result) => result.key === 'vehicles')!.status).toBe('ok');
      expect(body.failed).toEqual(['slow']);
    });
  });

  it('prefills the parking-permit application from four registers, naming each source', async () => {
    const token = await issueScriptingToken(platform.keys, eidIssuer(platform.config.publicUrl), citizen, [
      'citizen',
    ]);
    const response = await platform.app.inject({
      method: 'GET',
      url: '/api/eservices/parking-permit/prefill',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json() as {
      fields: Array<{ name: string; value: string; source: string }>;
      sources: Array<{ key: string; status: string }>;
      requestId: string;
      vehicles: unknown[];
    };
    expect(body.sources.map((source) => [source.key, source.status])).toEqual([
      ['population', 'ok'],
      ['vehicles', 'ok'],
      ['driving-licences', 'ok'],
      ['vehicle-tax', 'ok'],
    ]);
    const sources = new Set(body.fields.map((field) => field.source));
    expect(sources.size).toBeGreaterThanOrEqual(3);
    expect(body.fields.find((field) => field.name === 'personalNumber')).toEqual({
      name: 'personalNumber',
      value: citizen,
      source: 'population',
    });
    await platform.app.exchange.context.log.drain();
    const logged = await tablesOf<ExchangeTables>(platform.database.db)
      .selectFrom('exchange.message_log')
      .select(['service', 'data_subject'])
      .where('case_ref', '=', body.requestId)
      .where('side', '=', 'provider')
      .execute();
    // A person and their addresses, their vehicles, their licence, and the tax of each car.
    expect(logged.length).toBe(4 + body.vehicles.length);
    expect(new Set(logged.map((row) => row.data_subject))).toEqual(new Set([citizen]));
  });
});

describe('an expired global configuration', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform(testDatabases()[0]!, {
      persons: 30,
      vehicles: 5,
      // Valid for a second and never refreshed on its own, so it expires whatever the machine's load.
      exchange: { confValidityMs: 1_000, confRefreshMs: 3_600_000 },
    });
  });
  afterAll(() => platform?.close());

  it('stops the node exchanging until a fresh one is fetched', async () => {
    await sleep(1_200);
    const response = await platform.app.inject({
      method: 'GET',
      url: `/r1/${VEHICLES}/${withCheckDigit('WVWZZZ1KZ8W000001')}`,
      headers: { 'x-road-client': PORTAL_CLIENT, ...VEHICLE_CONTEXT },
    });
    expect(response.statusCode).toBe(503);
    expect(response.headers['x-road-error']).toBe('Server.ClientProxy.OutdatedGlobalConf');
    const health = await platform.app.inject({ method: 'GET', url: '/exchange/health' });
    expect(health.statusCode).toBe(503);
    await platform.app.exchange.conf.refresh();
    const fresh = await platform.app.inject({
      method: 'GET',
      url: `/r1/${VEHICLES}/${withCheckDigit('WVWZZZ1KZ8W000001')}`,
      headers: { 'x-road-client': PORTAL_CLIENT, ...VEHICLE_CONTEXT },
    });
    expect(fresh.headers['x-road-error']).toBeUndefined();
  });
});
