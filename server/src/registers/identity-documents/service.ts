import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { IdentityDocumentRow } from './tables.ts';

export class IdentityDocumentsRegister {
  private readonly db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.db = db;
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
