import type { Subtree } from './proof.ts';

/**
 * C2SP tlog-tiles: the paths of hash tiles and entry bundles, tile counts for a tree size, and
 * the entry bundle encoding (big-endian uint16 length-prefixed entries).
 */

/** Tree levels one tile spans. */
export const TILE_HEIGHT = 8;
/** Hashes in a full tile (and entries in a full bundle). */
export const TILE_WIDTH = 256;
/** The largest tile level a path may name. */
export const MAX_TILE_LEVEL = 63;
/** The largest entry an entry bundle can hold. */
export const MAX_ENTRY_SIZE = 0xffff;

/** Why a tile argument or an entry bundle was rejected. */
export type TileErrorReason = 'bad-argument' | 'entry-too-large' | 'too-many-entries' | 'malformed-bundle';

/** A tile coordinate no path exists for, or an entry bundle that cannot be encoded or decoded. */
export class TileError extends Error {
  readonly reason: TileErrorReason;

  constructor(reason: TileErrorReason, message: string) {
    super(message);
    this.name = 'TileError';
    this.reason = reason;
  }
}

/** A parsed tile path; `width` is 256 for a full tile. */
export type TilePath =
  | { kind: 'hash'; level: number; index: number; width: number }
  | { kind: 'entries'; index: number; width: number };

function requireInteger(value: number, min: number, max: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new TileError('bad-argument', `${what} must be an integer in ${min}..${max}, not ${value}`);
  }
}

/** `<N>[.p/<W>]`: the index in 3-digit groups (all but the last prefixed `x`), and a partial width. */
function indexAndWidth(index: number, width: number): string {
  requireInteger(index, 0, Number.MAX_SAFE_INTEGER, 'tile index');
  requireInteger(width, 1, TILE_WIDTH, 'tile width');
  const groups: string[] = [];
  let rest = index;
  do {
    groups.unshift(String(rest % 1000).padStart(3, '0'));
    rest = Math.floor(rest / 1000);
  } while (rest > 0);
  const n = groups.map((group, i) => (i < groups.length - 1 ? `x${group}` : group)).join('/');
  return width === TILE_WIDTH ? n : `${n}.p/${width}`;
}

/** The path of a hash tile, e.g. `tile/0/x001/x234/067` or `tile/1/005.p/17` (width < 256: partial). */
export function tilePath(level: number, index: number, width: number = TILE_WIDTH): string {
  requireInteger(level, 0, MAX_TILE_LEVEL, 'tile level');
  return `tile/${level}/${indexAndWidth(index, width)}`;
}

/** The path of an entry bundle, e.g. `tile/entries/x001/234` or `tile/entries/000.p/3`. */
export function entriesPath(index: number, width: number = TILE_WIDTH): string {
  return `tile/entries/${indexAndWidth(index, width)}`;
}

const TILE_PATH = /^tile\/(entries|[0-9]+)\/((?:x[0-9]{3}\/)*[0-9]{3})(?:\.p\/([0-9]+))?$/;

/**
 * Parses a tile or entry bundle path strictly: null for anything that is not the one canonical
 * encoding (leading zeros, an `x000` group, a level above 63, a width outside 1..255, an index
 * beyond 2^53 − 1, a trailing slash, ...). Never throws.
 */
export function parseTilePath(path: string): TilePath | null {
  const match = TILE_PATH.exec(path);
  if (!match) return null;
  const [, levelText, indexText, widthText] = match;
  const digits = indexText!.replaceAll('x', '').replaceAll('/', '');
  const index = Number(digits);
  const width = widthText === undefined ? TILE_WIDTH : Number(widthText);
  if (widthText !== undefined && width >= TILE_WIDTH) return null;
  try {
    if (levelText === 'entries') {
      return entriesPath(index, width) === path ? { kind: 'entries', index, width } : null;
    }
    const level = Number(levelText);
    return tilePath(level, index, width) === path ? { kind: 'hash', level, index, width } : null;
  } catch {
    return null;
  }
}

/** For a tree of `size` leaves, the full tiles at a tile level and the width of its partial tile (0: none). */
export function tileCount(size: number, level: number): { full: number; partialWidth: number } {
  requireInteger(size, 0, Number.MAX_SAFE_INTEGER, 'tree size');
  requireInteger(level, 0, MAX_TILE_LEVEL, 'tile level');
  const hashes = Math.floor(size / TILE_WIDTH ** level);
  return { full: Math.floor(hashes / TILE_WIDTH), partialWidth: hashes % TILE_WIDTH };
}

/** The perfect subtrees whose hashes a tile holds, in order. */
export function tileSubtrees(level: number, index: number, width: number = TILE_WIDTH): Subtree[] {
  requireInteger(level, 0, MAX_TILE_LEVEL, 'tile level');
  requireInteger(index, 0, Number.MAX_SAFE_INTEGER, 'tile index');
  requireInteger(width, 1, TILE_WIDTH, 'tile width');
  const first = index * TILE_WIDTH;
  if (!Number.isSafeInteger(first + width - 1))
    throw new TileError('bad-argument', `tile index ${index} is too large`);
  return Array.from({ length: width }, (_, i) => ({ level: level * TILE_HEIGHT, index: first + i }));
}

/** An entry bundle: each entry as a big-endian uint16 length and its bytes; at most 256 entries. */
export function encodeEntryBundle(entries: readonly Uint8Array[]): Uint8Array {
  if (entries.length > TILE_WIDTH) {
    throw new TileError(
      'too-many-entries',
      `a bundle holds at most ${TILE_WIDTH} entries, not ${entries.length}`,
    );
  }
  const out = new Uint8Array(entries.reduce((total, entry) => total + 2 + entry.length, 0));
  let offset = 0;
  for (const [i, entry] of entries.entries()) {
    if (entry.length > MAX_ENTRY_SIZE) {
      throw new TileError(
        'entry-too-large',
        `entry ${i} has ${entry.length} bytes, more than ${MAX_ENTRY_SIZE}`,
      );
    }
    out[offset] = entry.length >>> 8;
    out[offset + 1] = entry.length & 0xff;
    out.set(entry, offset + 2);
    offset += 2 + entry.length;
  }
  return out;
}

/** The entries of a bundle; throws TileError on a truncated entry or more than 256 entries. */
export function decodeEntryBundle(bytes: Uint8Array): Uint8Array[] {
  const entries: Uint8Array[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    if (entries.length === TILE_WIDTH) {
      throw new TileError('too-many-entries', `a bundle holds at most ${TILE_WIDTH} entries`);
    }
    if (offset + 2 > bytes.length)
      throw new TileError('malformed-bundle', `truncated length at byte ${offset}`);
    const length = (bytes[offset]! << 8) | bytes[offset + 1]!;
    const end = offset + 2 + length;
    if (end > bytes.length) throw new TileError('malformed-bundle', `truncated entry ${entries.length}`);
    entries.push(bytes.slice(offset + 2, end));
    offset = end;
  }
  return entries;
}
