import crypto from 'node:crypto';
import { sql } from 'kysely';
import { type Connection, tablesOf } from '../../../db/index.ts';
import type { IssuerTables } from './tables.ts';

/** How long a `c_nonce` may wait for the proof that uses it. */
export const NONCE_TTL_S = 300;

/**
 * The nonce endpoint's `c_nonce` values (OpenID4VCI 1.0 §7): random, kept server-side until a
 * proof uses one (once) or it expires. Expired ones are swept as new ones are made.
 */
export class IssuerNonces {
  private issued = 0;
  private readonly db: Connection;

  constructor(db: Connection) {
    this.db = db;
  }

  async issue(): Promise<{ nonce: string; expiresIn: number }> {
    const tables = tablesOf<IssuerTables>(this.db);
    const nonce = crypto.randomBytes(24).toString('base64url');
    await tables
      .insertInto('wallet.issuer_nonces')
      .values({ nonce, expires_at: new Date(Date.now() + NONCE_TTL_S * 1000) })
      .execute();
    if (++this.issued % 200 === 0) {
      await tables.deleteFrom('wallet.issuer_nonces').where('expires_at', '<', sql<Date>`now()`).execute();
    }
    return { nonce, expiresIn: NONCE_TTL_S };
  }

  /** Uses a nonce up: true if it was ours, unused and unexpired; it is gone either way. */
  async consume(nonce: string): Promise<boolean> {
    const row = await tablesOf<IssuerTables>(this.db)
      .deleteFrom('wallet.issuer_nonces')
      .where('nonce', '=', nonce)
      .returning('expires_at')
      .executeTakeFirst();
    return row !== undefined && new Date(row.expires_at).getTime() > Date.now();
  }
}
