import {
  cosigner,
  fromBase64,
  noteVerifier,
  openNote,
  parseCheckpoint,
  verifyConsistency,
} from '@civitas/tlog';
import { type Kysely, sql } from 'kysely';
import { type Connection, tablesOf } from '../../db/index.ts';
import type { ProblemCode } from '../../kernel/index.ts';
import { auditErrors } from '../errors.ts';
import type { AuditTables } from '../tables.ts';

/** A cosignature (200), the size the witness knows (409, `text/x.tlog.size`), or a refusal. */
export type WitnessAnswer =
  | { status: 200 | 409; contentType: string; body: string }
  | { status: number; code: WitnessRefusal; detail: string };

export type WitnessRefusal = Extract<ProblemCode, `witness-${string}`>;

export interface WitnessOptions {
  /** The witness's cosigning key (PRIVATE+KEY+… form, cosignature/v1). */
  skey: string;
  /** The logs it witnesses: origin → the log's verifier key (vkey). */
  logs: ReadonlyMap<string, string>;
  now?: () => number;
}

/** The largest add-checkpoint request a witness reads (63 proof lines and a checkpoint with cosignatures). */
export const ADD_CHECKPOINT_MAX_BYTES = 16 * 1024;

const SIZE = /^(0|[1-9][0-9]{0,15})$/;

/**
 * A transparency-log witness (C2SP tlog-witness, tlog-cosignature). It remembers, per log
 * origin, the last checkpoint it cosigned, and cosigns a new one only if a consistency proof
 * shows the new tree extends it, so a log that rewrote its history, or shows different
 * histories to different people, cannot get its cosignature. The check and the update of its
 * state happen in one transaction (the spec's roll-back race).
 */
export class Witness {
  private readonly db: Kysely<AuditTables>;
  private readonly options: WitnessOptions;
  private readonly signer: ReturnType<typeof cosigner>;

  constructor(db: Connection, options: WitnessOptions) {
    this.db = tablesOf<AuditTables>(db);
    this.options = options;
    this.signer = cosigner(options.skey);
  }

  get name(): string {
    return this.signer.name;
  }

  /** Handles one add-checkpoint request body; never throws for bad input. */
  async addCheckpoint(body: string): Promise<WitnessAnswer> {
    const request = parseRequest(body);
    if ('error' in request) return problem('witness-malformed-request', request.error);
    const { oldSize, proof, note } = request;
    const separator = note.indexOf('\n\n');
    let checkpoint: ReturnType<typeof parseCheckpoint>;
    try {
      checkpoint = parseCheckpoint(separator < 0 ? note : note.slice(0, separator + 1));
    } catch (error) {
      return problem('witness-malformed-request', `the checkpoint is malformed: ${(error as Error).message}`);
    }
    const vkey = this.options.logs.get(checkpoint.origin);
    if (!vkey)
      return problem('witness-unknown-log', `this witness does not witness the log ${checkpoint.origin}`);
    try {
      openNote(note, [noteVerifier(vkey)]);
    } catch {
      return problem('witness-bad-signature', "the checkpoint carries no valid signature of the log's key");
    }
    if (oldSize > checkpoint.size)
      return problem('witness-malformed-request', 'the old size is larger than the checkpoint size');
    return this.db.transaction().execute(async (trx) => {
      const state = (
        await sql<{ size: number; root: Uint8Array }>`SELECT size, root FROM audit.witness_state
          WHERE origin = ${checkpoint.origin} FOR UPDATE`.execute(trx)
      ).rows[0];
      const knownSize = state ? Number(state.size) : 0;
      if (oldSize !== knownSize) {
        return { status: 409, contentType: 'text/x.tlog.size', body: `${knownSize}\n` } as WitnessAnswer;
      }
      if (state && oldSize === checkpoint.size) {
        if (Buffer.compare(Buffer.from(state.root), Buffer.from(checkpoint.root)) !== 0) {
          return problem(
            'witness-conflict',
            'the checkpoint has the size of the last one cosigned but another root',
          );
        }
      } else if (state && oldSize > 0) {
        try {
          verifyConsistency(oldSize, checkpoint.size, proof, Uint8Array.from(state.root), checkpoint.root);
        } catch (error) {
          return problem(
            'witness-inconsistent',
            `the consistency proof does not verify: ${(error as Error).message}`,
          );
        }
      }
      // From size zero there is nothing to prove: every tree extends the empty one.
      await trx
        .insertInto('audit.witness_state')
        .values({ origin: checkpoint.origin, size: checkpoint.size, root: Buffer.from(checkpoint.root) })
        .onConflict((conflict) =>
          conflict.column('origin').doUpdateSet({
            size: checkpoint.size,
            root: Buffer.from(checkpoint.root),
            updated_at: new Date(),
          }),
        )
        .execute();
      const body = note.slice(0, separator + 1);
      const seconds = Math.floor((this.options.now?.() ?? Date.now()) / 1000);
      const line = this.signer.cosign(body, seconds);
      return { status: 200, contentType: 'text/plain; charset=utf-8', body: line } as WitnessAnswer;
    });
  }
}

function problem(code: WitnessRefusal, detail: string): WitnessAnswer {
  return { status: auditErrors[code].status, code, detail };
}

function parseRequest(
  body: string,
): { oldSize: number; proof: Uint8Array[]; note: string } | { error: string } {
  if (body.length > ADD_CHECKPOINT_MAX_BYTES) return { error: 'the request is too large' };
  const lines: string[] = [];
  let offset = 0;
  for (;;) {
    const end = body.indexOf('\n', offset);
    if (end < 0) return { error: 'the request ends before the empty line that precedes the checkpoint' };
    const line = body.slice(offset, end);
    offset = end + 1;
    if (line === '') break;
    lines.push(line);
    if (lines.length > 64) return { error: 'more than 63 consistency proof lines' };
  }
  const [oldLine, ...proofLines] = lines;
  const old = oldLine?.startsWith('old ') ? oldLine.slice(4) : null;
  if (old === null || !SIZE.test(old)) return { error: 'the first line must be "old <size>"' };
  const proof: Uint8Array[] = [];
  for (const line of proofLines) {
    try {
      const hash = fromBase64(line);
      if (hash.length !== 32) return { error: 'a consistency proof line is not a 32-byte hash' };
      proof.push(hash);
    } catch {
      return { error: 'a consistency proof line is not base64' };
    }
  }
  const oldSize = Number(old);
  if (oldSize === 0 && proof.length > 0)
    return { error: 'the proof must be empty when the old size is zero' };
  return { oldSize, proof, note: body.slice(offset) };
}
