import { noteVerifier, openNote, parseCheckpoint, TILE_WIDTH, toHex, verifyConsistency } from '@civitas/tlog';
import type { Kysely } from 'kysely';
import { type Connection, tablesOf } from '../../db/index.ts';
import type { AuditTables } from '../tables.ts';
import { leafHashOf, nodeHashOf, splitTile } from './hashing.ts';
import { LogProofs } from './proofs.ts';
import { TileStore } from './tile-store.ts';

export interface LogProblem {
  /**
   * The first entry index the problem concerns, when one can be named: exact for a missing or
   * changed entry or stored hash; a lower bound for a checkpoint that does not match.
   */
  index: number | null;
  kind:
    | 'entry-missing'
    | 'entry-unexpected'
    | 'leaf-hash-mismatch'
    | 'tile-hash-mismatch'
    | 'head-mismatch'
    | 'checkpoint-signature'
    | 'checkpoint-root-mismatch'
    | 'checkpoint-inconsistent';
  detail: string;
}

export interface LogVerification {
  size: number;
  checkpoints: number;
  problems: LogProblem[];
  /** The lowest entry index any problem names, or null. */
  firstBadIndex: number | null;
}

export interface VerifyOptions {
  /** The log's verifier key to trust; by default the one stored beside the log. */
  vkey?: string;
  /** Check consistency between these two checkpoint sizes only (default: every consecutive pair). */
  from?: number;
  to?: number;
  /** Entries read per query. */
  chunk?: number;
}

/**
 * Recomputes the whole tree from the stored entries and checks it against every stored hash
 * tile, the tree head and every signed checkpoint, then checks consistency proofs between
 * checkpoints. Whatever was changed or deleted (an entry row, a stored hash, a checkpoint), it
 * names the first entry index affected.
 */
export async function verifyLog(
  connection: Connection,
  options: VerifyOptions = {},
): Promise<LogVerification> {
  const db = tablesOf<AuditTables>(connection);
  const problems: LogProblem[] = [];
  const head = await db.selectFrom('audit.log_head').select(['size', 'root']).executeTakeFirst();
  const size = head ? Number(head.size) : 0;
  const checkpoints = await db
    .selectFrom('audit.checkpoints')
    .select(['size', 'root', 'note'])
    .orderBy('size')
    .execute();
  const signed = await signedRoots(db, checkpoints, options.vkey, problems);
  const replay = new TreeReplay(signed, problems, await loadUpperTiles(db));
  const complete = await replayEntries(db, replay, size, options.chunk ?? 10_000);
  if (!complete) return finish(size, checkpoints.length, problems);
  const root = replay.root();
  if (head && size > 0 && (!root || Buffer.compare(Buffer.from(root), Buffer.from(head.root)) !== 0)) {
    problems.push({
      index: null,
      kind: 'head-mismatch',
      detail: 'the entries do not give the stored tree head',
    });
  }
  await checkConsistency(db, signed, options, problems);
  return finish(size, checkpoints.length, problems);
}

/** Each checkpoint must be signed by the log's key and say what its row says: the signed roots by size. */
async function signedRoots(
  db: Kysely<AuditTables>,
  checkpoints: ReadonlyArray<{ size: number | string; note: string }>,
  vkey: string | undefined,
  problems: LogProblem[],
): Promise<Map<number, Uint8Array>> {
  const key =
    vkey ??
    (await db.selectFrom('audit.keys').select('vkey').where('role', '=', 'log').executeTakeFirst())?.vkey;
  const signed = new Map<number, Uint8Array>();
  for (const checkpoint of checkpoints) {
    const at = Number(checkpoint.size);
    try {
      if (!key) throw new Error('no log key');
      const opened = openNote(checkpoint.note, [noteVerifier(key)]);
      const body = parseCheckpoint(opened.text);
      if (body.size !== at) throw new Error(`the note says size ${body.size}`);
      signed.set(at, body.root);
    } catch (error) {
      problems.push({
        index: null,
        kind: 'checkpoint-signature',
        detail: `checkpoint at size ${at} does not verify: ${(error as Error).message}`,
      });
    }
  }
  return signed;
}

/** The tree rebuilt leaf by leaf (a compact range), checked against the stored tiles and the signed roots. */
class TreeReplay {
  private readonly stack: Array<{ level: number; hash: Uint8Array }> = [];
  // The entries up to the last checkpoint that matched are as signed: a change lies beyond it.
  private lastMatched = 0;
  private readonly signed: ReadonlyMap<number, Uint8Array>;
  private readonly problems: LogProblem[];
  private readonly upperTiles: Map<string, Uint8Array[]>;

  constructor(
    signed: ReadonlyMap<number, Uint8Array>,
    problems: LogProblem[],
    upperTiles: Map<string, Uint8Array[]>,
  ) {
    this.signed = signed;
    this.problems = problems;
    this.upperTiles = upperTiles;
  }

  root(): Uint8Array | null {
    const stack = this.stack;
    if (stack.length === 0) return null;
    let hash = stack.at(-1)!.hash;
    for (let i = stack.length - 2; i >= 0; i--) hash = nodeHashOf(stack[i]!.hash, hash);
    return hash;
  }

  /** Adds entry `index`'s leaf; then the tree has `index + 1` entries, checked against a checkpoint of that size. */
  add(index: number, leaf: Uint8Array): void {
    push(this.stack, leaf, this.upperTiles, index, this.problems);
    const n = index + 1;
    const root = this.signed.get(n);
    if (!root) return;
    const computed = this.root();
    if (computed && Buffer.compare(Buffer.from(computed), Buffer.from(root)) === 0) {
      this.lastMatched = n;
      return;
    }
    this.problems.push({
      index: this.lastMatched,
      kind: 'checkpoint-root-mismatch',
      detail: `the entries do not give the root of the signed checkpoint at size ${n}: an entry from index ${this.lastMatched} on differs from what was signed`,
    });
  }

  report(problem: LogProblem): void {
    this.problems.push(problem);
  }
}

/**
 * Reads the entries in order, in chunks, checking each against its stored leaf hash and adding
 * it to the replay. Answers false when entries are missing (nothing past them can be checked).
 */
async function replayEntries(
  db: Kysely<AuditTables>,
  replay: TreeReplay,
  size: number,
  chunk: number,
): Promise<boolean> {
  let expected = 0;
  while (expected < size) {
    const rows = await db
      .selectFrom('audit.log_entries')
      .select(['idx', 'data'])
      .where('idx', '>=', expected)
      .orderBy('idx')
      .limit(chunk)
      .execute();
    if (rows.length === 0) break;
    const firstTile = Math.floor(expected / TILE_WIDTH);
    const lastTile = Math.floor(Number(rows.at(-1)!.idx) / TILE_WIDTH);
    const leafTiles = await loadTiles(db, 0, firstTile, lastTile);
    for (const row of rows) {
      const index = Number(row.idx);
      if (index >= size) {
        replay.report({
          index,
          kind: 'entry-unexpected',
          detail: `entry ${index} lies beyond the tree head (${size})`,
        });
        break;
      }
      if (index !== expected) {
        replay.report({
          index: expected,
          kind: 'entry-missing',
          detail: `entries ${expected}…${index - 1} are missing`,
        });
        return false;
      }
      const leaf = leafHashOf(row.data);
      const stored = leafTiles.get(Math.floor(index / TILE_WIDTH))?.[index % TILE_WIDTH];
      if (!stored || Buffer.compare(leaf, Buffer.from(stored)) !== 0) {
        replay.report({
          index,
          kind: 'leaf-hash-mismatch',
          detail: `entry ${index} does not hash to the stored leaf hash ${stored ? toHex(stored) : '(none)'}: the entry or the stored hash was changed`,
        });
      }
      replay.add(index, leaf);
      expected = index + 1;
    }
  }
  if (expected < size) {
    replay.report({
      index: expected,
      kind: 'entry-missing',
      detail: `entries from ${expected} to ${size - 1} are missing`,
    });
    return false;
  }
  return true;
}

/** Consistency proofs between signed checkpoints, as a client holding an older checkpoint would ask for them. */
async function checkConsistency(
  db: Kysely<AuditTables>,
  signed: ReadonlyMap<number, Uint8Array>,
  options: VerifyOptions,
  problems: LogProblem[],
): Promise<void> {
  const proofs = new LogProofs(new TileStore(db));
  const sizes = [...signed.keys()].sort((a, b) => a - b);
  const pairs: Array<[number, number]> =
    options.from !== undefined && options.to !== undefined
      ? [[options.from, options.to]]
      : sizes.slice(1).map((to, i) => [sizes[i]!, to]);
  for (const [from, to] of pairs) {
    const root1 = signed.get(from);
    const root2 = signed.get(to);
    if (!root1 || !root2) {
      problems.push({
        index: null,
        kind: 'checkpoint-inconsistent',
        detail: `no signed checkpoint at size ${root1 ? to : from}`,
      });
      continue;
    }
    if (from === 0 || from === to) continue;
    try {
      verifyConsistency(from, to, await proofs.consistency(from, to), root1, root2);
    } catch (error) {
      problems.push({
        index: from,
        kind: 'checkpoint-inconsistent',
        detail: `the checkpoints at sizes ${from} and ${to} are not consistent: ${(error as Error).message}`,
      });
    }
  }
}

const BOUNDS: ReadonlySet<LogProblem['kind']> = new Set([
  'checkpoint-root-mismatch',
  'checkpoint-inconsistent',
]);

/** The first bad index: the lowest exact one; failing that, the lowest bound. */
function finish(size: number, checkpoints: number, problems: LogProblem[]): LogVerification {
  const lowest = (exact: boolean) => {
    const indexes = problems
      .filter((problem) => problem.index !== null && BOUNDS.has(problem.kind) !== exact)
      .map((problem) => problem.index as number);
    return indexes.length > 0 ? Math.min(...indexes) : null;
  };
  return { size, checkpoints, problems, firstBadIndex: lowest(true) ?? lowest(false) };
}

/** Adds a leaf to the compact range; checks every completed tile-level node against its stored tile. */
function push(
  stack: Array<{ level: number; hash: Uint8Array }>,
  leaf: Uint8Array,
  upperTiles: Map<string, Uint8Array[]>,
  index: number,
  problems: LogProblem[],
): void {
  stack.push({ level: 0, hash: leaf });
  while (stack.length >= 2 && stack.at(-1)!.level === stack.at(-2)!.level) {
    const right = stack.pop()!;
    const left = stack.pop()!;
    const level = left.level + 1;
    const hash = nodeHashOf(left.hash, right.hash);
    stack.push({ level, hash });
    if (level % 8 === 0) {
      const tileLevel = level / 8;
      const nodeIndex = Math.floor(index / 2 ** level);
      const stored = upperTiles.get(`${tileLevel}/${Math.floor(nodeIndex / TILE_WIDTH)}`)?.[
        nodeIndex % TILE_WIDTH
      ];
      const start = nodeIndex * 2 ** level;
      // A stored hash above a changed entry or hash already reported differs as a consequence.
      const explained = problems.some(
        (problem) => problem.index !== null && problem.index >= start && problem.index < start + 2 ** level,
      );
      if (!explained && (!stored || Buffer.compare(hash, Buffer.from(stored)) !== 0)) {
        problems.push({
          index: nodeIndex * 2 ** level,
          kind: 'tile-hash-mismatch',
          detail: `the stored hash of entries ${nodeIndex * 2 ** level}…${(nodeIndex + 1) * 2 ** level - 1} (tile level ${tileLevel}) does not match them`,
        });
      }
    }
  }
}

async function loadTiles(
  db: Kysely<AuditTables>,
  level: number,
  from: number,
  to: number,
): Promise<Map<number, Uint8Array[]>> {
  const rows = await db
    .selectFrom('audit.log_tiles')
    .select(['idx', 'hashes'])
    .where('level', '=', level)
    .where('idx', '>=', from)
    .where('idx', '<=', to)
    .execute();
  return new Map(rows.map((row) => [Number(row.idx), splitTile(row.hashes)]));
}

async function loadUpperTiles(db: Kysely<AuditTables>): Promise<Map<string, Uint8Array[]>> {
  const rows = await db
    .selectFrom('audit.log_tiles')
    .select(['level', 'idx', 'hashes'])
    .where('level', '>', 0)
    .execute();
  return new Map(rows.map((row) => [`${row.level}/${row.idx}`, splitTile(row.hashes)]));
}
