import { formatCheckpoint, noteSigner, signNote, toBase64 } from '@civitas/tlog';
import type { Kysely } from 'kysely';
import { type Connection, tablesOf } from '../../db/index.ts';
import type { AuditTables } from '../tables.ts';
import type { LogProofs } from './proofs.ts';

/** A witness reached through the C2SP tlog-witness `add-checkpoint` protocol. */
export interface WitnessClient {
  name: string;
  addCheckpoint(request: string): Promise<{ status: number; body?: string }>;
}

export interface CheckpointView {
  size: number;
  root: Uint8Array;
  /** The signed note: the log's signature, then every witness cosignature. */
  note: string;
  createdAt: Date;
}

export interface CheckpointerOptions {
  origin: string;
  /** The log's signed-note private key (PRIVATE+KEY+… form). */
  skey: string;
  witnesses: readonly WitnessClient[];
  /** Where a witness's refusal is reported (it never stops a checkpoint). */
  report: (message: string, details: Record<string, unknown>) => void;
}

/**
 * Signs checkpoints of the log (C2SP tlog-checkpoint, Ed25519 signed note), periodically and on
 * demand, and asks each witness to cosign them. A witness checks a consistency proof from the
 * last checkpoint it cosigned before it signs: the log cannot show two histories.
 */
export class Checkpointer {
  private readonly db: Kysely<AuditTables>;
  private readonly proofs: LogProofs;
  private readonly options: CheckpointerOptions;
  private readonly signer: ReturnType<typeof noteSigner>;
  private readonly witnessSizes = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<CheckpointView | null> | null = null;

  constructor(db: Connection, proofs: LogProofs, options: CheckpointerOptions) {
    this.db = tablesOf<AuditTables>(db);
    this.proofs = proofs;
    this.options = options;
    this.signer = noteSigner(options.skey);
  }

  /** Makes a checkpoint every `intervalMs` while the log grew. */
  start(intervalMs: number): void {
    this.timer = setInterval(() => {
      this.make().catch((error: unknown) => this.options.report('checkpoint failed', { err: error }));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => null);
  }

  /** Signs the current tree head if it is newer than the latest checkpoint; returns the latest. */
  make(): Promise<CheckpointView | null> {
    this.running ??= this.makeNow().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** The latest checkpoint with its cosignatures, or null before the first. */
  async latest(): Promise<CheckpointView | null> {
    const row = await this.db
      .selectFrom('audit.checkpoints')
      .selectAll()
      .orderBy('size', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!row) return null;
    return this.view(row);
  }

  /** A stored checkpoint by size, with its cosignatures. */
  async atSize(size: number): Promise<CheckpointView | null> {
    const row = await this.db
      .selectFrom('audit.checkpoints')
      .selectAll()
      .where('size', '=', size)
      .executeTakeFirst();
    return row ? this.view(row) : null;
  }

  private async view(row: {
    size: number;
    root: Uint8Array;
    note: string;
    created_at: Date;
  }): Promise<CheckpointView> {
    const cosignatures = await this.db
      .selectFrom('audit.cosignatures')
      .select('signature_line')
      .where('size', '=', row.size)
      .orderBy('witness')
      .execute();
    return {
      size: Number(row.size),
      root: Uint8Array.from(row.root),
      note: row.note + cosignatures.map((cosignature) => cosignature.signature_line).join(''),
      createdAt: row.created_at,
    };
  }

  private async makeNow(): Promise<CheckpointView | null> {
    const head = await this.db.selectFrom('audit.log_head').select(['size', 'root']).executeTakeFirst();
    const latest = await this.latest();
    if (!head || (latest && latest.size >= Number(head.size))) return latest;
    const size = Number(head.size);
    const body = formatCheckpoint({ origin: this.options.origin, size, root: Uint8Array.from(head.root) });
    const note = signNote(body, [this.signer]);
    await this.db
      .insertInto('audit.checkpoints')
      .values({ size, root: Buffer.from(head.root), note })
      .onConflict((conflict) => conflict.doNothing())
      .execute();
    for (const witness of this.options.witnesses) await this.cosign(witness, size, note);
    return this.atSize(size);
  }

  /** Asks one witness to cosign; learns its last size from a 409 answer and tries once more. */
  private async cosign(witness: WitnessClient, size: number, note: string): Promise<void> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const oldSize = Math.min(this.witnessSizes.get(witness.name) ?? 0, size);
      const proof = oldSize === 0 ? [] : await this.proofs.consistency(oldSize, size);
      const request = `old ${oldSize}\n${proof.map((hash) => `${toBase64(hash)}\n`).join('')}\n${note}`;
      const answer = await witness.addCheckpoint(request);
      if (answer.status === 200 && answer.body) {
        this.witnessSizes.set(witness.name, size);
        await this.db
          .insertInto('audit.cosignatures')
          .values({ size, witness: witness.name, signature_line: answer.body })
          .onConflict((conflict) => conflict.doNothing())
          .execute();
        return;
      }
      const known = answer.status === 409 && answer.body ? /^(0|[1-9][0-9]*)\n$/.exec(answer.body) : null;
      if (!known || attempt > 0) {
        this.options.report('a witness refused to cosign', {
          witness: witness.name,
          status: answer.status,
          size,
        });
        return;
      }
      this.witnessSizes.set(witness.name, Number(known[1]));
    }
  }
}
