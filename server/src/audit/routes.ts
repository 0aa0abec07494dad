import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Gauge } from 'prom-client';
import type { AccessPolicy } from '../access/policy.ts';
import type { Connection } from '../db/connection.ts';
import type { StaffName } from '../identity/staff.ts';
import { logRoutes } from './log/routes.ts';
import { type AuditLog, type AuditLogOptions, startAuditLog } from './service.ts';
import { dataTrackerApi } from './tracker/estonian-api-routes.ts';
import { trackerRoutes } from './tracker/routes.ts';
import { DataTracker } from './tracker/service.ts';
import { UsageStore } from './tracker/store.ts';

export interface AuditPluginOptions {
  db: Connection;
  /** The transparency log's settings (the plugin starts it and closes it with the app). */
  log: Omit<AuditLogOptions, 'report'>;
  /** Which administration a caller acts for, and which legal bases allow hiding an access. */
  policy: AccessPolicy;
  /** The names officials are registered under, by personal number (what citizens are shown). */
  staffNames: (egns: readonly string[]) => Promise<Map<string, StaffName>>;
}

/** The tile cache's gauges: how much of the log's proofs are answered from memory. */
function tileCacheGauges(app: FastifyInstance, log: AuditLog): void {
  const gauges: Array<[name: string, help: string, read: () => number]> = [
    [
      'civitas_log_tile_cache_tiles',
      'Full hash tiles of the transparency log held in memory for proofs',
      () => log.tiles.cached.tiles,
    ],
    [
      'civitas_log_tile_cache_bytes',
      'Memory taken by the cached hash tiles (the budget is CIVITAS_LOG_TILE_CACHE_MB)',
      () => log.tiles.cached.bytes,
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

/**
 * The audit context: the transparency log (its public read API and witness), the feed of the
 * exchange's logs into it, and the data tracker (citizens' "who used my data", the audit view,
 * lawful hiding, the Estonian Data Tracker API). Decorates the app with `auditLog`.
 */
async function audit(app: FastifyInstance, options: AuditPluginOptions): Promise<void> {
  const log = await startAuditLog(options.db, {
    ...options.log,
    report: (message, details) => app.log.error(details, message),
  });
  // Registered after the exchange node's: the feed's last round reads what the node logged last.
  app.addHook('onClose', async () => {
    await log.feed.run().catch(() => 0);
    await log.close();
  });
  app.decorate('auditLog', log);
  tileCacheGauges(app, log);
  const tracker = new DataTracker({
    usage: new UsageStore(options.db, log.sequencer),
    policy: options.policy,
    staffNames: options.staffNames,
    catchUp: () => log.feed.run(),
  });
  await app.register(logRoutes, { log });
  await app.register(trackerRoutes, { tracker });
  await app.register(dataTrackerApi, { tracker });
}

export const auditPlugin = fp(audit, {
  name: 'audit',
  dependencies: ['route-access', 'civitas-metrics'],
  fastify: '5.x',
});
