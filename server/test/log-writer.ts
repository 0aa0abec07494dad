// A transparency-log writer for the crash test: appends as fast as it can and prints every
// acknowledged append ("ack <index> <n>") and every checkpoint it signs ("checkpoint <size>"),
// until it is killed. Usage: log-writer.ts <postgres URL | PGlite directory>
import { Checkpointer } from '../src/audit/log/checkpointer.ts';
import { loadOrCreateKey } from '../src/audit/log/keys.ts';
import { LogProofs } from '../src/audit/log/proofs.ts';
import { LogSequencer } from '../src/audit/log/sequencer.ts';
import { TileStore } from '../src/audit/log/tile-store.ts';
import { connectDatabase } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';

const target = process.argv[2] ?? '';
const database = await connectDatabase(
  target.startsWith('postgres') ? { databaseUrl: target, poolSize: 4 } : { dataDir: target },
);
await migrateToLatest(database.db);
const key = await loadOrCreateKey(database.db, 'log', 'crash.test/log');
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
