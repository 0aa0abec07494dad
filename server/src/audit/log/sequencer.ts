import { EMPTY_ROOT, rootHash, TILE_HEIGHT, TILE_WIDTH } from '@civitas/tlog';
import { type Kysely, sql, type Transaction } from 'kysely';
import { type Connection, tablesOf } from '../../db/index.ts';
import type { AuditTables } from '../tables.ts';
import { expandTile, joinTile, leafHashOf, splitTile } from './hashing.ts';
import type { Subtree } from './tile-store.ts';

/** The tree as the sequencer holds it: its size and the growing rightmost tile of each level. */
interface Edge {
  size: number;
  /** edge[L]: the hashes of tree level 8L in the rightmost, not yet full tile of tile level L. */
  tiles: Uint8Array[][];
}

/** A tile whose stored content changes in this batch. */
interface TileWrite {
  level: number;
  index: number;
  hashes: Uint8Array[];
}

/** Work done in the same transaction as an append, e.g. the feed's usage records. */
export type AppendHook = (trx: Transaction<AuditTables>, firstIndex: number) => Promise<void>;

export interface TreeHead {
  size: number;
  root: Uint8Array;
}

export interface SequencerOptions {
  /** Most entries per transaction. */
  maxBatch?: number;
}

/**
 * A writer of the transparency log. Entries are appended in batches (group commit):
 * each transaction stores the entries, the hash tiles they change and the new tree head, and
 * an append is acknowledged only after that transaction commits. The transaction first locks
 * the head row and checks the size it expects, so a second sequencer on the same database (the
 * feed's thread, say) cannot fork the tree: it reloads and carries on from the stored head.
 */
export class LogSequencer {
  private readonly db: Kysely<AuditTables>;
  private readonly maxBatch: number;
  private edge: Edge = { size: 0, tiles: [] };
  private rootHash: Uint8Array = EMPTY_ROOT;
  /** Hashes of perfect subtrees on the right edge, computed once (see `edgeRoot`). */
  private readonly edgeHashes = new Map<string, Uint8Array>();
  private queue: Array<{
    data: Uint8Array;
    resolve: (index: number) => void;
    reject: (error: unknown) => void;
  }> = [];
  private draining: Promise<void> | null = null;
  private lock: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(db: Kysely<AuditTables>, options: SequencerOptions) {
    this.db = db;
    this.maxBatch = options.maxBatch ?? 20_000;
  }

  static async open(connection: Connection, options: SequencerOptions = {}): Promise<LogSequencer> {
    const db = tablesOf<AuditTables>(connection);
    const sequencer = new LogSequencer(db, options);
    await db
      .insertInto('audit.log_head')
      .values({ size: 0, root: Buffer.from(EMPTY_ROOT) })
      .onConflict((conflict) => conflict.doNothing())
      .execute();
    await sequencer.reload(db);
    return sequencer;
  }

  /** The tree head last made durable by this sequencer. */
  head(): TreeHead {
    return { size: this.edge.size, root: this.rootHash };
  }

  /** Appends one entry; resolves with its index once it is durable. */
  append(data: Uint8Array): Promise<number> {
    if (this.closed) return Promise.reject(new Error('the log sequencer is closed'));
    if (data.length > 65_535) return Promise.reject(new RangeError('a log entry is at most 65535 bytes'));
    return new Promise((resolve, reject) => {
      this.queue.push({ data, resolve, reject });
      this.draining ??= this.drain();
    });
  }

  /**
   * Appends entries in one transaction together with `hook`'s writes; resolves with the first
   * entry's index once all of it is durable. Nothing is stored if the hook fails.
   */
  appendBatch(entries: readonly Uint8Array[], hook?: AppendHook): Promise<number> {
    if (this.closed) return Promise.reject(new Error('the log sequencer is closed'));
    return this.exclusive(() => this.commit(entries, hook));
  }

  /** Waits for queued appends, then refuses new ones. */
  async close(): Promise<void> {
    while (this.draining) await this.draining;
    await this.lock;
    this.closed = true;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        // Let other work reach the database between batches (PGlite has one connection), and
        // let more appends join the next batch.
        await new Promise((resolve) => setImmediate(resolve));
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          const first = await this.exclusive(() => this.commit(batch.map((item) => item.data)));
          for (const [offset, item] of batch.entries()) item.resolve(first + offset);
        } catch (error) {
          for (const item of batch) item.reject(error);
        }
      }
    } finally {
      this.draining = null;
    }
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.lock.then(work, work);
    this.lock = run.catch(() => {});
    return run;
  }

  private async commit(entries: readonly Uint8Array[], hook?: AppendHook): Promise<number> {
    const result = await this.db
      .transaction()
      .execute(async (trx) => {
        const stored = await sql<{ size: number }>`SELECT size FROM audit.log_head FOR UPDATE`.execute(trx);
        // Another writer (the feed's own thread, another process) appended since this one last
        // looked: carry on from the stored head, which cannot move while its row is locked.
        if (Number(stored.rows[0]?.size ?? -1) !== this.edge.size) await this.reload(trx);
        const first = this.edge.size;
        const { edge, writes } = extend(this.edge, entries.map(leafHashOf));
        const root = edgeRoot(edge, this.edgeHashes);
        if (entries.length > 0) {
          await sql`INSERT INTO audit.log_entries (idx, data)
            SELECT idx, decode(data, 'hex') FROM unnest(${entries.map((_, offset) => first + offset)}::bigint[],
              ${entries.map(toHex)}::text[]) AS e(idx, data)`.execute(trx);
          await sql`INSERT INTO audit.log_tiles (level, idx, hashes)
            SELECT level, idx, decode(hashes, 'hex') FROM unnest(${writes.map((tile) => tile.level)}::smallint[],
              ${writes.map((tile) => tile.index)}::bigint[], ${writes.map((tile) => joinTile(tile.hashes).toString('hex'))}::text[])
              AS t(level, idx, hashes)
            ON CONFLICT (level, idx) DO UPDATE SET hashes = excluded.hashes`.execute(trx);
          await trx
            .updateTable('audit.log_head')
            .set({ size: edge.size, root: Buffer.from(root), updated_at: new Date() })
            .execute();
        }
        if (hook) await hook(trx, first);
        return { first, edge, root };
      })
      .catch((error: unknown) => {
        // The remembered edge hashes may be of entries that were never committed.
        this.edgeHashes.clear();
        throw error;
      });
    this.edge = result.edge;
    this.rootHash = result.root;
    return result.first;
  }

  /** The size of the tree as stored: ahead of `head()` when another writer appended since. */
  async storedSize(): Promise<number> {
    const head = await this.db.selectFrom('audit.log_head').select('size').executeTakeFirst();
    return Number(head?.size ?? 0);
  }

  /** Loads the head and the rightmost tile of each level. */
  private async reload(db: Kysely<AuditTables>): Promise<void> {
    const head = await db.selectFrom('audit.log_head').select(['size', 'root']).executeTakeFirstOrThrow();
    const size = Number(head.size);
    const tiles: Uint8Array[][] = [];
    for (let level = 0; TILE_WIDTH ** level <= size; level++) {
      const count = Math.floor(size / TILE_WIDTH ** level);
      const width = count % TILE_WIDTH;
      if (width === 0) {
        tiles.push([]);
        continue;
      }
      const index = Math.floor(count / TILE_WIDTH);
      const row = await db
        .selectFrom('audit.log_tiles')
        .select('hashes')
        .where('level', '=', level)
        .where('idx', '=', index)
        .executeTakeFirst();
      const hashes = row ? splitTile(row.hashes) : [];
      if (hashes.length < width) {
        throw new Error(
          `the stored log is damaged: tile ${level}/${index} holds ${hashes.length} of ${width} hashes`,
        );
      }
      tiles.push(hashes.slice(0, width).map((hash) => Uint8Array.from(hash)));
    }
    this.edge = { size, tiles };
    this.edgeHashes.clear();
    this.rootHash = size === 0 ? EMPTY_ROOT : edgeRoot(this.edge, this.edgeHashes);
    if (Buffer.compare(Buffer.from(this.rootHash), Buffer.from(head.root)) !== 0) {
      throw new Error('the stored log is damaged: the tiles do not give the stored root');
    }
  }
}

function toHex(data: Uint8Array): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('hex');
}

/** The edge after appending leaf hashes, and every tile whose stored content changes. */
export function extend(edge: Edge, leafHashes: readonly Uint8Array[]): { edge: Edge; writes: TileWrite[] } {
  const tiles = edge.tiles.map((tile) => tile.slice());
  const counts = tiles.map((_, level) => Math.floor(edge.size / TILE_WIDTH ** level));
  const writes = new Map<string, TileWrite>();
  const push = (level: number, hash: Uint8Array): void => {
    while (tiles.length <= level) {
      tiles.push([]);
      counts.push(0);
    }
    const tile = tiles[level]!;
    const index = Math.floor(counts[level]! / TILE_WIDTH);
    tile.push(hash);
    counts[level]! += 1;
    // The live array: it holds the tile's final content of this batch (a full tile's array is
    // replaced below, so its reference keeps the full content).
    writes.set(`${level}/${index}`, { level, index, hashes: tile });
    if (tile.length === TILE_WIDTH) {
      const rows = expandTile(tile);
      tiles[level] = [];
      push(level + 1, rows[TILE_HEIGHT]![0]!);
    }
  };
  for (const hash of leafHashes) push(0, hash);
  return { edge: { size: edge.size + leafHashes.length, tiles }, writes: [...writes.values()] };
}

/**
 * The root of the tree the edge describes. `known` remembers the hashes of the perfect subtrees
 * along the edge: a perfect subtree's hash never changes in an append-only log, so the next root
 * only hashes what was appended since.
 */
export function edgeRoot(edge: Edge, known?: Map<string, Uint8Array>): Uint8Array {
  if (edge.size === 0) return EMPTY_ROOT;
  return rootHash(edge.size, (subtree: Subtree) => {
    if (!known) return edgeSubtreeHash(edge, subtree);
    const key = `${subtree.level}/${subtree.index}`;
    let hash = known.get(key);
    if (!hash) {
      hash = edgeSubtreeHash(edge, subtree);
      if (known.size >= 1_024) known.clear();
      known.set(key, hash);
    }
    return hash;
  });
}

/** A perfect subtree on the right edge, hashed from the rightmost tile of its tile level. */
function edgeSubtreeHash(edge: Edge, subtree: Subtree): Uint8Array {
  const tileLevel = Math.floor(subtree.level / TILE_HEIGHT);
  const row = subtree.level - tileLevel * TILE_HEIGHT;
  const count = Math.floor(edge.size / TILE_WIDTH ** tileLevel);
  const tileStart = Math.floor(count / TILE_WIDTH) * TILE_WIDTH;
  const start = subtree.index * 2 ** row - tileStart;
  const hashes = edge.tiles[tileLevel]?.slice(start, start + 2 ** row) ?? [];
  if (hashes.length !== 2 ** row)
    throw new Error(`subtree ${subtree.level}/${subtree.index} is not on the edge`);
  return expandTile(hashes)[row]![0]!;
}
