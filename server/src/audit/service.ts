import { type Connection, tablesOf } from '../db/index.ts';
import { exchangeLogs } from '../exchange/index.ts';
import type { KeyStore } from '../kernel/index.ts';
import { LogFeed } from './feed.ts';
import { type Feed, FeedThread } from './feed-thread.ts';
import { Checkpointer, type WitnessClient } from './log/checkpointer.ts';
import { loadOrCreateKey } from './log/keys.ts';
import { LogProofs } from './log/proofs.ts';
import { LogSequencer } from './log/sequencer.ts';
import { TileStore } from './log/tile-store.ts';
import type { AuditTables } from './tables.ts';
import { Witness } from './witness/witness.ts';

export interface AuditLogOptions {
  /** Where the log's and the witness's private keys live (never in the log's database). */
  keyStore: KeyStore;
  /** The log's origin line, used when the log is created (later the stored key's name wins). */
  origin: string;
  /** The in-process witness's name. */
  witnessName: string;
  /** How often a checkpoint is made while the log grows; 0 = only on demand. */
  checkpointIntervalMs: number;
  /** How often the exchange's logs are fed in; 0 = only on demand (tests). */
  feedIntervalMs: number;
  /** The memory budget of the cache of hash tiles that proofs are served from (default 512 MiB). */
  tileCacheBytes?: number;
  /**
   * On PostgreSQL: the database's URL, for the feed to run on its own thread with its own
   * connections (and its timer there). Without it the feed runs on this thread.
   */
  feedThreadDatabaseUrl?: string;
  report: (message: string, details: Record<string, unknown>) => void;
}

/** The transparency log with its sequencer, proofs, checkpoints, witness and exchange feed. */
export interface AuditLog {
  origin: string;
  /** The log's verifier key (signed-note vkey). */
  logKey: string;
  /** The witnesses' verifier keys. */
  witnessKeys: Array<{ name: string; vkey: string }>;
  sequencer: LogSequencer;
  tiles: TileStore;
  proofs: LogProofs;
  checkpoints: Checkpointer;
  witness: Witness;
  feed: Feed;
  /** Entries [start, start + count) that are stored, in order. */
  entries(start: number, count: number): Promise<Uint8Array[]>;
  close(): Promise<void>;
}

export async function startAuditLog(connection: Connection, options: AuditLogOptions): Promise<AuditLog> {
  const db = tablesOf<AuditTables>(connection);
  const logKey = await loadOrCreateKey(db, options.keyStore, 'log', options.origin);
  const witnessKey = await loadOrCreateKey(db, options.keyStore, 'witness', options.witnessName);
  const origin = logKey.name;
  const sequencer = await LogSequencer.open(db);
  const tiles = new TileStore(db, options.tileCacheBytes);
  const proofs = new LogProofs(tiles);
  const witness = new Witness(db, { skey: witnessKey.skey, logs: new Map([[origin, logKey.vkey]]) });
  const witnessClient: WitnessClient = {
    name: witness.name,
    addCheckpoint: (request) => witness.addCheckpoint(request),
  };
  const checkpoints = new Checkpointer(db, proofs, {
    origin,
    skey: logKey.skey,
    witnesses: [witnessClient],
    report: options.report,
  });
  // Every log has a checkpoint from its first start (the empty tree's, if nothing is in it).
  await checkpoints.make();
  const reportFeedError = (error: unknown) => options.report('log feed failed', { err: error });
  let feed: Feed;
  if (options.feedThreadDatabaseUrl) {
    feed = await FeedThread.start(
      { databaseUrl: options.feedThreadDatabaseUrl, intervalMs: options.feedIntervalMs },
      reportFeedError,
    );
  } else {
    const local = new LogFeed(db, sequencer, exchangeLogs(db));
    if (options.feedIntervalMs > 0) local.start(options.feedIntervalMs, reportFeedError);
    feed = local;
  }
  if (options.checkpointIntervalMs > 0) checkpoints.start(options.checkpointIntervalMs);
  // Proofs are answered from memory once the cache holds the tiles; until then from the database.
  const warming = tiles.warm().catch((error: unknown) => {
    options.report('the tile cache could not be warmed', { err: error });
    return 0;
  });
  return {
    origin,
    logKey: logKey.vkey,
    witnessKeys: [{ name: witnessKey.name, vkey: witnessKey.vkey }],
    sequencer,
    tiles,
    proofs,
    checkpoints,
    witness,
    feed,
    async entries(start, count) {
      const rows = await db
        .selectFrom('audit.log_entries')
        .select(['idx', 'data'])
        .where('idx', '>=', start)
        .where('idx', '<', start + count)
        .orderBy('idx')
        .execute();
      return rows.map((row) => Uint8Array.from(row.data));
    },
    async close() {
      tiles.stop();
      await warming;
      await feed.stop();
      await checkpoints.stop();
      await sequencer.close();
    },
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** This process's transparency log. */
    auditLog: AuditLog;
  }
}
