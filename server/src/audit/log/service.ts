import { encodeEntryBundle, parseTilePath, TILE_WIDTH } from '@civitas/tlog';
import { AppError } from '../../kernel/index.ts';
import type { AuditLog } from '../service.ts';
import { base64Of } from './hashing.ts';

/** A full tile never changes; a partial one grows until it is full. */
const FULL_TILE_CACHE = 'public, max-age=31536000, immutable';
const PARTIAL_TILE_CACHE = 'public, max-age=60';

function count(value: string, name: string): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number)) throw new AppError('proof-out-of-range', `${name} is too large.`);
  return number;
}

/** The latest checkpoint note; a log always has one once started, but say so if not. */
export async function latestCheckpoint(log: AuditLog): Promise<{ note: string; size: number }> {
  const checkpoint = await log.checkpoints.latest();
  if (!checkpoint) throw new AppError('checkpoint-not-found', 'The log has no checkpoint yet.');
  return checkpoint;
}

/** Feeds what the exchange logged so far, then signs a checkpoint of the tree as it is. */
export async function checkpointNow(log: AuditLog): Promise<{ note: string }> {
  await log.feed.run();
  const checkpoint = await log.checkpoints.make();
  if (!checkpoint) throw new AppError('checkpoint-not-found', 'The log has no checkpoint yet.');
  return checkpoint;
}

/** A hash tile or entry bundle by its C2SP tlog-tiles path, with how long it may be cached. */
export async function tileAt(log: AuditLog, tilePath: string): Promise<{ body: Uint8Array; cache: string }> {
  const tile = parseTilePath(tilePath);
  if (!tile) throw new AppError('tile-not-found', `${tilePath} is not a tile path (C2SP tlog-tiles).`);
  const width = tile.width;
  let body: Uint8Array | null;
  if (tile.kind === 'entries') {
    const rows = await log.entries(tile.index * TILE_WIDTH, width);
    body = rows.length === width ? encodeEntryBundle(rows) : null;
  } else {
    const stored = await log.tiles.tile(tile.level, tile.index);
    body = stored && stored.length >= width * 32 ? stored.subarray(0, width * 32) : null;
  }
  if (!body) throw new AppError('tile-not-found', `The log has no ${tilePath} (yet).`);
  return { body, cache: width === TILE_WIDTH ? FULL_TILE_CACHE : PARTIAL_TILE_CACHE };
}

/** An RFC 9162 inclusion proof of entry `index` in the tree of `size` (default: the latest checkpoint's). */
export async function inclusionProof(log: AuditLog, query: { index: string; size?: string | undefined }) {
  const size = query.size === undefined ? (await latestCheckpoint(log)).size : count(query.size, 'size');
  const index = count(query.index, 'index');
  await assertWithinTree(log, size);
  if (index >= size) {
    throw new AppError('proof-out-of-range', `index ${index} is not below the tree size ${size}.`);
  }
  const { proof, leafHash } = await log.proofs.inclusionWithLeaf(index, size);
  return { index, size, leafHash: base64Of(leafHash), proof: proof.map(base64Of) };
}

/** An RFC 9162 consistency proof between the trees of `from` and `to` (default: the latest checkpoint's). */
export async function consistencyProof(log: AuditLog, query: { from: string; to?: string | undefined }) {
  const to = query.to === undefined ? (await latestCheckpoint(log)).size : count(query.to, 'to');
  const from = count(query.from, 'from');
  await assertWithinTree(log, to);
  if (from > to) throw new AppError('proof-out-of-range', `from (${from}) is larger than to (${to}).`);
  const proof = from === 0 || from === to ? [] : await log.proofs.consistency(from, to);
  return { from, to, proof: proof.map(base64Of) };
}

async function assertWithinTree(log: AuditLog, size: number): Promise<void> {
  // This thread's head, or the stored one when the feed's thread appended since.
  if (size <= log.sequencer.head().size) return;
  const stored = await log.sequencer.storedSize();
  if (size > stored) {
    throw new AppError('proof-out-of-range', `The tree has ${stored} entries; size ${size} is beyond it.`);
  }
}
