import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { generateCosignerKey } from '../tlog/cosignature.ts';
import { generateSigningKey } from '../tlog/note.ts';

export interface NoteKey {
  name: string;
  skey: string;
  vkey: string;
}

/**
 * The log's checkpoint key and the in-process witness's cosigning key (Ed25519 signed-note
 * keys), made on first start and kept in the database like the exchange's node keys. The
 * log's key name is its origin: it is fixed when the log is created.
 */
export async function loadOrCreateKey(
  db: Kysely<Database>,
  role: 'log' | 'witness',
  name: string,
): Promise<NoteKey> {
  const existing = await db
    .selectFrom('audit.keys')
    .select(['name', 'skey', 'vkey'])
    .where('role', '=', role)
    .executeTakeFirst();
  if (existing) return existing;
  const created = role === 'log' ? generateSigningKey(name) : generateCosignerKey(name);
  await db
    .insertInto('audit.keys')
    .values({ role, name, skey: created.skey, vkey: created.vkey })
    .onConflict((conflict) => conflict.doNothing())
    .execute();
  // Another process may have won the race: use what is stored.
  return db
    .selectFrom('audit.keys')
    .select(['name', 'skey', 'vkey'])
    .where('role', '=', role)
    .executeTakeFirstOrThrow();
}
