import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/databases.ts';
import { connectDatabase, type DatabaseHandle } from '../../db/connect.ts';
import { tablesOf } from '../../db/connection.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { MIGRATIONS } from '../../migrations.ts';
import type { AuditTables } from '../tables.ts';
import { LogSequencer } from './sequencer.ts';
import { verifyLog } from './verify.ts';

const WRITER = path.resolve(import.meta.dirname, '../../../test/log-writer.ts');

/** Runs the writer until it has acknowledged `acks` appends and made 3 checkpoints, then kill -9. */
async function writeAndKill(target: string, acks: number) {
  const child = spawn(process.execPath, [WRITER, target], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const acknowledged = new Map<number, number>();
  const checkpoints: number[] = [];
  const lines = readline.createInterface({ input: child.stdout });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the writer did not get far enough: ${stderr}`));
    }, 60_000);
    child.on('exit', (code) => reject(new Error(`the writer exited (${code}): ${stderr}`)));
    lines.on('line', (line) => {
      const [kind, a, b] = line.split(' ');
      if (kind === 'ack') acknowledged.set(Number(a), Number(b));
      if (kind === 'checkpoint') checkpoints.push(Number(a));
      if (acknowledged.size >= acks && checkpoints.length >= 3) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        // In the middle of a burst of appends: no chance to finish anything.
        child.kill('SIGKILL');
        resolve();
      }
    });
  });
  await new Promise((resolve) => child.once('exit', resolve));
  return { acknowledged, checkpoints };
}

describe.each(testDatabases())('the transparency log after kill -9 on $name', (engine) => {
  it('keeps every acknowledged entry and stays consistent with every checkpoint published before', async () => {
    let target: string;
    let cleanup: () => Promise<void>;
    let reopen: () => Promise<DatabaseHandle>;
    if (engine.name === 'pglite') {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'civitas-crash-'));
      target = path.join(dir, 'pglite');
      reopen = () => connectDatabase({ dataDir: target });
      cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
    } else {
      const handle = await engine.open();
      // The test database on the same server, with the credentials of TEST_DATABASE_URL.
      const url = new URL(process.env.TEST_DATABASE_URL ?? '');
      url.pathname = new URL(handle.location).pathname;
      target = url.toString();
      reopen = () => connectDatabase({ databaseUrl: target, poolSize: 2 });
      cleanup = () => handle.close();
    }
    try {
      const { acknowledged, checkpoints } = await writeAndKill(target, 3_000);
      const database = await reopen();
      // The killed writer's sessions may linger on the server until PostgreSQL notices the
      // closed socket (holding its locks meanwhile): end them, as an operator restarting would.
      if (engine.name === 'postgres')
        await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid()`.execute(database.db);
      try {
        await migrateToLatest(database.db, MIGRATIONS);
        const rows = await tablesOf<AuditTables>(database.db)
          .selectFrom('audit.log_entries')
          .select(['idx', 'data'])
          .execute();
        const stored = new Map(rows.map((row) => [Number(row.idx), new TextDecoder().decode(row.data)]));
        for (const [index, n] of acknowledged) expect(stored.get(index)).toBe(`entry-${n}`);
        const report = await verifyLog(database.db);
        expect(report.problems).toEqual([]);
        const signed = await tablesOf<AuditTables>(database.db)
          .selectFrom('audit.checkpoints')
          .select('size')
          .execute();
        const signedSizes = new Set(signed.map((row) => Number(row.size)));
        for (const size of checkpoints) expect(signedSizes.has(size)).toBe(true);
        expect(report.size).toBeGreaterThanOrEqual(Math.max(...acknowledged.keys()) + 1);
        // The log carries on from where it stopped.
        const sequencer = await LogSequencer.open(database.db);
        const index = await sequencer.append(new TextEncoder().encode('after the crash'));
        expect(index).toBe(report.size);
        await sequencer.close();
        expect((await verifyLog(database.db)).problems).toEqual([]);
      } finally {
        await database.close();
      }
    } finally {
      await cleanup();
    }
  }, 120_000);
});

const encode = (text: string) => new TextEncoder().encode(text);

describe.each(testDatabases())('a batch whose transaction fails, on $name', (engine) => {
  it('leaves no trace: the entries appended after it give a tree the stored tiles and root agree on', async () => {
    const database = await engine.open();
    try {
      const sequencer = await LogSequencer.open(database.db);
      // 300 entries: a full row-0 tile and a partial one, so the failed batch completes subtrees.
      await sequencer.appendBatch(Array.from({ length: 300 }, (_, i) => encode(`before ${i}`)));
      const failed = Array.from({ length: 212 }, (_, i) => encode(`never committed ${i}`));
      await expect(
        sequencer.appendBatch(failed, async () => {
          throw new Error('the usage insert failed');
        }),
      ).rejects.toThrow('the usage insert failed');
      expect(sequencer.head().size).toBe(300);
      const index = await sequencer.appendBatch(Array.from({ length: 212 }, (_, i) => encode(`after ${i}`)));
      expect(index).toBe(300);
      await sequencer.close();
      const report = await verifyLog(database.db);
      expect(report.problems).toEqual([]);
      expect(report.size).toBe(512);
    } finally {
      await database.close();
    }
  });
});

describe.each(testDatabases())('two sequencers on one database, on $name', (engine) => {
  it('take turns through the locked head: their appends make one tree, none lost or forked', async () => {
    const database = await engine.open();
    try {
      const one = await LogSequencer.open(database.db);
      const other = await LogSequencer.open(database.db);
      const firsts = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          (i % 2 === 0 ? one : other).appendBatch(
            Array.from({ length: 40 + i }, (_, j) => encode(`writer ${i % 2} batch ${i} entry ${j}`)),
          ),
        ),
      );
      const total = Array.from({ length: 12 }, (_, i) => 40 + i).reduce((a, b) => a + b, 0);
      // Every batch got its own range of indexes.
      const ranges = firsts.map((first, i) => [first, first + 40 + i] as const).sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < ranges.length; i++) expect(ranges[i]![0]).toBe(ranges[i - 1]![1]);
      expect(ranges.at(-1)![1]).toBe(total);
      await one.close();
      await other.close();
      const report = await verifyLog(database.db);
      expect(report.problems).toEqual([]);
      expect(report.size).toBe(total);
    } finally {
      await database.close();
    }
  });
});
