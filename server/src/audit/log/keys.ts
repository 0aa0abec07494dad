import { generateCosignerKey, generateSigningKey } from '@civitas/tlog';
import { type Connection, tablesOf } from '../../db/index.ts';
import type { KeyStore } from '../../kernel/index.ts';
import type { AuditTables } from '../tables.ts';

export interface NoteKey {
  name: string;
  skey: string;
  vkey: string;
}

type KeyRole = 'log' | 'witness';

/** The key file of each role in the key store. */
export function keyFileOf(role: KeyRole): string {
  return role === 'log' ? 'transparency-log.key.json' : 'witness.key.json';
}

/**
 * The log's checkpoint key and the in-process witness's cosigning key (Ed25519 signed-note
 * keys). The private keys live in the key store (files readable by their owner only), never in
 * the database that holds the log: whoever can change the log cannot also sign for it. The
 * database keeps each public key (`audit.keys`), which `/log/key` publishes and every node that
 * shares the database must match. The log's key name is its origin, fixed when the log is made.
 *
 * Keys from before the key store (private keys in `audit.keys`) are moved out on first start:
 * written to the key store, then erased from the database.
 */
export async function loadOrCreateKey(
  connection: Connection,
  store: KeyStore,
  role: KeyRole,
  name: string,
): Promise<NoteKey> {
  const db = tablesOf<AuditTables>(connection);
  const file = keyFileOf(role);
  const stored = () =>
    db.selectFrom('audit.keys').select(['name', 'skey', 'vkey']).where('role', '=', role).executeTakeFirst();
  let row = await stored();
  let text = store.read(file);
  if (text === undefined) {
    if (row?.skey) {
      text = store.createIfAbsent(file, keyFileText({ name: row.name, skey: row.skey, vkey: row.vkey }));
    } else if (row) {
      throw new Error(
        `The ${role} key (${row.vkey}) is not in ${store.directory}: copy ${file} there from the node that made it (CIVITAS_KEY_DIR).`,
      );
    } else {
      const created = role === 'log' ? generateSigningKey(name) : generateCosignerKey(name);
      text = store.createIfAbsent(file, keyFileText({ name, ...created }));
    }
  }
  const key = parseKeyFile(text, store.pathOf(file));
  if (!row) {
    await db
      .insertInto('audit.keys')
      .values({ role, name: key.name, skey: null, vkey: key.vkey })
      .onConflict((conflict) => conflict.doNothing())
      .execute();
    // Another process may have won the race: what is stored decides.
    row = await stored();
  }
  if (row!.vkey !== key.vkey) {
    throw new Error(
      `${store.pathOf(file)} holds another ${role} key than the database's (${row!.vkey}): use the key files of the node that made the log.`,
    );
  }
  if (row!.skey) {
    await db.updateTable('audit.keys').set({ skey: null }).where('role', '=', role).execute();
  }
  return key;
}

/** The log's verifier key as the key store holds it (for `civitas log verify`), if it holds it. */
export function storedLogVerifierKey(store: KeyStore): string | undefined {
  const text = store.read(keyFileOf('log'));
  return text === undefined ? undefined : parseKeyFile(text, store.pathOf(keyFileOf('log'))).vkey;
}

function keyFileText(key: NoteKey): string {
  return `${JSON.stringify(key, null, 2)}\n`;
}

function parseKeyFile(text: string, file: string): NoteKey {
  try {
    const key = JSON.parse(text) as Partial<NoteKey>;
    if (typeof key.name === 'string' && typeof key.skey === 'string' && typeof key.vkey === 'string') {
      return { name: key.name, skey: key.skey, vkey: key.vkey };
    }
  } catch {
    // reported below
  }
  throw new Error(`${file} is not a signed-note key file ({"name", "skey", "vkey"})`);
}
