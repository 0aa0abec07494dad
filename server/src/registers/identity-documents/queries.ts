import type { IdentityDocument } from '@civitas/contracts/registers/identity-documents.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

export class IdentityDocumentsRegister {
  private readonly db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  findByPerson(egn: string): Promise<IdentityDocument[]> {
    return this.db
      .selectFrom('identity_documents.documents')
      .select([
        'number',
        'egn',
        'kind',
        'issued_on as issuedOn',
        'valid_until as validUntil',
        'issuer',
        'status',
      ])
      .where('egn', '=', egn)
      .orderBy('valid_until', 'desc')
      .execute();
  }
}
