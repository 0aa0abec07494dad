import rateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fp from 'fastify-plugin';
import { Gauge } from 'prom-client';
import { AccessPolicy, accessErrors, accessPlugin } from './access/index.ts';
import { type AuditLog, auditErrors, auditPlugin, startAuditLog } from './audit/index.ts';
import {
  createDelivery,
  DEFAULT_ADMINISTRATIONS,
  deliveryErrors,
  deliveryPlugin,
} from './capabilities/delivery/index.ts';
import { ehealthErrors, ehealthPlugin, smartLaunchContext } from './capabilities/ehealth/index.ts';
import {
  CATALOGUE_FOLDER,
  eservicesErrors,
  eservicesPlugin,
  loadCatalogue,
} from './capabilities/eservices/index.ts';
import { profilePlugin } from './capabilities/profile/index.ts';
import {
  ReportStore,
  vehicleDossierErrors,
  vehicleDossierPlugin,
} from './capabilities/vehicle-dossier/index.ts';
import { walletErrors, walletPlugin } from './capabilities/wallet/index.ts';
import type { DatabaseHandle } from './db/index.ts';
import {
  ExchangeClient,
  exchangeErrors,
  exchangePlugin,
  type LocalExchangeOptions,
  startLocalExchange,
} from './exchange/index.ts';
import {
  type HealthOptions,
  healthPlugin,
  httpErrors,
  httpServerOptions,
  installErrorHandling,
  installRequestGuards,
  installSecurityHeaders,
  isBrowserNavigation,
  metricsPlugin,
  registerOpenApi,
  routeAccessPlugin,
  sendRouteNotFound,
  webAppPlugin,
} from './http/index.ts';
import type { IdentityKeys } from './identity/index.ts';
import {
  createAccessTokenVerifier,
  createEidProvider,
  eidIssuer,
  exchangePersonDirectory,
  identityErrors,
  identityPlugin,
  SESSION_TTL_S,
  SignIns,
  staffNames,
  staffRolesOf,
  tokenAuthenticator,
} from './identity/index.ts';
import type { Config } from './kernel/index.ts';
import { KeyStore, mergeErrorTables, platformLoggerOptions } from './kernel/index.ts';
import { platformServices } from './platform-services.ts';
import {
  exchangeSetupOf,
  type Instance,
  instancePlugin,
  loadInstance,
  registerChangesPlugin,
  registerErrors,
  representationCheck,
} from './registers/index.ts';
import { createPlatformSigning, signingErrors, signingPlugin } from './signing/index.ts';

export interface AppDependencies {
  config: Config;
  /** The country's installation (default: the one `config.instance` names). */
  instance?: Instance;
  database: DatabaseHandle;
  keys: IdentityKeys;
  isReady: () => boolean;
  /** Work the server does after it is ready (the demo's background seeding), shown by `/readyz`. */
  backgroundWork?: HealthOptions['backgroundWork'];
  /** Options of the in-process exchange node (tests add slow or broken providers). */
  exchange?: Partial<Omit<LocalExchangeOptions, 'report'>>;
  /** Override the logger (tests pass `false`). */
  logger?: FastifyServerOptions['logger'];
}

/** Every context's error codes as one table; a code two contexts declare fails here, at boot. */
export const problemTable = mergeErrorTables({
  http: httpErrors,
  identity: identityErrors,
  access: accessErrors,
  exchange: exchangeErrors,
  registers: registerErrors,
  audit: auditErrors,
  'vehicle-dossier': vehicleDossierErrors,
  wallet: walletErrors,
  ehealth: ehealthErrors,
  delivery: deliveryErrors,
  signing: signingErrors,
  eservices: eservicesErrors,
});

/** What the contexts are given: the ports their plugins talk through. */
interface Ports {
  portal: ExchangeClient;
  policy: AccessPolicy;
  audit: AuditLog;
  staffNames: (egns: readonly string[]) => ReturnType<typeof staffNames>;
}

/** Builds the platform's HTTP application: configuration, then ports, then one plugin per context. */
export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const { config, database } = deps;
  const app = createServer(deps);
  const securityHeaders = installSecurityHeaders(app, { production: config.production });
  await app.register(rateLimit, {
    global: config.rateLimit > 0,
    max: config.rateLimit || 1_000_000,
    timeWindow: '1 minute',
  });
  await registerOpenApi(app, {
    openIdConnectUrl: `${eidIssuer(config.publicUrl)}/.well-known/openid-configuration`,
    production: config.production,
  });
  const verifyAccessToken = createAccessTokenVerifier(deps.keys, eidIssuer(config.publicUrl), {
    db: database.db,
    publicUrl: config.publicUrl,
    acceptScriptingTokens: config.demo,
  });
  // Before any context's routes: its onRoute hook guards the routes added after it.
  await app.register(routeAccessPlugin, { authenticate: tokenAuthenticator(verifyAccessToken) });
  await app.register(metricsPlugin, { token: config.metricsToken, production: config.production });
  await app.register(healthPlugin, {
    db: database.db,
    isReady: deps.isReady,
    ...(deps.backgroundWork ? { backgroundWork: deps.backgroundWork } : {}),
  });
  await app.register(instancePlugin, { instance: deps.instance ?? loadInstance(config.instance) });
  await app.register(exchangeClientPlugin, { deps });
  const ports = await startPorts(app, deps);
  await registerContexts(app, deps, ports, securityHeaders);
  await registerFallback(app);
  return app;
}

/** Fastify with the platform's server options, logging, and one way to answer errors. */
function createServer(deps: AppDependencies): FastifyInstance {
  const { config } = deps;
  const app = Fastify({
    // Timeouts, request ids, and problem+json for what the HTTP parser and router refuse.
    ...httpServerOptions(config),
    logger: deps.logger ?? platformLoggerOptions(config.logLevel),
    bodyLimit: config.bodyLimit,
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false } },
    // X-Forwarded-For/-Proto/-Host only from the configured proxies (`CIVITAS_TRUSTED_PROXIES`);
    // from anyone else they are what the client says about itself, and are ignored.
    trustProxy: config.trustedProxies.length > 0 ? config.trustedProxies : false,
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // Personal data must not linger in shared or browser caches.
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });
  installErrorHandling(app, problemTable);
  installRequestGuards(app);
  // A JSON API: plain text bodies are not accepted anywhere (415, not a confusing 400).
  app.removeContentTypeParser('text/plain');
  return app;
}

/**
 * This process's exchange node, decorated as `exchange` (and the person directory the eID node
 * reads through it): the capabilities' plugins depend on it by name.
 */
const exchangeClientPlugin = fp(
  async (app: FastifyInstance, { deps }: { deps: AppDependencies }) => {
    const report = (error: unknown) => app.log.error({ err: error }, 'exchange node fault');
    const exchange = await startLocalExchange(deps.database.db, {
      ...exchangeSetupOf(app.instance, platformServices(deps.database.db, report)),
      // The in-process node is reached by function call; its registered address is reserved
      // (RFC 6761 .invalid) until it is split out and given a mutual-TLS listener.
      address: 'https://node-1.invalid',
      bodyLogging: deps.config.exchangeBodyLogging,
      // `X-Road-Represented-Party`: whether the user may represent the company, as the commercial register says.
      representation: representationCheck(deps.database.db),
      ...deps.exchange,
      report,
    });
    app.addHook('onClose', () => exchange.close());
    app.decorate('exchange', exchange);
    app.decorate(
      'personDirectory',
      exchangePersonDirectory(new ExchangeClient(exchange, app.instance.clients.portal)),
    );
  },
  { name: 'exchange-client', dependencies: ['instance'] },
);

/** The portal's exchange client, the access policy, and the transparency log (started here). */
async function startPorts(app: FastifyInstance, { config, database }: AppDependencies): Promise<Ports> {
  const policy = new AccessPolicy({
    staffRolesOf: (subject) => staffRolesOf(database.db, subject, config.demo, app.instance.staffClients),
    report: (refusal) =>
      app.log.warn({ event: 'access.refused', ...refusal }, 'personal data access refused'),
  });
  const audit = await startAuditLog(database.db, {
    keyStore: new KeyStore(config.keyDir),
    origin: config.logOrigin,
    witnessName: `${new URL(config.publicUrl).hostname}/civitas/witness`,
    checkpointIntervalMs: config.logCheckpointIntervalMs,
    feedIntervalMs: config.logFeedIntervalMs,
    tileCacheBytes: config.logTileCacheBytes,
    // On PostgreSQL the feed works on its own thread (docs/audit.md, "The feed's own thread").
    ...(database.connectionUrl && { feedThreadDatabaseUrl: database.connectionUrl }),
    report: (message, details) => app.log.error(details, message),
  });
  // After the exchange node's: the feed's last round reads what the node logged last.
  app.addHook('onClose', async () => {
    await audit.feed.run().catch(() => 0);
    await audit.close();
  });
  app.decorate('auditLog', audit);
  registerLogGauges(app, audit);
  return {
    portal: new ExchangeClient(app.exchange, app.instance.clients.portal),
    policy,
    audit,
    staffNames: (egns) => staffNames(database.db, egns),
  };
}

/** How full the transparency log's tile cache is, for the operator's dashboards. */
function registerLogGauges(app: FastifyInstance, audit: AuditLog): void {
  const gauges: Array<[name: string, help: string, read: () => number]> = [
    [
      'civitas_log_tile_cache_tiles',
      'Full hash tiles of the transparency log held in memory for proofs',
      () => audit.tiles.cached.tiles,
    ],
    [
      'civitas_log_tile_cache_bytes',
      'Memory taken by the cached hash tiles (the budget is CIVITAS_LOG_TILE_CACHE_MB)',
      () => audit.tiles.cached.bytes,
    ],
  ];
  for (const [name, help, read] of gauges) {
    new Gauge({
      name,
      help,
      registers: [app.metricsRegistry],
      collect() {
        this.set(read());
      },
    });
  }
}

/** One plugin per context, each given only the ports it uses. */
async function registerContexts(
  app: FastifyInstance,
  { config, database, keys }: AppDependencies,
  { portal, policy, audit, staffNames }: Ports,
  securityHeaders: Record<string, string>,
): Promise<void> {
  const db = database.db;
  const signIns = new SignIns(db, SESSION_TTL_S);
  const provider = createEidProvider(db, keys, config, signIns, smartLaunchContext(db));
  provider.on('server_error', (_ctx, error) => app.log.error({ err: error }, 'eID node error'));
  const directory = app.personDirectory;
  await app.register(identityPlugin, { db, config, keys, provider, directory, signIns, securityHeaders });
  await app.register(exchangePlugin, {
    db,
    exchange: app.exchange,
    changedBy: (request) => request.principal!.subject,
    clientAddresses: config.exchangeClientAddresses,
  });
  await app.register(profilePlugin, { exchange: portal, policy });
  await app.register(accessPlugin, { policy });
  await app.register(auditPlugin, { db, log: audit, policy, staffNames });
  await app.register(vehicleDossierPlugin, {
    exchange: portal,
    store: new ReportStore(db),
    policy,
    publicUrl: config.publicUrl,
    // The platform-wide limit off (benchmarks) turns the anonymous reports' own limit off too.
    reportsPerMinute: config.rateLimit > 0 ? 30 : 0,
  });
  // The registers' own change services for staff (each change recorded in the change outbox).
  await app.register(registerChangesPlugin, { db });
  // The wallet issuer asks the registers as its own subsystem (credential issuance rights only).
  await app.register(walletPlugin, {
    db,
    config,
    exchange: new ExchangeClient(app.exchange, app.instance.clients.wallet),
    audit,
    keys,
  });
  // The health record: FHIR R4 at /fhir/R4, SMART on FHIR, the patient's rights, e-prescriptions.
  await app.register(ehealthPlugin, { db, config, instance: app.instance, exchange: portal, audit });
  // The secure mailbox, notifications and payments (their parts are the Delivery, Notifier and
  // Payments ports the e-services take).
  const delivery = await createDelivery({
    db,
    keyStore: new KeyStore(config.keyDir),
    publicUrl: config.publicUrl,
    exchange: app.exchange,
    portal,
    portalClient: app.instance.clients.portal,
    allowHttpPush: !config.production,
    report: (error) => app.log.error({ err: error }, 'delivery fault'),
  });
  await app.register(deliveryPlugin, {
    ...delivery,
    administrations: DEFAULT_ADMINISTRATIONS,
    organisationsOf: async (subject) =>
      (await staffRolesOf(db, subject, config.demo, app.instance.staffClients)).map(
        (role) => role.organisation,
      ),
    reminderIntervalMs: 6 * 3600_000,
  });
  // Signing: the platform's signing CA, e-seals, and the public validation of signatures.
  const signing = createPlatformSigning({
    db,
    keyDir: config.keyDir,
    catalogue: app.instance.catalogue,
    portalClient: app.instance.clients.portal,
  });
  await app.register(signingPlugin, { signing, exchange: portal });
  // The e-services take the signing and delivery ports: applications signed, status changes told.
  // Every service declaration is checked here: a bad one fails the start with its file and reasons.
  await app.register(eservicesPlugin, {
    db,
    exchange: portal,
    catalogue: loadCatalogue(CATALOGUE_FOLDER),
    staffOf: (subject) => staffRolesOf(db, subject, config.demo, app.instance.staffClients),
    signing,
    notifier: delivery.notifications,
  });
}

/** The web app for a browser's navigation; problem+json (404 or 405) for everything else. */
async function registerFallback(app: FastifyInstance): Promise<void> {
  const { hasWebApp } = await webAppPlugin(app);
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    if (
      hasWebApp &&
      isBrowserNavigation(request) &&
      !/^\/(api|oidc|interaction|docs|fhir)(\/|$)/.test(path)
    ) {
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .sendFile('index.html');
    }
    return sendRouteNotFound(request, reply);
  });
}
