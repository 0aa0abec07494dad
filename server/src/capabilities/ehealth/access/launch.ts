import { sql } from 'kysely';
import { type Connection, tablesOf } from '../../../db/index.ts';
import type { EhealthTables } from '../tables.ts';

/** SMART launch context: the person's Patient (`launch/patient`) and who they are in the record (`fhirUser`). */
export interface LaunchContext {
  patient?: string;
  fhirUser?: string;
}

/** The practitioner whose identifier is this personal number, if the record has one. */
export async function practitionerIdOf(
  connection: Connection,
  personalNumber: string,
): Promise<string | null> {
  const row = await tablesOf<EhealthTables>(connection)
    .selectFrom('ehealth.resources')
    .select('id')
    .where('resource_type', '=', 'Practitioner')
    .where('deleted', '=', false)
    .where(
      sql<boolean>`(content::jsonb -> 'identifier') @> ${JSON.stringify([{ value: personalNumber }])}::jsonb`,
    )
    .orderBy('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * What the eID node puts in a SMART token response for a person (it reads no health table: the
 * composition hands it this). A doctor is their Practitioner; anyone else their Patient.
 */
export function smartLaunchContext(connection: Connection) {
  const db = tablesOf<EhealthTables>(connection);
  return async (personalNumber: string, roles: readonly string[]): Promise<LaunchContext> => {
    const own = await db
      .selectFrom('ehealth.patients')
      .select('patient_id')
      .where('personal_number', '=', personalNumber)
      .executeTakeFirst();
    const practitioner = roles.includes('doctor') ? await practitionerIdOf(connection, personalNumber) : null;
    return {
      ...(own && { patient: own.patient_id }),
      ...(practitioner
        ? { fhirUser: `Practitioner/${practitioner}` }
        : own
          ? { fhirUser: `Patient/${own.patient_id}` }
          : {}),
    };
  };
}
