import crypto from 'node:crypto';
import type { StatusReference } from '@civitas/wallet/formats.ts';
import type { Selectable } from 'kysely';
import { type Kysely, sql } from 'kysely';
import { type Connection, tablesOf } from '../../../db/index.ts';
import type { CredentialSourceRecord, StatusLists } from '../parts.ts';
import type { EntryStatus, ListFormat, StatusListRow, StatusTables } from './tables.ts';

export interface StatusListsOptions {
  db: Connection;
  /** The platform's public URL: a list's URI is `<publicUrl>/wallet/status/<id>`. */
  publicUrl: string;
  /** Entries per list (a multiple of 4; default 131,072: 32 KiB of 2-bit entries before compression). */
  listSize?: number;
  now?: () => Date;
}

/** What the issuer may say of a copy besides what `StatusLists.allocate` needs (shown to the holder). */
export interface CopyDetails {
  credentialId: string;
  format: ListFormat;
  subject: string;
  sources: readonly CredentialSourceRecord[];
  /** The credential configuration id (`pid-sd-jwt`, `mdl`, …). */
  configuration?: string;
  issuedAt?: Date;
  expiresAt?: Date | null;
}

/** An issued copy as its holder sees it. */
export interface IssuedCopy {
  credentialId: string;
  configuration: string | null;
  format: ListFormat;
  issuedAt: Date;
  expiresAt: Date | null;
  status: 'valid' | 'revoked' | 'suspended';
  changedAt: Date;
}

/** What a change to one register record does to the copies made from it. */
export type SourceChange = 'revoke' | 'suspend' | 'restore';

export interface StatusListsService extends StatusLists {
  allocate(db: Connection, copy: CopyDetails): Promise<StatusReference>;
  uriOf(listId: string): string;
  /** A list's row, or undefined (the id is checked by the caller). */
  list(listId: string): Promise<Selectable<StatusListRow> | undefined>;
  /** Every list's URI, oldest first. */
  listUris(): Promise<string[]>;
  /** The list's entries as one status value per index (0 valid, 1 revoked, 2 suspended). */
  statusValues(listId: string): Promise<Uint8Array>;
  /** Revokes, suspends or restores every copy made from the record; answers how many changed. */
  changeBySource(
    record: CredentialSourceRecord,
    change: SourceChange,
    reason: string,
    db?: Connection,
  ): Promise<number>;
  /** Revokes every copy a person holds (lost phone, death); answers how many changed. */
  revokeBySubject(subject: string, reason: string, db?: Connection): Promise<number>;
  /** Revokes the copies past their expiry (the daily sweep); answers how many changed. */
  revokeExpired(): Promise<number>;
  copiesOf(subject: string): Promise<IssuedCopy[]>;
}

export class StatusListError extends Error {
  override name = 'StatusListError';
}

const DEFAULT_LIST_SIZE = 131_072;
/** Random tries in a list before it counts as full (at 75 % taken, 8 misses in a row happen 10 % of the time). */
const TRIES_PER_LIST = 8;
const LISTS_PER_ALLOCATION = 4;
const STATUS_NAMES = ['valid', 'revoked', 'suspended'] as const;

/**
 * Token status lists, one family per format (JWT lists for SD-JWT VC, CWT lists for mdoc). An
 * index is drawn at random from the open list inside the issuer's transaction, so indices do not
 * tell the order of issuance; a list is closed when random draws keep hitting taken entries, and
 * the next one is opened. Every change moves the list's `version`, which invalidates its
 * signed tokens wherever they are cached.
 */
export function createStatusLists(options: StatusListsOptions): StatusListsService {
  return new TokenStatusLists(options);
}

class TokenStatusLists implements StatusListsService {
  private readonly db: Kysely<StatusTables>;
  private readonly publicUrl: string;
  private readonly size: number;
  private readonly now: () => Date;

  constructor(options: StatusListsOptions) {
    this.db = tablesOf<StatusTables>(options.db);
    this.publicUrl = options.publicUrl.replace(/\/+$/, '');
    this.size = options.listSize ?? DEFAULT_LIST_SIZE;
    if (!Number.isInteger(this.size) || this.size < 4 || this.size % 4 !== 0) {
      throw new StatusListError(`a status list holds a positive multiple of 4 entries, not ${this.size}`);
    }
    this.now = options.now ?? (() => new Date());
  }

  uriOf(listId: string): string {
    return `${this.publicUrl}/wallet/status/${listId}`;
  }

  async allocate(connection: Connection, copy: CopyDetails): Promise<StatusReference> {
    const db = tablesOf<StatusTables>(connection);
    for (let attempt = 0; attempt < LISTS_PER_ALLOCATION; attempt++) {
      const list = await this.openList(db, copy.format);
      for (let tries = 0; tries < Math.min(TRIES_PER_LIST, list.size); tries++) {
        const idx = crypto.randomInt(list.size);
        if (await this.claim(db, list.id, idx, copy)) return { uri: this.uriOf(list.id), idx };
      }
      await db.updateTable('wallet.status_lists').set({ closed: true }).where('id', '=', list.id).execute();
    }
    throw new StatusListError('no free status list entry after several lists');
  }

  /** Takes the entry if nobody has; the primary key decides between concurrent issuers. */
  private async claim(
    db: Kysely<StatusTables>,
    listId: string,
    idx: number,
    copy: CopyDetails,
  ): Promise<boolean> {
    const now = this.now();
    const taken = await db
      .insertInto('wallet.status_entries')
      .values({
        list_id: listId,
        idx,
        credential_id: copy.credentialId,
        subject: copy.subject,
        configuration: copy.configuration ?? null,
        status: 0,
        reason: 'issued',
        issued_at: copy.issuedAt ?? now,
        expires_at: copy.expiresAt ?? null,
        changed_at: now,
      })
      .onConflict((conflict) => conflict.columns(['list_id', 'idx']).doNothing())
      .returning('idx')
      .executeTakeFirst();
    if (!taken) return false;
    const sources = uniqueSources(copy.sources);
    if (sources.length > 0) {
      await db
        .insertInto('wallet.status_sources')
        .values(
          sources.map((source) => ({ list_id: listId, idx, register: source.register, key: source.key })),
        )
        .execute();
    }
    return true;
  }

  /** The oldest open list of the format (and of this size: a new size opens a new list), or a new one. */
  private async openList(
    db: Kysely<StatusTables>,
    format: ListFormat,
  ): Promise<{ id: string; size: number }> {
    const open = await db
      .selectFrom('wallet.status_lists')
      .select(['id', 'size'])
      .where('format', '=', format)
      .where('size', '=', this.size)
      .where('closed', '=', false)
      .orderBy('created_at')
      .orderBy('id')
      .executeTakeFirst();
    if (open) return open;
    const id = crypto.randomBytes(9).toString('base64url');
    await db.insertInto('wallet.status_lists').values({ id, format, size: this.size }).execute();
    return { id, size: this.size };
  }

  list(listId: string): Promise<Selectable<StatusListRow> | undefined> {
    return this.db.selectFrom('wallet.status_lists').selectAll().where('id', '=', listId).executeTakeFirst();
  }

  async listUris(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('wallet.status_lists')
      .select('id')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((row) => this.uriOf(row.id));
  }

  async statusValues(listId: string): Promise<Uint8Array> {
    const list = await this.list(listId);
    if (!list) throw new StatusListError(`no status list ${listId}`);
    const values = new Uint8Array(list.size);
    const rows = await this.db
      .selectFrom('wallet.status_entries')
      .select(['idx', 'status'])
      .where('list_id', '=', listId)
      .where('status', '<>', 0)
      .execute();
    for (const row of rows) values[row.idx] = row.status;
    return values;
  }

  async changeBySource(
    record: CredentialSourceRecord,
    change: SourceChange,
    reason: string,
    connection: Connection = this.db,
  ): Promise<number> {
    const [to, from]: [EntryStatus, EntryStatus[]] =
      change === 'revoke' ? [1, [0, 2]] : change === 'suspend' ? [2, [0]] : [0, [2]];
    const changed = await sql<{ list_id: string }>`
      UPDATE wallet.status_entries e
         SET status = ${to}, reason = ${reason}, changed_at = ${this.now()}
        FROM wallet.status_sources s
       WHERE s.register = ${record.register} AND s.key = ${record.key}
         AND e.list_id = s.list_id AND e.idx = s.idx
         AND e.status IN (${sql.join(from)})
      RETURNING e.list_id`.execute(tablesOf<StatusTables>(connection));
    return this.touch(connection, changed.rows);
  }

  async revokeBySubject(subject: string, reason: string, connection: Connection = this.db): Promise<number> {
    const changed = await tablesOf<StatusTables>(connection)
      .updateTable('wallet.status_entries')
      .set({ status: 1, reason, changed_at: this.now() })
      .where('subject', '=', subject)
      .where('status', '<>', 1)
      .returning('list_id')
      .execute();
    return this.touch(connection, changed);
  }

  async revokeExpired(): Promise<number> {
    const changed = await this.db
      .updateTable('wallet.status_entries')
      .set({ status: 1, reason: 'expired', changed_at: this.now() })
      .where('expires_at', '<', this.now())
      .where('status', '<>', 1)
      .returning('list_id')
      .execute();
    return this.touch(this.db, changed);
  }

  /** Moves the version of every list that changed: their signed tokens are made again. */
  private async touch(connection: Connection, changed: readonly { list_id: string }[]): Promise<number> {
    // One list at a time in name order: two transactions touching the same lists never deadlock.
    const lists = [...new Set(changed.map((row) => row.list_id))].sort();
    for (const list of lists) {
      await tablesOf<StatusTables>(connection)
        .updateTable('wallet.status_lists')
        .set((eb) => ({ version: eb('version', '+', 1), updated_at: this.now() }))
        .where('id', '=', list)
        .execute();
    }
    return changed.length;
  }

  async copiesOf(subject: string): Promise<IssuedCopy[]> {
    const rows = await this.db
      .selectFrom('wallet.status_entries as e')
      .innerJoin('wallet.status_lists as l', 'l.id', 'e.list_id')
      .select([
        'e.credential_id',
        'e.configuration',
        'l.format',
        'e.issued_at',
        'e.expires_at',
        'e.status',
        'e.changed_at',
      ])
      .where('e.subject', '=', subject)
      .orderBy('e.issued_at', 'desc')
      .orderBy('e.credential_id')
      .execute();
    return rows.map((row) => ({
      credentialId: row.credential_id,
      configuration: row.configuration,
      format: row.format,
      issuedAt: row.issued_at,
      expiresAt: row.expires_at,
      status: STATUS_NAMES[row.status],
      changedAt: row.changed_at,
    }));
  }
}

function uniqueSources(sources: readonly CredentialSourceRecord[]): CredentialSourceRecord[] {
  const seen = new Map<string, CredentialSourceRecord>();
  for (const source of sources) seen.set(`${source.register}\u0000${source.key}`, source);
  return [...seen.values()];
}
