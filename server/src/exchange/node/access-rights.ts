import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { AccessRightRow } from '../tables.ts';

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

export type AccessDecision =
  | { allowed: true; right: AccessRightRow }
  | { allowed: false; reason: 'no-right' | 'purpose' | 'legal-basis'; allowed_values?: string[] };

export interface NewAccessRight {
  client: string;
  serviceId: string;
  endpoint?: string | null;
  purposes: string[];
  legalBases: string[];
}

const CACHE_MS = 5_000;

/**
 * Who may call which service, for which purposes and on which legal bases. Rights are
 * granted to a client subsystem or to a global group (`group:CODE`), for a whole service or
 * one endpoint (`GET /by-vin/{vin}`). Every change is written to the admin log.
 */
export class AccessRights {
  private readonly db: Kysely<Database>;
  private cache: { rows: AccessRightRow[]; loadedAt: number } | null = null;

  constructor(db: Kysely<Database>) {
    this.db = db;
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
    const forPurpose = candidates.filter((right) => right.purposes.includes(request.purpose));
    if (forPurpose.length === 0) {
      return {
        allowed: false,
        reason: 'purpose',
        allowed_values: [...new Set(candidates.flatMap((right) => right.purposes))],
      };
    }
    const right = forPurpose.find((candidate) => candidate.legal_bases.includes(request.legalBasis));
    if (!right) {
      return {
        allowed: false,
        reason: 'legal-basis',
        allowed_values: [...new Set(forPurpose.flatMap((candidate) => candidate.legal_bases))],
      };
    }
    return { allowed: true, right };
  }

  list(): Promise<AccessRightRow[]> {
    return this.db
      .selectFrom('exchange.access_rights')
      .selectAll()
      .orderBy('service_id')
      .orderBy('client')
      .execute();
  }

  async grant(right: NewAccessRight, actor: string): Promise<AccessRightRow> {
    const row: AccessRightRow = {
      id: crypto.randomUUID(),
      client: right.client,
      service_id: right.serviceId,
      endpoint: right.endpoint ?? null,
      purposes: right.purposes,
      legal_bases: right.legalBases,
      granted_by: actor,
      granted_at: new Date(),
    };
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('exchange.access_rights').values(row).execute();
      await trx
        .insertInto('exchange.admin_log')
        .values({
          actor,
          action: 'access-right.granted',
          subject: row.id,
          details: JSON.stringify(right),
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

  private async rows(): Promise<AccessRightRow[]> {
    if (this.cache && Date.now() - this.cache.loadedAt < CACHE_MS) return this.cache.rows;
    const rows = await this.list();
    this.cache = { rows, loadedAt: Date.now() };
    return rows;
  }
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
