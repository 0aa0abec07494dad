// `npm run bench -- log`: the transparency log on PostgreSQL. Sustained group-committed appends
// (against a plain bulk insert of the same rows, the baseline), then the tree is filled to
// BENCH_LOG_ENTRIES (default 10,000,000) and random inclusion and consistency proofs are fetched
// over HTTP from the real server's `/log/proof/*` routes (its own process), one at a time, timed
// at the client (interleaved with `/healthz` on the same server: the machine's floor, the
// baseline of the ratio): once the server's tile cache is warm (the steady state, proofs from memory), and
// once with the cache off (every proof reads its tiles from PostgreSQL), for comparison.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { sql } from 'kysely';
import { startAuditLog } from '../server/src/audit/service.ts';
import { connectDatabase } from '../server/src/db/connect.ts';
import { migrateToLatest } from '../server/src/db/migrate.ts';
import { KeyStore } from '../server/src/kernel/key-store.ts';
import { MIGRATIONS } from '../server/src/migrations.ts';
import { freshTempDir, report, startServer, waitUntilReady, withPostgresDatabase } from './lib.ts';

const TARGET = Number(process.env.BENCH_LOG_ENTRIES ?? 10_000_000);
const SUSTAINED = 200_000;
const IN_FLIGHT = 5_000;
const PROOFS = 10_000;

/** An entry the size of a real access entry (~420 bytes of canonical JSON). */
function accessEntry(i: number): Uint8Array {
  return new TextEncoder().encode(
    JSON.stringify({
      categories: ['identity'],
      client: 'BG/GOV/177547175/civitas-portal',
      kind: 'access',
      legalBasis: 'gdpr-art-15',
      node: 'node-1',
      purpose: 'data-subject-access',
      queryId: crypto.randomUUID(),
      record: crypto.createHash('sha256').update(String(i)).digest('hex'),
      service: 'BG/GOV/831661388/population-register/persons',
      status: 200,
      subject: crypto.createHash('sha256').update(`s${i}`).digest('hex'),
      time: new Date().toISOString(),
      v: 1,
    }),
  );
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function run(): Promise<void> {
  await withPostgresDatabase(async (url) => {
    const database = await connectDatabase({ databaseUrl: url, poolSize: 10 });
    await migrateToLatest(database.db, MIGRATIONS);
    const log = await startAuditLog(database.db, {
      keyStore: new KeyStore(freshTempDir('civitas-bench-log-keys-')),
      origin: 'bench.localhost/civitas/log',
      witnessName: 'bench.localhost/civitas/witness',
      checkpointIntervalMs: 0,
      feedIntervalMs: 0,
      report: (message) => console.error(message),
    });
    let closed = false;
    try {
      const entries = Array.from({ length: SUSTAINED }, (_, i) => accessEntry(i));

      // Baseline: the same rows bulk-inserted into a plain table, no tree, in the same batches.
      await sql`CREATE TABLE bench_plain (idx bigint PRIMARY KEY, data bytea NOT NULL)`.execute(database.db);
      const baselineStart = performance.now();
      for (let start = 0; start < SUSTAINED; start += IN_FLIGHT) {
        const batch = entries.slice(start, start + IN_FLIGHT);
        await sql`INSERT INTO bench_plain SELECT idx, decode(data, 'hex') FROM unnest(
          ${batch.map((_, i) => start + i)}::bigint[], ${batch.map((e) => Buffer.from(e).toString('hex'))}::text[]) AS t(idx, data)`.execute(
          database.db,
        );
      }
      const baselinePerS = SUSTAINED / ((performance.now() - baselineStart) / 1000);

      // Sustained appends: many writers, each append acknowledged once durable.
      const appendStart = performance.now();
      let next = 0;
      const writer = async () => {
        while (next < SUSTAINED) await log.sequencer.append(entries[next++]!);
      };
      await Promise.all(Array.from({ length: IN_FLIGHT }, writer));
      const appendPerS = SUSTAINED / ((performance.now() - appendStart) / 1000);
      console.log(
        `sustained: ${Math.round(appendPerS)} appends/s (plain insert ${Math.round(baselinePerS)}/s)`,
      );

      // Fill to the target size in large batches (small entries: the tree, not the bytes, is measured).
      const fillStart = performance.now();
      let size = log.sequencer.head().size;
      while (size < TARGET) {
        const count = Math.min(100_000, TARGET - size);
        const batch = Array.from({ length: count }, (_, i) => new TextEncoder().encode(`filler ${size + i}`));
        await log.sequencer.appendBatch(batch);
        size = log.sequencer.head().size;
        if (size % 1_000_000 < 100_000) console.log(`filled ${size.toLocaleString('en')}`);
      }
      const fillPerS = (size - SUSTAINED) / ((performance.now() - fillStart) / 1000);
      const checkpoint = await log.checkpoints.make();
      if (checkpoint?.size !== size) throw new Error('no checkpoint at the filled size');

      // Proofs are served by the real server, in its own process, from the stored tiles.
      await log.close();
      closed = true;
      // Steady state, as a log that has been serving for a while: statistics fresh after the bulk fill.
      await sql`ANALYZE audit.log_tiles`.execute(database.db);
      await sql`ANALYZE audit.log_entries`.execute(database.db);
      const cached = await measureProofs(url, size, { tileCacheMb: 512 });
      const uncached = await measureProofs(url, size, { tileCacheMb: 0 });
      const measured = cached.proofs;
      const { inclusion, consistency, healthz, maxHashes } = measured;
      const bound = Math.ceil(Math.log2(size));
      if (maxHashes > bound)
        throw new Error(`an inclusion proof had ${maxHashes} hashes, more than ⌈log2 n⌉ = ${bound}`);

      report('log', 'postgres', {
        entries: size,
        append_per_s: Math.round(appendPerS),
        append_baseline_plain_insert_per_s: Math.round(baselinePerS),
        append_ratio: Number((appendPerS / baselinePerS).toFixed(3)),
        fill_per_s: Math.round(fillPerS),
        inclusion_p50_ms: Number(percentile(inclusion, 50).toFixed(3)),
        inclusion_p99_ms: Number(percentile(inclusion, 99).toFixed(3)),
        consistency_p50_ms: Number(percentile(consistency, 50).toFixed(3)),
        consistency_p99_ms: Number(percentile(consistency, 99).toFixed(3)),
        healthz_p50_ms: Number(percentile(healthz, 50).toFixed(3)),
        healthz_p99_ms: Number(percentile(healthz, 99).toFixed(3)),
        inclusion_p99_to_healthz_p99: Number(
          (percentile(inclusion, 99) / percentile(healthz, 99)).toFixed(2),
        ),
        consistency_p99_to_healthz_p99: Number(
          (percentile(consistency, 99) / percentile(healthz, 99)).toFixed(2),
        ),
        inclusion_max_hashes: maxHashes,
        tile_cache_warm_s: Number(cached.warmSeconds.toFixed(1)),
        inclusion_p99_ms_from_database: Number(percentile(uncached.proofs.inclusion, 99).toFixed(3)),
        consistency_p99_ms_from_database: Number(percentile(uncached.proofs.consistency, 99).toFixed(3)),
        log2_bound: bound,
      });
    } finally {
      if (!closed) await log.close();
      await database.close();
    }
  });
}

interface ProofLatencies {
  inclusion: number[];
  consistency: number[];
  /** `/healthz` on the same server, interleaved with the proofs. */
  healthz: number[];
  maxHashes: number;
}

/**
 * Starts the real server on the filled database, waits until its tile cache holds every full
 * tile (if it has a cache), then times random proofs from a separate client process.
 */
async function measureProofs(
  url: string,
  size: number,
  options: { tileCacheMb: number },
): Promise<{ proofs: ProofLatencies; warmSeconds: number }> {
  const server = startServer({
    DATABASE_URL: url,
    PORT: '3904',
    CIVITAS_PUBLIC_URL: 'http://127.0.0.1:3904',
    CIVITAS_DATA_DIR: freshTempDir('civitas-bench-log-'),
    CIVITAS_DEMO_PERSONS: '7',
    CIVITAS_DEMO_VEHICLES: '2',
    CIVITAS_LOG_FEED_INTERVAL_MS: '0',
    CIVITAS_LOG_CHECKPOINT_INTERVAL_MS: '0',
    CIVITAS_LOG_TILE_CACHE_MB: String(options.tileCacheMb),
  });
  try {
    await waitUntilReady(server.url, performance.now());
    const warmStart = performance.now();
    if (options.tileCacheMb > 0) await waitForWarmCache(server.url, size);
    const warmSeconds = (performance.now() - warmStart) / 1000;
    // Code paths warm (300 of each, not measured).
    const output = execFileSync(
      process.execPath,
      [
        '--max-semi-space-size=64',
        path.join(import.meta.dirname, 'log-proof-client.ts'),
        server.url,
        String(size),
        '300',
        String(PROOFS),
      ],
      { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
    );
    return { proofs: JSON.parse(output) as ProofLatencies, warmSeconds };
  } finally {
    await server.stop();
  }
}

/** Polls the server's metrics until its tile cache holds every full tile of a tree of `size`. */
async function waitForWarmCache(serverUrl: string, size: number, timeoutMs = 600_000): Promise<void> {
  let fullTiles = 0;
  for (let width = 256; width <= size; width *= 256) fullTiles += Math.floor(size / width);
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    const metrics = await (await fetch(`${serverUrl}/metrics`)).text();
    const cached = Number(/^civitas_log_tile_cache_tiles (\d+)$/m.exec(metrics)?.[1] ?? 0);
    if (cached >= fullTiles) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the tile cache did not hold the ${fullTiles} full tiles within ${timeoutMs} ms`);
}
