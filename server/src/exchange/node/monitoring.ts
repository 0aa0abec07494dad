import { sql } from 'kysely';
import type { Connection } from '../../db/index.ts';

/** X-Road's operational monitoring for one service: traffic, faults, and latency percentiles. */
export interface ServiceStatistics {
  service: string;
  messages: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
}

/** What this node's clients asked of each service since a moment, from its consumer-side log. */
export async function serviceStatistics(
  db: Connection,
  nodeId: string,
  since: Date,
): Promise<ServiceStatistics[]> {
  const rows = await sql<ServiceStatistics>`
    SELECT coalesce(service, '(invalid)') AS service, count(*)::int AS messages,
      count(*) FILTER (WHERE error_type IS NOT NULL)::int AS errors,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms) AS p50,
      percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_ms) AS p95,
      percentile_cont(0.99) WITHIN GROUP (ORDER BY duration_ms) AS p99
    FROM exchange.message_log
    WHERE side = 'consumer' AND node_id = ${nodeId} AND started_at >= ${since}
    GROUP BY 1 ORDER BY 1`.execute(db);
  return rows.rows;
}
