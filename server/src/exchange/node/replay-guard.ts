import { sql } from 'kysely';
import { type Connection, tablesOf } from '../../db/index.ts';
import type { ExchangeTables } from '../tables.ts';

/** How old a signed request may be; older ones are refused, so ids need remembering only this long. */
export const MESSAGE_MAX_AGE_MS = 5 * 60 * 1000;

/**
 * Refuses a message id a client already used. Ids live in memory for the acceptance window;
 * after a restart the window is reloaded from the provider side of the message log.
 */
export class ReplayGuard {
  private readonly seen = new Map<string, number>();

  static async load(connection: Connection, nodeId: string): Promise<ReplayGuard> {
    const db = tablesOf<ExchangeTables>(connection);
    const guard = new ReplayGuard();
    const since = new Date(Date.now() - MESSAGE_MAX_AGE_MS).toISOString();
    const rows = await db
      .selectFrom('exchange.message_log')
      .select(['client', 'message_id', sql<string>`started_at::text`.as('started')])
      .where('node_id', '=', nodeId)
      .where('side', '=', 'provider')
      .where('started_at', '>=', since as unknown as Date)
      .execute();
    for (const row of rows) guard.seen.set(`${row.client}\u0000${row.message_id}`, Date.parse(row.started));
    return guard;
  }

  /** True the first time a (client, id) pair is offered within the window; false for a replay. */
  firstUse(client: string, messageId: string, now = Date.now()): boolean {
    this.evict(now);
    const key = `${client}\u0000${messageId}`;
    if (this.seen.has(key)) return false;
    this.seen.set(key, now);
    return true;
  }

  private evict(now: number): void {
    for (const [key, at] of this.seen) {
      if (now - at <= MESSAGE_MAX_AGE_MS) break;
      this.seen.delete(key);
    }
  }
}
