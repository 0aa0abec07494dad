import crypto from 'node:crypto';
import { type Connection, tablesOf } from '../db/index.ts';
import type { AccessOutboxRow, AuditTables } from './tables.ts';

/**
 * One access to a person's data made outside the exchange (the health record's FHIR API), as the
 * context that served it records it: the feed turns it into an access entry of the transparency
 * log and a usage record of the data tracker ("Who used my data"), like a register's answer.
 */
export interface RecordedAccess {
  at: Date;
  /** The system that served the data (its subsystem id). */
  node: string;
  /** The person whose data was used (their personal number: it never reaches the log itself). */
  dataSubject: string;
  /** The organisation (exchange subsystem id) on whose behalf the data was used. */
  initiatorOrg: string;
  /** The person who used it (their personal number), if one did. */
  initiatorPerson: string | null;
  /** The service that served it (a service id under the serving subsystem). */
  receiver: string;
  /** The HTTP method, or the interaction. */
  action: string;
  purpose: string;
  legalBasis: string;
  dataCategories: readonly string[];
  status: number;
}

/**
 * Records accesses for the feed, in the caller's transaction when it passes one (`connection`
 * may be a transaction): an access is recorded exactly when the work that made it commits.
 */
export async function recordAccesses(
  connection: Connection,
  accesses: readonly RecordedAccess[],
): Promise<void> {
  if (accesses.length === 0) return;
  await accessOutboxInsert(connection, accesses).execute();
}

/**
 * The insert that records these accesses, as a query of its own: a caller that writes other rows
 * at the same moment makes it a part of its one statement (a data-modifying `WITH`), so the
 * accesses commit exactly with those rows. Never empty (`accesses` has at least one).
 */
export function accessOutboxInsert(connection: Connection, accesses: readonly RecordedAccess[]) {
  return tablesOf<AuditTables>(connection)
    .insertInto('audit.access_outbox')
    .values(
      accesses.map((access) => ({
        id: crypto.randomUUID(),
        at: access.at,
        node: access.node,
        data_subject: access.dataSubject,
        initiator_org: access.initiatorOrg,
        initiator_person: access.initiatorPerson,
        receiver: access.receiver,
        action: access.action,
        purpose: access.purpose,
        legal_basis: access.legalBasis,
        data_categories: [...access.dataCategories],
        status: access.status,
      })),
    );
}

/** A recorded access as the feed reads it. */
export type OutboxAccess = Omit<AccessOutboxRow, 'seq'> & { seq: number };

/** The recorded accesses after `position`, in order. */
export async function accessesAfter(
  connection: Connection,
  position: number,
  limit: number,
): Promise<OutboxAccess[]> {
  const rows = await tablesOf<AuditTables>(connection)
    .selectFrom('audit.access_outbox')
    .selectAll()
    .where('seq', '>', position)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ ...row, seq: Number(row.seq) }));
}
