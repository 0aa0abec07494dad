import type { Kysely } from 'kysely';
import { type Connection, tablesOf } from '../../db/connection.ts';
import type { IdentityDocumentRow, IdentityDocumentTables } from './tables.ts';

export class IdentityDocumentsRegister {
  private readonly db: Kysely<IdentityDocumentTables>;

  constructor(db: Connection) {
    this.db = tablesOf<IdentityDocumentTables>(db);
  }

  findByPerson(egn: string): Promise<IdentityDocumentRow[]> {
    return this.db
      .selectFrom('identity_documents.documents')
      .selectAll()
      .where('egn', '=', egn)
      .orderBy('valid_until', 'desc')
      .execute();
  }
}
