import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { TILE_HEIGHT, TILE_WIDTH } from '../tlog/tiles.ts';
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

/**
 * Reads hash tiles from the database and answers the hash of any perfect subtree of the tree,
 * as RFC 9162 proofs need. Full tiles never change, so they are kept (expanded into their
 * eight rows) in a bounded cache; the growing rightmost tile of each level is read afresh.
 */
export class TileStore {
  private readonly db: Kysely<Database>;
  private readonly capacity: number;
  private readonly full = new Map<string, PackedTile>();
  /** The rightmost tile of each level as last read: a prefix of what it will hold. */
  private readonly partial = new Map<string, PackedTile>();

  constructor(db: Kysely<Database>, capacity = 4096) {
    this.db = db;
    this.capacity = capacity;
  }

  /** The hashes of the given perfect subtrees, read with one query for the tiles not cached. */
  async hashes(subtrees: readonly Subtree[]): Promise<Map<string, Uint8Array>> {
    const located = subtrees.map((subtree) => ({ subtree, at: locate(subtree) }));
    const tiles = new Map<string, PackedTile>();
    const missing: Array<{ level: number; index: number }> = [];
    for (const { at } of located) {
      const key = tileKey(at.tileLevel, at.tileIndex);
      if (tiles.get(key)?.hash(at.row, at.position)) continue;
      const cached = this.full.get(key);
      const growing = this.partial.get(key);
      if (cached) {
        tiles.set(key, cached);
        // Refresh its place in the LRU order.
        this.full.delete(key);
        this.full.set(key, cached);
      } else if (growing?.hash(at.row, at.position)) {
        // A growing tile only gains hashes: what it held when read is still right.
        tiles.set(key, growing);
      } else if (!missing.some((tile) => tile.level === at.tileLevel && tile.index === at.tileIndex)) {
        missing.push({ level: at.tileLevel, index: at.tileIndex });
      }
    }
    if (missing.length > 0) {
      for (const [key, rows] of await this.load(missing)) tiles.set(key, rows);
    }
    const result = new Map<string, Uint8Array>();
    for (const { subtree, at } of located) {
      const hash = tiles.get(tileKey(at.tileLevel, at.tileIndex))?.hash(at.row, at.position);
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
    this.full.clear();
    this.partial.clear();
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
      const expanded = new PackedTile(row.hashes);
      const key = tileKey(Number(row.level), Number(row.idx));
      loaded.set(key, expanded);
      if (expanded.full) {
        this.partial.delete(key);
        this.remember(key, expanded);
      } else {
        if (this.partial.size >= 64) this.partial.clear();
        this.partial.set(key, expanded);
      }
    }
    return loaded;
  }

  private remember(key: string, rows: PackedTile): void {
    this.full.set(key, rows);
    if (this.full.size > this.capacity) {
      const oldest = this.full.keys().next().value;
      if (oldest !== undefined) this.full.delete(oldest);
    }
  }
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
