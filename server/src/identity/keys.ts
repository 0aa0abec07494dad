import crypto from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import type { Kysely } from 'kysely';
import { type Connection, tablesOf } from '../db/index.ts';
import type { IdentityTables } from './tables.ts';

export interface IdentityKeys {
  /** Private ES256 JWK with `kid`, used by the eID node to sign ID and access tokens. */
  signingJwk: JWK & { kid: string };
  /** Public JWKS, for verifying tokens. */
  publicJwks: { keys: JWK[] };
  /** Secrets for the eID node's signed cookies. */
  cookieKeys: string[];
}

/**
 * Keys are made on first start and kept in the database, so that every node of the platform
 * and the CLI sign and verify with the same ones, and tokens survive a restart.
 */
export async function loadOrCreateIdentityKeys(connection: Connection): Promise<IdentityKeys> {
  const db = tablesOf<IdentityTables>(connection);
  await ensureKey(db, 'sig', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const jwk = await exportJWK(privateKey);
    return { ...jwk, alg: 'ES256', use: 'sig' };
  });
  await ensureKey(db, 'cookie', async () => ({
    k: crypto.randomBytes(32).toString('base64url'),
    kty: 'oct',
  }));

  const rows = await db.selectFrom('identity.signing_keys').selectAll().orderBy('created_at').execute();
  const signing = rows.filter((row) => row.use === 'sig').map((row) => JSON.parse(row.private_jwk) as JWK);
  const cookies = rows
    .filter((row) => row.use === 'cookie')
    .map((row) => (JSON.parse(row.private_jwk) as JWK).k!);
  const signingJwk = signing.at(-1) as JWK & { kid: string };
  return {
    signingJwk,
    publicJwks: { keys: signing.map(({ d: _d, ...publicPart }) => publicPart) },
    cookieKeys: cookies.reverse(),
  };
}

async function ensureKey(db: Kysely<IdentityTables>, use: string, make: () => Promise<JWK>): Promise<void> {
  const existing = await db
    .selectFrom('identity.signing_keys')
    .select('kid')
    .where('use', '=', use)
    .executeTakeFirst();
  if (existing) return;
  const kid = `${use}-${crypto.randomUUID()}`;
  const jwk = { ...(await make()), kid };
  // Two nodes starting together may race: the first insert wins and both read it back.
  await db
    .insertInto('identity.signing_keys')
    .values({ kid, use, private_jwk: JSON.stringify(jwk), created_at: new Date() })
    .onConflict((conflict) => conflict.doNothing())
    .execute();
}
