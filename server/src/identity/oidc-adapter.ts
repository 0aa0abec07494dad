import type { Kysely } from 'kysely';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import { type Connection, tablesOf } from '../db/index.ts';
import type { IdentityTables } from './tables.ts';

/**
 * Persists the eID node's sessions, interactions, grants and codes in PostgreSQL, so that a
 * restart does not sign everybody out and several nodes can share the load.
 */
export function oidcAdapterFactory(connection: Connection): (model: string) => Adapter {
  const db = tablesOf<IdentityTables>(connection);
  return (model) => new KyselyOidcAdapter(db, model);
}

/** What the node records of a JWT access token it issues (oidc-provider itself keeps none). */
export interface IssuedAccessToken {
  jti: string;
  grantId?: string | undefined;
  accountId?: string | undefined;
  clientId?: string | undefined;
  /** Seconds the token lives. */
  expiration: number;
}

/**
 * Records an issued JWT access token among the node's payloads (model `AccessToken`, by `jti`),
 * with its grant: ending the grant (signing out) deletes the record, and the API accepts a token
 * only while its record exists. Stored as format `jwt`, oidc-provider never takes it for one of
 * its own opaque tokens.
 */
export async function rememberIssuedAccessToken(
  connection: Connection,
  token: IssuedAccessToken,
): Promise<void> {
  const db = tablesOf<IdentityTables>(connection);
  const payload = {
    jti: token.jti,
    kind: 'AccessToken',
    format: 'jwt',
    grantId: token.grantId,
    accountId: token.accountId,
    clientId: token.clientId,
  };
  await new KyselyOidcAdapter(db, 'AccessToken').upsert(
    token.jti,
    payload as AdapterPayload,
    token.expiration,
  );
  // Expired payloads of every kind are never read again (`find` ignores them): one sign-in,
  // one indexed delete keeps the table to what is alive.
  await db.deleteFrom('identity.oidc_payloads').where('expires_at', '<', new Date()).execute();
}

class KyselyOidcAdapter implements Adapter {
  private readonly db: Kysely<IdentityTables>;
  private readonly model: string;

  constructor(db: Connection, model: string) {
    this.db = tablesOf<IdentityTables>(db);
    this.model = model;
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
    const row = {
      id,
      model: this.model,
      payload: JSON.stringify(payload),
      grant_id: payload.grantId ?? null,
      user_code: payload.userCode ?? null,
      uid: payload.uid ?? null,
      expires_at: expiresIn ? new Date(Date.now() + expiresIn * 1000) : null,
      consumed_at: null,
    };
    await this.db
      .insertInto('identity.oidc_payloads')
      .values(row)
      .onConflict((conflict) =>
        conflict.columns(['model', 'id']).doUpdateSet({
          payload: row.payload,
          grant_id: row.grant_id,
          user_code: row.user_code,
          uid: row.uid,
          expires_at: row.expires_at,
        }),
      )
      .execute();
  }

  find(id: string): Promise<AdapterPayload | undefined> {
    return this.findWhere('id', id);
  }

  findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return this.findWhere('uid', uid);
  }

  findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return this.findWhere('user_code', userCode);
  }

  async consume(id: string): Promise<void> {
    await this.db
      .updateTable('identity.oidc_payloads')
      .set({ consumed_at: new Date() })
      .where('model', '=', this.model)
      .where('id', '=', id)
      .execute();
  }

  async destroy(id: string): Promise<void> {
    await this.db
      .deleteFrom('identity.oidc_payloads')
      .where('model', '=', this.model)
      .where('id', '=', id)
      .execute();
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.db.deleteFrom('identity.oidc_payloads').where('grant_id', '=', grantId).execute();
  }

  private async findWhere(
    column: 'id' | 'uid' | 'user_code',
    value: string,
  ): Promise<AdapterPayload | undefined> {
    const row = await this.db
      .selectFrom('identity.oidc_payloads')
      .select(['payload', 'expires_at', 'consumed_at'])
      .where('model', '=', this.model)
      .where(column, '=', value)
      .executeTakeFirst();
    if (!row) return undefined;
    if (row.expires_at && new Date(row.expires_at).getTime() <= Date.now()) return undefined;
    const payload = JSON.parse(row.payload) as AdapterPayload;
    if (row.consumed_at) payload.consumed = Math.floor(new Date(row.consumed_at).getTime() / 1000);
    return payload;
  }
}
