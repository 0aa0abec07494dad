import type { IdentityDocument } from '@civitas/contracts/registers/identity-documents.ts';
import { type Connection, tablesOf } from '../../db/index.ts';
import { recordsBy } from '../lookup.ts';
import type { IdentityDocumentTables } from './tables.ts';

const DOCUMENT = [
  'number',
  'egn',
  'kind',
  'issued_on as issuedOn',
  'valid_until as validUntil',
  'issuer',
  'status',
] as const;

/** A person's documents, the longest valid first. */
export function documentsByPerson(connection: Connection): (egn: string) => Promise<IdentityDocument[]> {
  const db = tablesOf<IdentityDocumentTables>(connection);
  return recordsBy(db, (egn) =>
    db
      .selectFrom('identity_documents.documents')
      .select(DOCUMENT)
      .where('egn', '=', egn)
      .orderBy('valid_until', 'desc'),
  );
}
