import type { Selectable } from 'kysely';
import { type Connection, tablesOf } from '../../db/index.ts';
import type { ApplicationRow, ApplicationStatus, DraftRow, EservicesTables, HistoryRow } from './tables.ts';

/**
 * The e-services' tables. The history is append-only: this store has no statement that updates
 * or deletes it (and the database refuses one: see migrations.ts).
 */
export class ApplicationStore {
  private readonly db;

  constructor(connection: Connection) {
    this.db = tablesOf<EservicesTables>(connection);
  }

  draft(id: string): Promise<DraftRow | undefined> {
    return this.db.selectFrom('eservices.drafts').selectAll().where('id', '=', id).executeTakeFirst();
  }

  drafts(subject: string): Promise<DraftRow[]> {
    return this.db
      .selectFrom('eservices.drafts')
      .selectAll()
      .where('subject', '=', subject)
      .where('id', 'not in', this.db.selectFrom('eservices.applications').select('draft_id'))
      .orderBy('updated_at', 'desc')
      .execute();
  }

  async saveDraft(row: DraftRow): Promise<void> {
    await this.db
      .insertInto('eservices.drafts')
      .values(row)
      .onConflict((conflict) =>
        conflict.column('id').doUpdateSet({ data: row.data, updated_at: row.updated_at }),
      )
      .execute();
  }

  application(id: string): Promise<ApplicationRow | undefined> {
    return this.db.selectFrom('eservices.applications').selectAll().where('id', '=', id).executeTakeFirst();
  }

  applicationOfDraft(draftId: string): Promise<ApplicationRow | undefined> {
    return this.db
      .selectFrom('eservices.applications')
      .selectAll()
      .where('draft_id', '=', draftId)
      .executeTakeFirst();
  }

  applications(subject: string): Promise<ApplicationRow[]> {
    return this.db
      .selectFrom('eservices.applications')
      .selectAll()
      .where('subject', '=', subject)
      .orderBy('submitted_at', 'desc')
      .execute();
  }

  history(applicationId: string): Promise<Selectable<HistoryRow>[]> {
    return this.db
      .selectFrom('eservices.history')
      .selectAll()
      .where('application_id', '=', applicationId)
      .orderBy('seq')
      .execute();
  }

  /** A new application and its first history entry, at once; false when the draft was submitted already. */
  async insertApplication(row: ApplicationRow, entry: Omit<HistoryRow, 'seq'>): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('eservices.applications')
        .values(row)
        .onConflict((conflict) => conflict.column('draft_id').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) return false;
      await trx.insertInto('eservices.history').values(entry).execute();
      return true;
    });
  }

  /** A status change and its history entry, at once, only from one of the statuses given. */
  async changeStatus(
    id: string,
    from: readonly ApplicationStatus[],
    to: ApplicationStatus,
    entry: Omit<HistoryRow, 'seq' | 'status' | 'application_id'>,
    decided = false,
  ): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const changed = await trx
        .updateTable('eservices.applications')
        .set({ status: to, ...(decided ? { decided_at: entry.at } : {}) })
        .where('id', '=', id)
        .where('status', 'in', [...from])
        .returning('id')
        .executeTakeFirst();
      if (!changed) return false;
      await trx
        .insertInto('eservices.history')
        .values({ ...entry, application_id: id, status: to })
        .execute();
      return true;
    });
  }
}
