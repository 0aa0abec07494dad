import { IDENTITY_DOCUMENTS } from '@civitas/contracts/registers/identity-documents.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ExchangeServiceDefinition } from '../../exchange/service-definition.ts';
import { provide, type Reporter } from '../provide.ts';
import { IdentityDocumentsRegister } from './queries.ts';

export function identityDocumentServices(
  db: Kysely<Database>,
  report: Reporter,
): ExchangeServiceDefinition[] {
  const register = new IdentityDocumentsRegister(db);
  return [provide(IDENTITY_DOCUMENTS, { byPerson: ({ egn }) => register.findByPerson(egn) }, { report })];
}
