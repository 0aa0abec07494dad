import type http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.ts';
import { PORTAL_CLIENT, TEST_INSTANCE } from '../../test/instance.ts';
import { freePort } from '../../test/net.ts';
import { seedDemoData } from '../bootstrap.ts';
import type { DatabaseHandle } from '../db/connect.ts';
import { tablesOf } from '../db/connection.ts';
import { platformServices } from '../platform-services.ts';
import { exchangeSetupOf, registerSamples } from '../registers/index.ts';
import { httpsTransport } from './node/https-transport.ts';
import { type NodeProcess, startNodeProcess } from './node-process.ts';
import { createCertificateAuthority } from './pki/certificate-authority.ts';
import { issueNodeCertificate } from './pki/issue.ts';
import { mutualTlsServerOptions } from './pki/tls.ts';
import {
  ensureRegistrySetup,
  nodeTlsCredentials,
  publishGlobalConfiguration,
} from './registry/central-registry.ts';
import { globalConfPublication } from './registry/publication.ts';
import type { ExchangeTables } from './tables.ts';

const MVR = 'BG/GOV/000695235';
const POPULATION = 'BG/GOV/831661388';
const PORTAL_MEMBER = 'BG/GOV/177547175';
const VEHICLES = `${MVR}/vehicle-register/vehicles`;

const headers = {
  'x-road-client': PORTAL_CLIENT,
  'x-road-purpose': 'vehicle-history-report',
  'x-road-legal-basis': 'road-traffic-act-art-140',
};

for (const engine of testDatabases()) {
  describe(`two exchange nodes over mutual TLS (${engine.name})`, () => {
    let database: DatabaseHandle;
    let registry: FastifyInstance;
    let nodeA: NodeProcess;
    let nodeB: NodeProcess;
    let clientUrl: string;
    let vin: string;
    const faults: unknown[] = [];
    /** How many messages node B has logged. */
    const providerRecords = async () => {
      await nodeB.node.context.log.drain();
      return (
        await tablesOf<ExchangeTables>(database.db)
          .selectFrom('exchange.message_log')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('node_id', '=', 'node-b')
          .executeTakeFirstOrThrow()
      ).n;
    };

    beforeAll(async () => {
      database = await engine.open();
      const { db } = database;
      await seedDemoData(database, { seed: 'multi-node', persons: 120, vehicles: 40 });
      vin = (await registerSamples(db).vins())[0]!;
      const setup = exchangeSetupOf(TEST_INSTANCE, platformServices(db));
      await ensureRegistrySetup(db, setup);

      registry = Fastify({ logger: false });
      await registry.register(globalConfPublication, {
        publish: () => publishGlobalConfiguration(db, 600_000),
      });
      const registryUrl = await registry.listen({ host: '127.0.0.1', port: await freePort() });

      const common = {
        catalogue: setup.catalogue,
        services: setup.services,
        registryUrl,
        exchangeTimeoutMs: 3_000,
        authenticate: () => Promise.reject(new Error('no operator API in this test')),
        changedBy: () => 'no operator API in this test',
        report: (error: unknown) => faults.push(error),
      };
      nodeB = await startNodeProcess(db, {
        ...common,
        nodeId: 'node-b',
        port: await freePort(),
        members: [MVR, POPULATION],
      });
      nodeA = await startNodeProcess(db, {
        ...common,
        nodeId: 'node-a',
        port: await freePort(),
        members: [PORTAL_MEMBER],
        clientPort: await freePort(),
      });
      // B fetched the configuration before A registered: bring it up to date.
      await republish(nodeB);
      const address = nodeA.clientApi!.server.address();
      clientUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    });

    afterAll(async () => {
      await nodeA?.close();
      await nodeB?.close();
      await registry?.close();
      await database?.close();
    });

    /** The registry's next configuration, as a node gets it on its next refresh. */
    async function republish(node: NodeProcess) {
      await new Promise((resolve) => setTimeout(resolve, 5)); // a new serial (milliseconds)
      expect(await node.node.conf.refresh()).toBe('updated');
    }

    function callVehicle(path = `/r1/${VEHICLES}/${vin}`) {
      return fetch(`${clientUrl}${path}`, { headers });
    }

    async function logged(messageId: string) {
      await nodeA.node.context.log.drain();
      await nodeB.node.context.log.drain();
      return tablesOf<ExchangeTables>(database.db)
        .selectFrom('exchange.message_log')
        .select(['node_id', 'side', 'status', 'error_type'])
        .where('message_id', '=', messageId)
        .orderBy('node_id')
        .orderBy('seq')
        .execute();
    }

    it('takes a client call on node A across mutual TLS to the register on node B', async () => {
      const response = await callVehicle();

      expect(response.status).toBe(200);
      expect(((await response.json()) as { vin: string }).vin).toBe(vin);
      expect(response.headers.get('x-road-request-hash')).toMatch(/\S{20,}/);
      const messageId = response.headers.get('x-road-id')!;
      expect(await logged(messageId)).toEqual([
        { node_id: 'node-a', side: 'consumer', status: 200, error_type: null },
        { node_id: 'node-b', side: 'provider', status: 200, error_type: null },
      ]);
      // The provider's member is not hosted on A: the answer can only have come from B.
      expect(nodeA.node.context.trust.signerFor(MVR)).toBeUndefined();
      expect(faults).toEqual([]);
    });

    it('publishes the signed global configuration over HTTP, listing both nodes at their addresses', async () => {
      const address = registry.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const response = await fetch(`http://127.0.0.1:${port}/exchange/global-conf`);

      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/jose/);
      expect((await response.text()).split('.')).toHaveLength(3);
      const nodes = nodeB.node.conf
        .current()!
        .nodes.map(({ id, address: at, members }) => ({ id, at, members }));
      expect(nodes).toEqual([
        { id: 'node-a', at: nodeA.address, members: [PORTAL_MEMBER] },
        { id: 'node-b', at: nodeB.address, members: [MVR, POPULATION] },
      ]);
    });

    it('refuses at the TLS handshake a node whose certificate another CA issued', async () => {
      const otherCa = await createCertificateAuthority({ commonName: 'Rogue CA', validDays: 1 });
      const rogue = await issueNodeCertificate(otherCa, {
        nodeId: 'node-a',
        hostnames: ['localhost'],
        ipAddresses: ['127.0.0.1'],
      });
      const platform = await nodeTlsCredentials(database.db, 'node-a');
      const transport = httpsTransport({ ...rogue, caPem: platform.caPem });
      const before = await providerRecords();
      try {
        await expect(
          transport.send(
            { id: 'node-b', address: nodeB.address },
            { requestJws: 'e30.e30.c2ln', body: Buffer.alloc(0) },
            3_000,
          ),
        ).rejects.toThrow(/socket hang up|other side closed|ECONNRESET|alert|certificate/i);
      } finally {
        transport.close();
      }
      expect(await providerRecords()).toBe(before);
    });

    it('does not send to a server whose certificate is not the one the registry lists for the node', async () => {
      // B's certificate is valid (the platform CA issued it), but once the registry lists another
      // one for the node, the handshake is refused before the request is written, even though a
      // connection to B made under the old listing is still kept alive.
      const credentialsA = await nodeTlsCredentials(database.db, 'node-a');
      const credentialsB = await nodeTlsCredentials(database.db, 'node-b');
      const transport = httpsTransport(credentialsA);
      const message = { requestJws: 'e30.e30.c2ln', body: Buffer.alloc(0) };
      try {
        const listed = { id: 'node-b', address: nodeB.address, tlsCertificate: credentialsB.certificatePem };
        // Under its registered certificate B is reached (and refuses the unsigned request).
        expect((await transport.send(listed, message, 3_000)).headers['x-road-error']).toBe(
          'Server.ServerProxy.InvalidSignature',
        );
        const before = await providerRecords();
        await expect(
          transport.send({ ...listed, tlsCertificate: credentialsA.certificatePem }, message, 3_000),
        ).rejects.toMatchObject({ type: 'Server.ClientProxy.SslAuthenticationFailed' });
        expect(await providerRecords()).toBe(before);
      } finally {
        transport.close();
      }
    });

    /**
     * A stand-in for node B: a listener with B's own credentials (so every TLS and certificate
     * check passes) and the given handler, reached through a transport with A's credentials.
     */
    async function withStandInForB(
      handler: http.RequestListener,
      keepAliveTimeoutMs: number,
      work: (
        transport: ReturnType<typeof httpsTransport>,
        node: { id: string; address: string; tlsCertificate: string },
      ) => Promise<void>,
    ): Promise<void> {
      const credentialsB = await nodeTlsCredentials(database.db, 'node-b');
      const server = https.createServer(mutualTlsServerOptions(credentialsB), handler);
      server.keepAliveTimeout = keepAliveTimeoutMs;
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const transport = httpsTransport(await nodeTlsCredentials(database.db, 'node-a'));
      try {
        const { port } = server.address() as AddressInfo;
        await work(transport, {
          id: 'node-b',
          address: `https://127.0.0.1:${port}`,
          tlsCertificate: credentialsB.certificatePem,
        });
      } finally {
        transport.close();
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    }

    it('sends again over a new connection when the provider node closed an idle kept-alive one', async () => {
      const answerOk: http.RequestListener = (request, response) => {
        request.resume();
        request.on('end', () => response.end('ok'));
      };
      await withStandInForB(answerOk, 50, async (transport, node) => {
        const message = { requestJws: 'e30.e30.c2ln', body: Buffer.alloc(0) };
        expect((await transport.send(node, message, 3_000)).body.toString()).toBe('ok');
        await new Promise((resolve) => setTimeout(resolve, 300)); // the server closes the idle connection
        expect((await transport.send(node, message, 3_000)).body.toString()).toBe('ok');
      });
    });

    it('gives up on a provider node that accepts the connection but never answers (Timeout)', async () => {
      // The stand-in reads the request and stays silent.
      await withStandInForB(
        () => {},
        65_000,
        async (transport, node) => {
          const started = performance.now();
          await expect(
            transport.send(node, { requestJws: 'e30.e30.c2ln', body: Buffer.alloc(0) }, 300),
          ).rejects.toMatchObject({ type: 'Server.ClientProxy.Timeout' });
          expect(performance.now() - started).toBeLessThan(2_000);
        },
      );
    });

    it("refuses at B a request signed with the client member's revoked signing certificate", async () => {
      const { db } = database;
      const revoke = (at: Date | null) =>
        tablesOf<ExchangeTables>(db)
          .updateTable('exchange.certificates')
          .set({ revoked_at: at })
          .where('kind', '=', 'signing')
          .where('owner', '=', PORTAL_MEMBER)
          .execute();
      const unverifiedBefore = (await logged('unverified')).length;
      await revoke(new Date());
      try {
        await republish(nodeB);
        const response = await callVehicle();

        expect(response.status).toBe(403);
        expect(response.headers.get('x-road-error')).toBe('Server.ServerProxy.InvalidSignature');
        // B cannot trust the message id of a request it could not verify: it logs it as unverified.
        expect((await logged('unverified')).slice(unverifiedBefore)).toEqual([
          {
            node_id: 'node-b',
            side: 'provider',
            status: 403,
            error_type: 'Server.ServerProxy.InvalidSignature',
          },
        ]);
      } finally {
        await revoke(null);
        await republish(nodeB);
      }
      expect((await callVehicle()).status).toBe(200);
    });

    it('refuses at B a node whose TLS certificate the registry revoked', async () => {
      const { db } = database;
      const revoke = (at: Date | null) =>
        tablesOf<ExchangeTables>(db)
          .updateTable('exchange.certificates')
          .set({ revoked_at: at })
          .where('kind', '=', 'tls')
          .where('owner', '=', 'node-a')
          .execute();
      await revoke(new Date());
      try {
        await republish(nodeB);
        // The certificate is still one the platform CA issued, so the handshake succeeds: the
        // refusal comes from B checking it against the registry's configuration.
        const response = await callVehicle();

        expect(response.status).toBe(403);
        expect(response.headers.get('x-road-error')).toBe('Server.ServerProxy.SslAuthenticationFailed');
      } finally {
        await revoke(null);
        await republish(nodeB);
      }
      expect((await callVehicle()).status).toBe(200);
    });

    it('answers NetworkError quickly when the provider node B is down', async () => {
      await nodeB.listener.close();
      const started = performance.now();
      const response = await callVehicle();

      expect(response.status).toBe(502);
      expect(response.headers.get('x-road-error')).toBe('Server.ClientProxy.NetworkError');
      expect(performance.now() - started).toBeLessThan(1_500);
    });
  });
}
