import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { AccessPolicy } from '../access/index.ts';
import type { Connection } from '../db/index.ts';
import type { StaffName } from '../identity/index.ts';
import { logRoutes } from './log/routes.ts';
import type { AuditLog } from './service.ts';
import { dataTrackerApi } from './tracker/estonian-api-routes.ts';
import { trackerRoutes } from './tracker/routes.ts';
import { DataTracker } from './tracker/service.ts';
import { UsageStore } from './tracker/store.ts';

export interface AuditPluginOptions {
  db: Connection;
  /** The transparency log, started by the composition (`startAuditLog`) and closed with the app. */
  log: AuditLog;
  /** Which administration a caller acts for, and which legal bases allow hiding an access. */
  policy: AccessPolicy;
  /** The names officials are registered under, by personal number (what citizens are shown). */
  staffNames: (egns: readonly string[]) => Promise<Map<string, StaffName>>;
}

/**
 * The audit context's routes: the transparency log's public read API and witness, and the data
 * tracker (citizens' "who used my data", the audit view, lawful hiding, the Estonian Data
 * Tracker API), each in its own scope.
 */
async function audit(app: FastifyInstance, options: AuditPluginOptions): Promise<void> {
  const { log } = options;
  const tracker = new DataTracker({
    usage: new UsageStore(options.db, log.sequencer, app.instance),
    personalNumbers: app.instance.personalNumbers,
    policy: options.policy,
    staffNames: options.staffNames,
    // A screen shows what the exchange logged up to the moment it asks.
    catchUp: () => log.feed.run(),
  });
  await app.register(logRoutes, { log });
  await app.register(trackerRoutes, { tracker });
  await app.register(dataTrackerApi, { tracker });
}

/** The audit context's routes, as one encapsulated plugin (hooks and parsers stay inside). */
export const auditPlugin = fp(audit, {
  name: 'audit',
  dependencies: ['route-access'],
  encapsulate: true,
});
