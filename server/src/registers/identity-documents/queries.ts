import type { IdentityDocument } from '@civitas/contracts/registers/identity-documents.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { recordsBy } from '../lookup.ts';

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
export function documentsByPerson(db: Kysely<Database>): (egn: string) => Promise<IdentityDocument[]> {
  return recordsBy(db, (egn) =>
    db
      .selectFrom('identity_documents.documents')
      .select(DOCUMENT)
      .where('egn', '=', egn)
      .orderBy('valid_until', 'desc'),
  );
}
