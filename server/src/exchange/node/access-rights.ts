import crypto from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { type Connection, tablesOf } from '../../db/index.ts';
import { type PurposePair, samePair } from '../../kernel/index.ts';
import type { AccessRightRow, ExchangeTables } from '../tables.ts';

export interface AccessRequest {
  client: string;
  /** Global groups the client subsystem belongs to (from the global configuration). */
  clientGroups: readonly string[];
  service: string;
  method: string;
  path: string;
  purpose: string;
  legalBasis: string;
}

/** An access right as stored: who may call which service (or endpoint), for which purpose–basis pairs. */
export type AccessRight = Selectable<AccessRightRow>;

export type AccessDecision =
  | { allowed: true; right: AccessRight }
  | {
      allowed: false;
      /**
       * `no-right`: no right for the client on this service or endpoint; `purpose`: no right
       * grants the purpose on any basis; `legal-basis`: the purpose is granted, but not on the
       * stated basis.
       */
      reason: 'no-right' | 'purpose' | 'legal-basis';
      /** The pairs the client is granted here (for the refusal's message). */
      granted?: PurposePair[];
    };

export interface NewAccessRight {
  client: string;
  serviceId: string;
  endpoint?: string | null;
  pairs: PurposePair[];
}

const CACHE_MS = 5_000;

/**
 * Who may call which service, for which purpose on which legal basis. Rights are granted to a
 * client subsystem or to a global group (`group:CODE`), for a whole service or one endpoint
 * (`GET /by-vin/{vin}`), as purpose–basis **pairs** (RegiX's model): a request passes only when
 * its exact pair is granted. Every change is written to the admin log.
 */
export class AccessRights {
  private readonly db: Kysely<ExchangeTables>;
  private cache: { rows: AccessRight[]; loadedAt: number } | null = null;

  constructor(db: Connection) {
    this.db = tablesOf<ExchangeTables>(db);
  }

  async check(request: AccessRequest): Promise<AccessDecision> {
    const holders = new Set([request.client, ...request.clientGroups.map((group) => `group:${group}`)]);
    const candidates = (await this.rows()).filter(
      (right) =>
        right.service_id === request.service &&
        holders.has(right.client) &&
        (right.endpoint === null || endpointMatches(right.endpoint, request.method, request.path)),
    );
    if (candidates.length === 0) return { allowed: false, reason: 'no-right' };
    const asked = { purpose: request.purpose, legalBasis: request.legalBasis };
    const right = candidates.find((candidate) => candidate.pairs.some((pair) => samePair(pair, asked)));
    if (right) return { allowed: true, right };
    const granted = uniquePairs(candidates.flatMap((candidate) => candidate.pairs));
    return {
      allowed: false,
      reason: granted.some((pair) => pair.purpose === request.purpose) ? 'legal-basis' : 'purpose',
      granted,
    };
  }

  list(): Promise<AccessRight[]> {
    return this.db
      .selectFrom('exchange.access_rights')
      .selectAll()
      .orderBy('service_id')
      .orderBy('client')
      .orderBy('granted_at')
      .execute();
  }

  /** Whether the central registry lists this service (a right on an unknown one is refused). */
  async isRegisteredService(serviceId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('exchange.services')
      .select('service_id')
      .where('service_id', '=', serviceId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async grant(right: NewAccessRight, actor: string): Promise<AccessRight> {
    const row: AccessRight = {
      id: crypto.randomUUID(),
      client: right.client,
      service_id: right.serviceId,
      endpoint: right.endpoint ?? null,
      pairs: uniquePairs(right.pairs.map(({ purpose, legalBasis }) => ({ purpose, legalBasis }))),
      granted_by: actor,
      granted_at: new Date(),
    };
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('exchange.access_rights')
        .values({ ...row, pairs: JSON.stringify(row.pairs) })
        .execute();
      await trx
        .insertInto('exchange.admin_log')
        .values({
          actor,
          action: 'access-right.granted',
          subject: row.id,
          details: JSON.stringify({
            client: row.client,
            serviceId: row.service_id,
            endpoint: row.endpoint,
            pairs: row.pairs,
          }),
          at: new Date(),
        })
        .execute();
    });
    this.cache = null;
    return row;
  }

  async revoke(id: string, actor: string): Promise<boolean> {
    const removed = await this.db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('exchange.access_rights')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      if (!existing) return false;
      await trx.deleteFrom('exchange.access_rights').where('id', '=', id).execute();
      await trx
        .insertInto('exchange.admin_log')
        .values({
          actor,
          action: 'access-right.revoked',
          subject: id,
          details: JSON.stringify(existing),
          at: new Date(),
        })
        .execute();
      return true;
    });
    this.cache = null;
    return removed;
  }

  private async rows(): Promise<AccessRight[]> {
    if (this.cache && Date.now() - this.cache.loadedAt < CACHE_MS) return this.cache.rows;
    const rows = await this.list();
    this.cache = { rows, loadedAt: Date.now() };
    return rows;
  }
}

function uniquePairs(pairs: readonly PurposePair[]): PurposePair[] {
  const unique: PurposePair[] = [];
  for (const pair of pairs) if (!unique.some((seen) => samePair(seen, pair))) unique.push(pair);
  return unique;
}

/** `GET /by-vin/{vin}` matches `GET /by-vin/WVW…`; a template segment `{x}` matches any one segment. */
export function endpointMatches(endpoint: string, method: string, path: string): boolean {
  const [endpointMethod, template] = endpoint.split(' ') as [string, string | undefined];
  if (endpointMethod !== method || template === undefined) return false;
  const want = template.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  return (
    want.length === have.length && want.every((part, index) => part.startsWith('{') || part === have[index])
  );
}

/** An access right as the admin API and the CLI show it. */
export function accessRightView(right: AccessRight) {
  return {
    id: right.id,
    client: right.client,
    serviceId: right.service_id,
    endpoint: right.endpoint,
    pairs: right.pairs,
    grantedAt: right.granted_at.toISOString(),
  };
}
