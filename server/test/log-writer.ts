// A transparency-log writer for the crash test: appends as fast as it can and prints every
// acknowledged append ("ack <index> <n>") and every checkpoint it signs ("checkpoint <size>"),
// until it is killed. Usage: log-writer.ts <postgres URL | PGlite directory>
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { Checkpointer } from '../src/audit/log/checkpointer.ts';
import { loadOrCreateKey } from '../src/audit/log/keys.ts';
import { LogProofs } from '../src/audit/log/proofs.ts';
import { LogSequencer } from '../src/audit/log/sequencer.ts';
import { TileStore } from '../src/audit/log/tile-store.ts';
import { connectDatabase } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { KeyStore } from '../src/kernel/key-store.ts';
import { MIGRATIONS } from '../src/migrations.ts';

const target = process.argv[2] ?? '';
const database = await connectDatabase(
  target.startsWith('postgres') ? { databaseUrl: target, poolSize: 4 } : { dataDir: target },
);
await migrateToLatest(database.db, MIGRATIONS);
// The key store outlives the writer (the test kills and restarts it): one directory per target.
const keyDir = path.join(
  os.tmpdir(),
  `civitas-crash-keys-${crypto.createHash('sha256').update(target).digest('hex').slice(0, 16)}`,
);
const key = await loadOrCreateKey(database.db, new KeyStore(keyDir), 'log', 'crash.test/log');
const sequencer = await LogSequencer.open(database.db, { maxBatch: 500 });
const checkpoints = new Checkpointer(database.db, new LogProofs(new TileStore(database.db)), {
  origin: key.name,
  skey: key.skey,
  witnesses: [],
  report: () => {},
});
const write = (line: string) => process.stdout.write(`${line}\n`);
write('ready');
let counter = 0;
const writer = async () => {
  for (;;) {
    const n = counter++;
    const index = await sequencer.append(new TextEncoder().encode(`entry-${n}`));
    write(`ack ${index} ${n}`);
  }
};
const checkpointing = async () => {
  for (;;) {
    const made = await checkpoints.make();
    if (made) write(`checkpoint ${made.size}`);
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
};
await Promise.all([...Array.from({ length: 100 }, writer), checkpointing()]);
