/**
 * A FHIR API of its own for tests: the platform's error handling and request guards, this part's
 * routes, a fresh database, and parts the test chooses (a permissive policy, a recorder that keeps
 * what it is told, a simple search engine over the store) until the real ones are wired in.
 */

import type { Writable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { TestDatabase } from '../../../../test/databases.ts';
import type { DatabaseHandle } from '../../../db/index.ts';
import {
  DEFAULT_CONNECTION_LIMITS,
  httpErrors,
  httpServerOptions,
  installErrorHandling,
  installRequestGuards,
  sendRouteNotFound,
} from '../../../http/index.ts';
import { loadConfig, mergeErrorTables } from '../../../kernel/index.ts';
import { loadInstance } from '../../../registers/index.ts';
import { BreakGlassGrants } from '../access/break-glass.ts';
import { INTERNAL_CONTEXT } from '../access/context.ts';
import { ehealthErrors } from '../errors.ts';
import type { EhealthParts } from '../parts.ts';
import type {
  HealthAccess,
  HealthAccessContext,
  HealthPolicy,
  Interaction,
  SearchEngine,
  SearchRequest,
} from '../ports.ts';
import { fhirRoutes } from './routes.ts';
import { TypedSearchIndex } from './search/index-writer.ts';
import { ResourceStore, storedOf } from './store.ts';

const SCOPE_LETTERS: Readonly<Record<Interaction, 'c' | 'r' | 'u' | 'd' | 's'>> = {
  create: 'c',
  read: 'r',
  vread: 'r',
  history: 'r',
  operation: 'r',
  update: 'u',
  delete: 'd',
  search: 's',
};

/** A policy that lets everyone see and write everything except the compartment `hidden`. */
export function permissivePolicy(hiddenPatient = 'hidden'): HealthPolicy {
  return {
    checkScopes: (ctx, type, interaction) =>
      ctx.scopes.length === 0 ||
      ctx.scopes.some(
        (scope) =>
          (scope.resourceType === '*' || scope.resourceType === type) &&
          scope.interactions.has(SCOPE_LETTERS[interaction]),
      )
        ? { allowed: true }
        : { allowed: false, reason: 'The scopes do not cover this interaction.' },
    canRead: async (_ctx, resource) => resource.patientId !== hiddenPatient,
    filterReadable: async (_ctx, resources) => resources.filter((r) => r.patientId !== hiddenPatient),
    visibleWhere: async (_ctx, _type, alias) =>
      sql<boolean>`${sql.ref(`${alias}.patient_id`)} is distinct from ${hiddenPatient}`,
    canWrite: async (_ctx, _resource, patientId) => patientId !== hiddenPatient,
  };
}

/**
 * A search engine enough for the API's own tests: `_id`, `identifier` (system|value), `_count`
 * and `_offset` with paging links, over the stored JSON (the real engine uses typed columns).
 */
export function simpleSearchEngine(db: DatabaseHandle['db'], policy: HealthPolicy): SearchEngine {
  return {
    async search(ctx: HealthAccessContext, request: SearchRequest) {
      const one = (name: string) => {
        const value = request.params[name];
        return typeof value === 'string' ? value : value?.[0];
      };
      const count = Math.min(Number(one('_count') ?? 20), 1000);
      const offset = Number(one('_offset') ?? 0);
      const visible = await policy.visibleWhere(ctx, request.resourceType, 'r');
      if (visible === false) return { matches: [], included: [], links: [] };
      const rows = await sql<Parameters<typeof storedOf>[0]>`
        select * from ehealth.resources r
        where r.resource_type = ${request.resourceType} and not r.deleted and ${visible}
        order by r.last_updated, r.id`.execute(db);
      const id = one('_id');
      const identifier = one('identifier');
      const all = rows.rows.map(storedOf).filter((stored) => {
        if (id && stored.id !== id) return false;
        if (identifier) {
          const [system, value] = identifier.includes('|') ? identifier.split('|') : [undefined, identifier];
          const ids = (JSON.parse(stored.content).identifier ?? []) as Array<{
            system?: string;
            value?: string;
          }>;
          if (!ids.some((i) => i.value === value && (!system || i.system === system))) return false;
        }
        return true;
      });
      const page = all.slice(offset, offset + count);
      const link = (at: number) => `${request.baseUrl}/${request.resourceType}?_count=${count}&_offset=${at}`;
      const links = [{ relation: 'self', url: link(offset) }];
      if (offset + count < all.length) links.push({ relation: 'next', url: link(offset + count) });
      if (offset > 0) links.push({ relation: 'previous', url: link(Math.max(0, offset - count)) });
      return { matches: page, included: [], total: all.length, links };
    },
  };
}

export interface FhirTestServer {
  app: FastifyInstance;
  parts: EhealthParts;
  database: DatabaseHandle;
  /** Every access recorded, in order. */
  accesses: HealthAccess[];
  /** Who calls (the context every request is given; a test may change it). */
  context: HealthAccessContext;
  close(): Promise<void>;
}

export async function startFhirTestServer(
  engine: TestDatabase,
  overrides: Partial<Pick<EhealthParts, 'policy' | 'validator' | 'operations' | 'search'>> & {
    context?: HealthAccessContext;
    /** Where the server's log lines (JSON, level info and up) go; none when not given. */
    log?: Writable;
    /** The largest body accepted (the platform's `CIVITAS_BODY_LIMIT`; default its default). */
    bodyLimit?: number;
  } = {},
): Promise<FhirTestServer> {
  const database = await engine.open();
  const config = loadConfig({ CIVITAS_ENV: 'test', LOG_LEVEL: 'silent' });
  const index = new TypedSearchIndex();
  const store = new ResourceStore(database.db, index);
  const policy = overrides.policy ?? permissivePolicy();
  const accesses: HealthAccess[] = [];
  const parts: EhealthParts = {
    db: database.db,
    config,
    instance: loadInstance(config.instance),
    exchange: undefined as never,
    store,
    index,
    search: overrides.search ?? simpleSearchEngine(database.db, policy),
    validator: overrides.validator ?? { validate: async () => [] },
    policy,
    recorder: { record: async (access) => void accesses.push(access) },
    contextOf: async () => server.context,
    breakGlassGrants: new BreakGlassGrants(database.db),
    operations: overrides.operations ?? [],
  };
  // The platform's server options (what the HTTP parser and the router refuse) and its root 404.
  const app = Fastify({
    ...httpServerOptions(DEFAULT_CONNECTION_LIMITS),
    logger: overrides.log ? { level: 'info', stream: overrides.log } : false,
    bodyLimit: overrides.bodyLimit ?? config.bodyLimit,
  });
  installErrorHandling(app, mergeErrorTables({ http: httpErrors, ehealth: ehealthErrors }));
  installRequestGuards(app);
  await app.register(async (scope) => fhirRoutes(scope, parts));
  app.setNotFoundHandler(sendRouteNotFound);
  await app.ready();
  const server: FhirTestServer = {
    app,
    parts,
    database,
    accesses,
    context: overrides.context ?? INTERNAL_CONTEXT,
    async close() {
      await app.close();
      await database.close();
    },
  };
  return server;
}
