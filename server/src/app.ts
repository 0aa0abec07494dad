import type { IncomingMessage, ServerResponse } from 'node:http';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import helmet from 'helmet';
import { Gauge } from 'prom-client';
import { accessErrors } from './access/errors.ts';
import { AccessPolicy } from './access/policy.ts';
import { accessRoutes } from './access/routes.ts';
import { auditErrors } from './audit/errors.ts';
import { logRoutes } from './audit/log/routes.ts';
import { startAuditLog } from './audit/service.ts';
import { dataTrackerApi } from './audit/tracker/estonian-api-routes.ts';
import { trackerRoutes } from './audit/tracker/routes.ts';
import { UsageStore } from './audit/tracker/store.ts';
import { parkingPermitRoutes } from './capabilities/eservices/routes.ts';
import { profileRoutes } from './capabilities/profile/routes.ts';
import { vehicleDossierErrors } from './capabilities/vehicle-dossier/errors.ts';
import { dossierRoutes } from './capabilities/vehicle-dossier/routes.ts';
import { ReportStore } from './capabilities/vehicle-dossier/store.ts';
import type { DatabaseHandle } from './db/connect.ts';
import { PORTAL_CLIENT } from './exchange/catalogue.ts';
import { ExchangeClient } from './exchange/client.ts';
import { exchangeErrors } from './exchange/errors.ts';
import { type LocalExchangeOptions, startLocalExchange } from './exchange/local-node.ts';
import { exchangePlugin } from './exchange/routes.ts';
import { httpErrors } from './http/errors.ts';
import { healthPlugin } from './http/health.ts';
import { metricsPlugin } from './http/metrics.ts';
import { sendRouteNotFound } from './http/not-found.ts';
import { installErrorHandling, isBrowserNavigation } from './http/problem.ts';
import { installRequestGuards } from './http/request-guards.ts';
import { routeAccessPlugin } from './http/route-access.ts';
import { httpServerOptions } from './http/server-options.ts';
import { webAppPlugin } from './http/web-app.ts';
import { tokenAuthenticator } from './identity/auth.ts';
import { createEidProvider, SESSION_TTL_S } from './identity/eid-provider.ts';
import { identityErrors } from './identity/errors.ts';
import type { IdentityKeys } from './identity/keys.ts';
import { exchangePersonDirectory } from './identity/person-directory.ts';
import { identityPlugin } from './identity/routes.ts';
import { SignIns } from './identity/sign-ins.ts';
import { staffNames, staffRolesOf } from './identity/staff.ts';
import { createAccessTokenVerifier, eidIssuer } from './identity/tokens.ts';
import type { Config } from './kernel/config.ts';
import { mergeErrorTables } from './kernel/errors.ts';
import { KeyStore } from './kernel/key-store.ts';
import { registerErrors } from './registers/errors.ts';

export interface AppDependencies {
  config: Config;
  database: DatabaseHandle;
  keys: IdentityKeys;
  isReady: () => boolean;
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
});

const PERSONAL_NUMBER_IN_URL = /(?<![0-9])[0-9]{10}(?![0-9])/g;

/** Builds the platform's HTTP application from its context plugins. */
export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const { config, database, keys } = deps;
  const app = Fastify({
    // Timeouts, request ids, and problem+json for what the HTTP parser and router refuse.
    ...httpServerOptions(config),
    logger: deps.logger ?? {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      serializers: {
        // Personal numbers in paths (e.g. /api/persons/…) never reach the logs.
        req: (request) => ({
          method: request.method,
          url: String(request.url).replace(PERSONAL_NUMBER_IN_URL, '**********'),
          remoteAddress: request.socket?.remoteAddress,
        }),
      },
    },
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

  // Security headers on every response. The policy is static, so helmet's middleware is run once,
  // at start, and the headers it sets are given to every reply: @fastify/helmet rebuilt the
  // middleware for every request (a third of a request's garbage), and even run once per request
  // it costs a dozen `setHeader` calls.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: config.production ? [] : null,
      },
    },
    strictTransportSecurity: config.production,
    crossOriginEmbedderPolicy: false,
  });
  const headers = staticHeadersOf(securityHeaders);
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
  await app.register(rateLimit, {
    global: config.rateLimit > 0,
    max: config.rateLimit || 1_000_000,
    timeWindow: '1 minute',
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Civitas API',
        version: '0.1.0',
        description:
          'Civitas e-government platform. Errors are RFC 9457 problem+json with a stable `code`. Authenticate with an access token from the national eID node (OpenID Connect, authorization code + PKCE).',
      },
      components: {
        securitySchemes: {
          eid: {
            type: 'openIdConnect',
            openIdConnectUrl: `${eidIssuer(config.publicUrl)}/.well-known/openid-configuration`,
          },
        },
      },
    },
  });
  // The interactive API browser is a developer's tool: not served in production, where
  // /openapi.json (the contract itself) stays public.
  if (!config.production) await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const verifyAccessToken = createAccessTokenVerifier(keys, eidIssuer(config.publicUrl), {
    db: database.db,
    publicUrl: config.publicUrl,
    acceptScriptingTokens: config.demo,
  });
  // Before any context's routes: its onRoute hook guards the routes added after it.
  await app.register(routeAccessPlugin, { authenticate: tokenAuthenticator(verifyAccessToken) });

  await app.register(metricsPlugin, { token: config.metricsToken, production: config.production });
  await app.register(healthPlugin, { db: database.db, isReady: deps.isReady });

  const exchange = await startLocalExchange(database.db, {
    // The in-process node is reached by function call; its registered address is reserved
    // (RFC 6761 .invalid) until it is split out and given a mutual-TLS listener.
    address: 'https://node-1.invalid',
    bodyLogging: config.exchangeBodyLogging,
    ...deps.exchange,
    report: (error) => app.log.error({ err: error }, 'exchange node fault'),
  });
  app.addHook('onClose', () => exchange.close());
  app.decorate('exchange', exchange);
  const portal = new ExchangeClient(exchange, PORTAL_CLIENT);
  const directory = exchangePersonDirectory(portal);
  app.decorate('personDirectory', directory);

  const signIns = new SignIns(database.db, SESSION_TTL_S);
  const provider = createEidProvider(database.db, keys, config, signIns);
  provider.on('server_error', (_ctx, error) => app.log.error({ err: error }, 'eID node error'));
  await app.register(identityPlugin, {
    db: database.db,
    config,
    keys,
    provider,
    directory,
    signIns,
    securityHeaders: headers,
  });

  const policy = new AccessPolicy({
    staffRolesOf: (subject) => staffRolesOf(database.db, subject, config.demo),
    report: (refusal) =>
      app.log.warn({ event: 'access.refused', ...refusal }, 'personal data access refused'),
  });
  const namesOfStaff = (egns: readonly string[]) => staffNames(database.db, egns);
  await app.register(exchangePlugin, {
    db: database.db,
    exchange,
    changedBy: (request) => request.principal!.subject,
    clientAddresses: config.exchangeClientAddresses,
  });
  await app.register(profileRoutes, { exchange: portal, policy });
  await app.register(accessRoutes, { policy });

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
  // After the exchange node: the feed's last round reads what the node logged last.
  app.addHook('onClose', async () => {
    await audit.feed.run().catch(() => 0);
    await audit.close();
  });
  app.decorate('auditLog', audit);
  const tileCacheGauges: Array<[name: string, help: string, read: () => number]> = [
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
  for (const [name, help, read] of tileCacheGauges) {
    new Gauge({
      name,
      help,
      registers: [app.metricsRegistry],
      collect() {
        this.set(read());
      },
    });
  }
  const usage = new UsageStore(database.db, audit.sequencer);
  const catchUp = () => audit.feed.run();
  await app.register(logRoutes, { log: audit });
  await app.register(trackerRoutes, { usage, catchUp, policy, staffNames: namesOfStaff });
  await app.register(dataTrackerApi, {
    db: database.db,
    usage,
    catchUp,
    policy,
    staffNames: namesOfStaff,
  });
  await app.register(dossierRoutes, {
    exchange: portal,
    store: new ReportStore(database.db),
    policy,
    publicUrl: config.publicUrl,
    // The platform-wide limit off (benchmarks) turns the anonymous reports' own limit off too.
    reportsPerMinute: config.rateLimit > 0 ? 30 : 0,
  });
  await app.register(parkingPermitRoutes, { exchange: portal });

  const { hasWebApp } = await webAppPlugin(app);
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    if (hasWebApp && isBrowserNavigation(request) && !/^\/(api|oidc|interaction|docs)(\/|$)/.test(path)) {
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .sendFile('index.html');
    }
    return sendRouteNotFound(request, reply);
  });

  return app;
}

/**
 * The headers a static helmet middleware sets, captured by running it once on a recording
 * response. A policy that depends on the request (a CSP nonce) would not be static: refused.
 */
function staticHeadersOf(middleware: ReturnType<typeof helmet>): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let finished = false;
  middleware({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
    finished = true;
  });
  if (!finished) throw new Error('the security-header middleware did not finish synchronously');
  return headers;
}
