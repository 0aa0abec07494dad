import { TILE_HEIGHT, TILE_WIDTH } from '@civitas/tlog';
import { type Kysely, sql } from 'kysely';
import { type Connection, tablesOf } from '../../db/index.ts';
import type { AuditTables } from '../tables.ts';
import { PackedTile } from './hashing.ts';

/** A perfect subtree: leaves [index·2^level, (index+1)·2^level). */
export interface Subtree {
  level: number;
  index: number;
}

function tileKey(level: number, index: number): string {
  return `${level}/${index}`;
}

/** Where a perfect subtree's hash sits: in which tile, on which row, at which position. */
export function locate(subtree: Subtree): {
  tileLevel: number;
  tileIndex: number;
  row: number;
  position: number;
} {
  const tileLevel = Math.floor(subtree.level / TILE_HEIGHT);
  const row = subtree.level - tileLevel * TILE_HEIGHT;
  const perTile = TILE_WIDTH >> row;
  const tileIndex = Math.floor(subtree.index / perTile);
  return { tileLevel, tileIndex, row, position: subtree.index - tileIndex * perTile };
}

/** The default memory budget of a tile store's cache of full tiles (512 MiB: about 50 M entries' tiles). */
export const DEFAULT_TILE_CACHE_BYTES = 512 * 2 ** 20;

/** Tiles read per query while the cache is warmed. */
const WARM_BATCH = 256;

/**
 * Reads hash tiles from the database and answers the hash of any perfect subtree of the tree,
 * as RFC 9162 proofs need. Full tiles never change, so they are kept in a cache bounded by a
 * memory budget (clock eviction, see `remember`); `warm()` fills it at start, so that proofs are
 * answered without a database round trip. The growing rightmost tile of each level is read
 * afresh when it lacks a hash.
 */
export class TileStore {
  private readonly db: Kysely<AuditTables>;
  private readonly budget: number;
  /** Cached full tiles by level, then index: lookups cost no string building or hashing. */
  private readonly levels: Array<Map<number, CachedTile>> = [];
  /** The cached tiles oldest first, for eviction by the clock (second-chance) rule. */
  private readonly clock = new Set<CachedTile>();
  private cachedBytes = 0;
  /** The rightmost tile of each level as last read: a prefix of what it will hold. */
  private readonly partial = new Map<string, PackedTile>();
  private stopped = false;

  constructor(db: Connection, cacheBytes = DEFAULT_TILE_CACHE_BYTES) {
    this.db = tablesOf<AuditTables>(db);
    this.budget = cacheBytes;
  }

  /** How many full tiles the cache holds and how much memory they take. */
  get cached(): { tiles: number; bytes: number; budget: number } {
    return { tiles: this.clock.size, bytes: this.cachedBytes, budget: this.budget };
  }

  /**
   * Loads full tiles into the cache until it is full or every tile is in: the higher levels
   * first (every proof needs them), then row-0 tiles from the newest back. Reads a batch of tiles
   * at a time and stops at `stop()`. Returns how many tiles it loaded.
   */
  async warm(): Promise<number> {
    let loaded = 0;
    let after: { level: number; idx: number } | null = null;
    while (!this.stopped) {
      const before: { level: number; idx: number } = after ?? { level: 32_767, idx: 0 };
      const rows = await sql<{ level: number; idx: number; hashes: Uint8Array }>`
        SELECT level, idx, hashes FROM audit.log_tiles
        WHERE (level, idx) < (${before.level}, ${before.idx})
        ORDER BY level DESC, idx DESC
        LIMIT ${WARM_BATCH}`.execute(this.db);
      for (const row of rows.rows) {
        const level = Number(row.level);
        const index = Number(row.idx);
        if (row.hashes.length !== TILE_WIDTH * 32 || this.levels[level]?.has(index)) continue;
        const tile = new PackedTile(row.hashes);
        if (this.cachedBytes + tile.byteLength > this.budget) return loaded;
        this.remember(level, index, tile);
        loaded++;
      }
      const last = rows.rows.at(-1);
      if (!last || rows.rows.length < WARM_BATCH) return loaded;
      after = { level: Number(last.level), idx: Number(last.idx) };
      // Let requests in between batches (PGlite has one connection).
      await new Promise((resolve) => setImmediate(resolve));
    }
    return loaded;
  }

  /** Stops a running `warm()` after its current batch. */
  stop(): void {
    this.stopped = true;
  }

  /**
   * The hash of a perfect subtree if it is in memory (a cached full tile, or the growing tile as
   * last read), without a query: proofs at a cached tree size are answered synchronously.
   */
  cachedHash(subtree: Subtree): Uint8Array | undefined {
    const at = locate(subtree);
    const tile =
      this.cachedTile(at.tileLevel, at.tileIndex) ?? this.partial.get(tileKey(at.tileLevel, at.tileIndex));
    // A growing tile only gains hashes: what it held when read is still right.
    return tile?.hash(at.row, at.position);
  }

  /** The hashes of the given perfect subtrees, read with one query for the tiles not cached. */
  async hashes(subtrees: readonly Subtree[]): Promise<Map<string, Uint8Array>> {
    const result = new Map<string, Uint8Array>();
    const unresolved: Array<{ subtree: Subtree; at: ReturnType<typeof locate> }> = [];
    for (const subtree of subtrees) {
      const hash = this.cachedHash(subtree);
      if (hash) result.set(subtreeKey(subtree), hash);
      else unresolved.push({ subtree, at: locate(subtree) });
    }
    if (unresolved.length === 0) return result;
    const missing: Array<{ level: number; index: number }> = [];
    for (const { at } of unresolved) {
      if (!missing.some((tile) => tile.level === at.tileLevel && tile.index === at.tileIndex))
        missing.push({ level: at.tileLevel, index: at.tileIndex });
    }
    const loaded = await this.load(missing);
    for (const { subtree, at } of unresolved) {
      const hash = loaded.get(tileKey(at.tileLevel, at.tileIndex))?.hash(at.row, at.position);
      if (!hash) throw new MissingHashError(subtree);
      result.set(subtreeKey(subtree), hash);
    }
    return result;
  }

  /** Reads one stored tile's hashes (for the tiles API); null when there is no such tile. */
  async tile(level: number, index: number): Promise<Uint8Array | null> {
    const row = await this.db
      .selectFrom('audit.log_tiles')
      .select('hashes')
      .where('level', '=', level)
      .where('idx', '=', index)
      .executeTakeFirst();
    return row ? row.hashes : null;
  }

  /** Forgets cached tiles (after the tree was rebuilt, e.g. in tests). */
  clear(): void {
    this.levels.length = 0;
    this.clock.clear();
    this.cachedBytes = 0;
    this.partial.clear();
  }

  private cachedTile(level: number, index: number): PackedTile | undefined {
    const entry = this.levels[level]?.get(index);
    if (!entry) return undefined;
    entry.used = true;
    return entry.tile;
  }

  private async load(wanted: Array<{ level: number; index: number }>): Promise<Map<string, PackedTile>> {
    const levels = wanted.map((tile) => tile.level);
    const indexes = wanted.map((tile) => tile.index);
    const rows = await sql<{ level: number; idx: number; hashes: Uint8Array }>`
      SELECT t.level, t.idx, t.hashes
      FROM unnest(${levels}::smallint[], ${indexes}::bigint[]) AS w(level, idx)
      JOIN audit.log_tiles t ON t.level = w.level AND t.idx = w.idx`.execute(this.db);
    const loaded = new Map<string, PackedTile>();
    for (const row of rows.rows) {
      const tile = new PackedTile(row.hashes);
      const level = Number(row.level);
      const index = Number(row.idx);
      const key = tileKey(level, index);
      loaded.set(key, tile);
      if (tile.full) {
        this.partial.delete(key);
        this.remember(level, index, tile);
      } else {
        if (this.partial.size >= 64) this.partial.clear();
        this.partial.set(key, tile);
      }
    }
    return loaded;
  }

  /**
   * Caches a full tile; while over the budget, evicts by the clock rule: the oldest tile goes
   * unless it was used since it was last looked at, in which case it gets a second chance.
   */
  private remember(level: number, index: number, tile: PackedTile): void {
    if (tile.byteLength > this.budget) return;
    let byIndex = this.levels[level];
    if (!byIndex) {
      for (let missing = this.levels.length; missing <= level; missing++) this.levels.push(new Map());
      byIndex = this.levels[level]!;
    }
    const replaced = byIndex.get(index);
    if (replaced) this.forget(replaced);
    const entry: CachedTile = { level, index, tile, used: false };
    byIndex.set(index, entry);
    this.clock.add(entry);
    this.cachedBytes += tile.byteLength;
    while (this.cachedBytes > this.budget) {
      const oldest = this.clock.values().next().value;
      if (!oldest) break;
      if (oldest.used && oldest !== entry) {
        oldest.used = false;
        this.clock.delete(oldest);
        this.clock.add(oldest);
      } else {
        this.forget(oldest);
      }
    }
  }

  private forget(entry: CachedTile): void {
    this.levels[entry.level]?.delete(entry.index);
    this.clock.delete(entry);
    this.cachedBytes -= entry.tile.byteLength;
  }
}

interface CachedTile {
  level: number;
  index: number;
  tile: PackedTile;
  /** Used since the clock last passed it. */
  used: boolean;
}

export function subtreeKey(subtree: Subtree): string {
  return `${subtree.level}:${subtree.index}`;
}

/** A hash the tree should have but the tiles do not hold: the stored log is damaged. */
export class MissingHashError extends Error {
  readonly subtree: Subtree;

  constructor(subtree: Subtree) {
    super(`the stored tiles lack the hash of subtree level ${subtree.level} index ${subtree.index}`);
    this.name = 'MissingHashError';
    this.subtree = subtree;
  }
}
