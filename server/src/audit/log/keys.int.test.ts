import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateSigningKey, noteSigner, noteVerifier, openNote, signNote } from '@civitas/tlog/note.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/databases.ts';
import type { DatabaseHandle } from '../../db/connect.ts';
import { tablesOf } from '../../db/connection.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { KeyStore } from '../../kernel/key-store.ts';
import { MIGRATIONS } from '../../migrations.ts';
import type { AuditTables } from '../tables.ts';
import { keyFileOf, loadOrCreateKey } from './keys.ts';

/** Issue 14, item 14: the log's and the witness's signing keys are not in the log's database. */
describe.each(testDatabases())('the transparency log’s private keys on $name', (engine) => {
  let database: DatabaseHandle;
  let directory: string;
  let store: KeyStore;

  beforeAll(async () => {
    database = await engine.open();
    await migrateToLatest(database.db, MIGRATIONS);
  });
  afterAll(() => database?.close());

  beforeEach(async () => {
    await tablesOf<AuditTables>(database.db).deleteFrom('audit.keys').execute();
    directory = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'civitas-keystore-')), 'keys');
    store = new KeyStore(directory);
  });

  const storedRows = () =>
    tablesOf<AuditTables>(database.db).selectFrom('audit.keys').selectAll().orderBy('role').execute();
  const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

  it('are made on first start in files only their owner may read; the database keeps the public keys', async () => {
    const log = await loadOrCreateKey(database.db, store, 'log', 'civitas.example/log');
    const witness = await loadOrCreateKey(database.db, store, 'witness', 'civitas.example/witness');
    expect(modeOf(directory)).toBe(0o700);
    for (const role of ['log', 'witness'] as const) {
      const file = path.join(directory, keyFileOf(role));
      expect(modeOf(file), role).toBe(0o600);
    }
    const rows = await storedRows();
    expect(rows.map((row) => [row.role, row.skey, row.vkey])).toEqual([
      ['log', null, log.vkey],
      ['witness', null, witness.vkey],
    ]);
    const everything = JSON.stringify(rows);
    expect(everything).not.toContain(log.skey);
    expect(everything).not.toContain(witness.skey);
    // The stored private key signs what the published key verifies.
    const note = signNote('civitas.example/log\n1\nAAAA\n', [noteSigner(log.skey)]);
    expect(openNote(note, [noteVerifier(log.vkey)]).verified).toHaveLength(1);
    // A restart reads the same keys.
    expect(await loadOrCreateKey(database.db, store, 'log', 'other.example/log')).toEqual(log);
  });

  it('moves the private keys an older database holds into the key store and erases them there', async () => {
    const old = generateSigningKey('civitas.example/log');
    await tablesOf<AuditTables>(database.db)
      .insertInto('audit.keys')
      .values({ role: 'log', name: 'civitas.example/log', skey: old.skey, vkey: old.vkey })
      .execute();
    const moved = await loadOrCreateKey(database.db, store, 'log', 'civitas.example/log');
    expect(moved).toEqual({ name: 'civitas.example/log', ...old });
    expect(fs.readFileSync(path.join(directory, keyFileOf('log')), 'utf8')).toContain(old.skey);
    expect((await storedRows()).map((row) => row.skey)).toEqual([null]);
  });

  it('refuses a key file others may read', async () => {
    await loadOrCreateKey(database.db, store, 'log', 'civitas.example/log');
    fs.chmodSync(path.join(directory, keyFileOf('log')), 0o644);
    await expect(loadOrCreateKey(database.db, store, 'log', 'civitas.example/log')).rejects.toThrow(
      /chmod 600/,
    );
  });

  it('refuses to sign with another key than the one the database publishes, or with none', async () => {
    await loadOrCreateKey(database.db, store, 'log', 'civitas.example/log');
    const elsewhere = new KeyStore(fs.mkdtempSync(path.join(os.tmpdir(), 'civitas-keystore-other-')));
    await expect(loadOrCreateKey(database.db, elsewhere, 'log', 'civitas.example/log')).rejects.toThrow(
      /is not in .*copy transparency-log\.key\.json/,
    );
    elsewhere.createIfAbsent(
      keyFileOf('log'),
      JSON.stringify({ name: 'x/log', ...generateSigningKey('x/log') }),
    );
    await expect(loadOrCreateKey(database.db, elsewhere, 'log', 'civitas.example/log')).rejects.toThrow(
      /another log key than the database's/,
    );
  });
});
