import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { verifyInclusion } from '@civitas/tlog/proof.ts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/databases.ts';
import { openDatabase } from '../../bootstrap.ts';
import type { DatabaseHandle } from '../../db/connect.ts';
import { type Connection, tablesOf } from '../../db/connection.ts';
import { loadConfig } from '../../kernel/config.ts';
import { KeyStore } from '../../kernel/key-store.ts';
import type { AuditTables } from '../tables.ts';
import { Checkpointer } from './checkpointer.ts';
import { loadOrCreateKey } from './keys.ts';
import { LogProofs } from './proofs.ts';
import { LogSequencer } from './sequencer.ts';
import { TileStore } from './tile-store.ts';
import { verifyLog } from './verify.ts';

const BIN = path.resolve(import.meta.dirname, '../../../bin/civitas.js');

function temporaryKeyStore(): KeyStore {
  return new KeyStore(fs.mkdtempSync(path.join(os.tmpdir(), 'civitas-verify-keys-')));
}

/** A log of `size` small entries with signed checkpoints at the given sizes. */
async function buildLog(db: Connection, checkpointSizes: number[]): Promise<void> {
  const key = await loadOrCreateKey(db, temporaryKeyStore(), 'log', 'test.example/log');
  const sequencer = await LogSequencer.open(db, { maxBatch: 97 });
  const checkpoints = new Checkpointer(db, new LogProofs(new TileStore(db)), {
    origin: key.name,
    skey: key.skey,
    witnesses: [],
    report: () => {},
  });
  let appended = 0;
  for (const size of checkpointSizes) {
    const pending: Promise<number>[] = [];
    for (; appended < size; appended++)
      pending.push(sequencer.append(new TextEncoder().encode(`entry ${appended}`)));
    const indexes = await Promise.all(pending);
    expect(indexes).toEqual(indexes.map((_, i) => size - indexes.length + i));
    expect((await checkpoints.make())?.size).toBe(size);
  }
  await sequencer.close();
}

/** Runs `work` with the log's append-only guards off, as someone with database rights could. */
async function tamper(db: Connection, work: () => Promise<unknown>): Promise<void> {
  await sql`ALTER TABLE audit.log_entries DISABLE TRIGGER USER`.execute(db);
  try {
    await work();
  } finally {
    await sql`ALTER TABLE audit.log_entries ENABLE TRIGGER USER`.execute(db);
  }
}

describe.each(testDatabases())('civitas log verify on $name', (engine) => {
  let database: DatabaseHandle;
  const sizes = [1, 300, 700, 65_600];

  beforeAll(async () => {
    database = await engine.open();
    await buildLog(database.db, sizes);
  }, 120_000);
  afterAll(() => database?.close());

  it('accepts an intact log: every hash, the head, and consistent signed checkpoints', async () => {
    const report = await verifyLog(database.db);
    expect(report).toEqual({ size: 65_600, checkpoints: 4, problems: [], firstBadIndex: null });
  });

  it('serves proofs from a warmed tile cache that stays within its memory budget', async () => {
    const size = 65_600;
    const fromDatabase = new LogProofs(new TileStore(database.db, 0));
    const head = await tablesOf<AuditTables>(database.db)
      .selectFrom('audit.log_head')
      .select(['size', 'root'])
      .executeTakeFirstOrThrow();
    expect(Number(head.size)).toBe(size);
    const root = Uint8Array.from(head.root);
    const warm = new TileStore(database.db);
    // 256 full row-0 tiles and one full level-1 tile; the growing tiles are not cached.
    expect(await warm.warm()).toBe(257);
    expect(warm.cached.tiles).toBe(257);
    const tileBytes = warm.cached.bytes / 257;
    const small = new TileStore(database.db, 20 * tileBytes);
    expect(await small.warm()).toBe(20);
    for (const store of [warm, small]) {
      const proofs = new LogProofs(store);
      for (const index of [0, 1, 255, 256, 4_097, 65_535, 65_536, 65_599]) {
        const { proof, leafHash } = await proofs.inclusionWithLeaf(index, size);
        expect(proof).toEqual(await fromDatabase.inclusion(index, size));
        verifyInclusion(index, size, leafHash, proof, root);
      }
      for (const from of [1, 300, 700, 65_536]) {
        expect(await proofs.consistency(from, size)).toEqual(await fromDatabase.consistency(from, size));
      }
      // Earlier tree sizes have right borders of their own (remembered per size).
      for (const [index, earlier] of [
        [3, 4_100],
        [4_099, 4_100],
        [1_000, 33_333],
        [33_332, 33_333],
      ] as const) {
        expect(await proofs.inclusion(index, earlier)).toEqual(await fromDatabase.inclusion(index, earlier));
        expect(await proofs.consistency(index + 1, earlier)).toEqual(
          await fromDatabase.consistency(index + 1, earlier),
        );
      }
      expect(store.cached.bytes).toBeLessThanOrEqual(store.cached.budget);
    }
    expect(small.cached.tiles).toBeLessThanOrEqual(20);
  });

  it('refuses to update or delete entries', async () => {
    await expect(
      sql`UPDATE audit.log_entries SET data = '\\x00' WHERE idx = 5`.execute(database.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit.log_entries WHERE idx = 5`.execute(database.db)).rejects.toThrow(
      /append-only/,
    );
  });

  it('names the index of a changed entry row', async () => {
    const original = await tablesOf<AuditTables>(database.db)
      .selectFrom('audit.log_entries')
      .select('data')
      .where('idx', '=', 517)
      .executeTakeFirstOrThrow();
    await tamper(database.db, () =>
      sql`UPDATE audit.log_entries SET data = ${Buffer.from('entry 5l7')} WHERE idx = 517`.execute(
        database.db,
      ),
    );
    try {
      const report = await verifyLog(database.db);
      expect(report.firstBadIndex).toBe(517);
      expect(report.problems[0]).toMatchObject({ index: 517, kind: 'leaf-hash-mismatch' });
      // The checkpoints signed after the change no longer match the entries.
      expect(report.problems.filter((problem) => problem.kind === 'checkpoint-root-mismatch')).toHaveLength(
        2,
      );
    } finally {
      await tamper(database.db, () =>
        sql`UPDATE audit.log_entries SET data = ${Buffer.from(original.data)} WHERE idx = 517`.execute(
          database.db,
        ),
      );
    }
    expect((await verifyLog(database.db)).problems).toEqual([]);
  });

  it('names the index of a deleted entry row', async () => {
    const original = await tablesOf<AuditTables>(database.db)
      .selectFrom('audit.log_entries')
      .selectAll()
      .where('idx', '=', 42)
      .executeTakeFirstOrThrow();
    await tamper(database.db, () => sql`DELETE FROM audit.log_entries WHERE idx = 42`.execute(database.db));
    try {
      const report = await verifyLog(database.db);
      expect(report.firstBadIndex).toBe(42);
      expect(report.problems[0]).toMatchObject({ index: 42, kind: 'entry-missing' });
    } finally {
      await tablesOf<AuditTables>(database.db)
        .insertInto('audit.log_entries')
        .values({ idx: 42, data: Buffer.from(original.data) })
        .execute();
    }
  });

  it('names the index of a changed stored hash, at the leaves and higher up', async () => {
    for (const [level, tile, offset, index] of [
      [0, 1, 44, 300],
      [1, 0, 3, 3 * 256],
    ] as const) {
      const row = await tablesOf<AuditTables>(database.db)
        .selectFrom('audit.log_tiles')
        .select('hashes')
        .where('level', '=', level)
        .where('idx', '=', tile)
        .executeTakeFirstOrThrow();
      const changed = Buffer.from(row.hashes);
      changed[offset * 32] = (changed[offset * 32] ?? 0) ^ 0xff;
      await tablesOf<AuditTables>(database.db)
        .updateTable('audit.log_tiles')
        .set({ hashes: changed })
        .where('level', '=', level)
        .where('idx', '=', tile)
        .execute();
      try {
        const report = await verifyLog(database.db);
        expect(report.firstBadIndex).toBe(index);
      } finally {
        await tablesOf<AuditTables>(database.db)
          .updateTable('audit.log_tiles')
          .set({ hashes: Buffer.from(row.hashes) })
          .where('level', '=', level)
          .where('idx', '=', tile)
          .execute();
      }
    }
  });

  it('finds a rewritten history even when every stored hash was recomputed to match', async () => {
    // Forge: change entry 650 and rebuild all hashes from the entries, as a thorough attacker would.
    await tamper(database.db, () =>
      sql`UPDATE audit.log_entries SET data = ${Buffer.from('forged')} WHERE idx = 650`.execute(database.db),
    );
    const forged = await engine.open();
    try {
      const copy = await tablesOf<AuditTables>(database.db)
        .selectFrom('audit.log_entries')
        .select(['idx', 'data'])
        .orderBy('idx')
        .execute();
      const sequencer = await LogSequencer.open(forged.db, { maxBatch: 5000 });
      await sequencer.appendBatch(copy.map((row) => Uint8Array.from(row.data)));
      const forgedTiles = await tablesOf<AuditTables>(forged.db)
        .selectFrom('audit.log_tiles')
        .selectAll()
        .execute();
      const forgedHead = await tablesOf<AuditTables>(forged.db)
        .selectFrom('audit.log_head')
        .select(['size', 'root'])
        .executeTakeFirstOrThrow();
      await sql`DELETE FROM audit.log_tiles`.execute(database.db);
      await tablesOf<AuditTables>(database.db).insertInto('audit.log_tiles').values(forgedTiles).execute();
      await tablesOf<AuditTables>(database.db)
        .updateTable('audit.log_head')
        .set({ root: forgedHead.root })
        .execute();
      const report = await verifyLog(database.db);
      expect(report.problems.map((problem) => problem.kind)).toContain('checkpoint-root-mismatch');
      // The first checkpoint after the change is the one at 700: the change lies in 300…699.
      expect(report.firstBadIndex).toBe(300);
    } finally {
      await forged.close();
    }
  });
});

describe('the civitas log verify command', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'civitas-log-'));
    const opened = await openDatabase(loadConfig({ CIVITAS_DATA_DIR: dataDir }));
    try {
      await buildLog(opened.database.db, [10, 400]);
    } finally {
      await opened.close();
    }
  }, 120_000);
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  function civitas(args: string[]) {
    return spawnSync(process.execPath, [BIN, ...args], {
      env: { ...process.env, CIVITAS_DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: '' },
      encoding: 'utf8',
      timeout: 120_000,
    });
  }

  it('reports an intact log and exits 0, then names the first bad index and exits 1', async () => {
    const ok = civitas(['log', 'verify']);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(
      /^OK\s+400 entries recomputed; they match every stored hash and 2 signed checkpoints/m,
    );
    const between = civitas(['log', 'verify', '--from', '10', '--to', '400', '--json']);
    expect(JSON.parse(between.stdout)).toMatchObject({ problems: [], firstBadIndex: null });

    const opened = await openDatabase(loadConfig({ CIVITAS_DATA_DIR: dataDir }));
    try {
      await tamper(opened.database.db, () =>
        sql`UPDATE audit.log_entries SET data = ${Buffer.from('rewritten')} WHERE idx = 123`.execute(
          opened.database.db,
        ),
      );
    } finally {
      await opened.close();
    }
    const bad = civitas(['log', 'verify']);
    expect(bad.status, bad.stdout + bad.stderr).toBe(1);
    expect(bad.stdout).toMatch(/BAD\s+leaf-hash-mismatch: entry 123 /);
    expect(bad.stdout).toMatch(/first bad index: 123$/m);
    const usage = civitas(['log', 'verify', '--from', '10']);
    expect(usage.status).not.toBe(0);
    expect(usage.stderr).toMatch(/--from and --to/);
    expect(usage.stderr).not.toMatch(/\n\s+at /);
  });
});
