import { transliterate } from '@civitas/contracts/text/translit.ts';
import { type Connection, tablesOf } from '../db/index.ts';
import type { IdentityTables, Role } from './tables.ts';

/** A role the person holds on behalf of an administration, with that administration's exchange client. */
export interface StaffRole {
  role: Role;
  organisation: string;
  /** The administration's exchange client subsystem. */
  client: string;
}

/**
 * The roles a person holds on behalf of an administration that has an exchange client (demo
 * assignments only outside production, as in `rolesOf`). `administrationClients` (the instance
 * configuration's `staffClients`) names the client through which each administration's staff
 * reach the registers: an access by its official is made, logged, hidden and shown as that
 * administration's. An administration not listed has no such client, so its staff reach no
 * personal data through Civitas.
 */
export async function staffRolesOf(
  connection: Connection,
  egn: string,
  includeDemo: boolean,
  administrationClients: ReadonlyMap<string, string>,
): Promise<StaffRole[]> {
  const db = tablesOf<IdentityTables>(connection);
  let query = db
    .selectFrom('identity.role_assignments')
    .select(['role', 'organisation'])
    .where('egn', '=', egn)
    .where('organisation', 'is not', null);
  if (!includeDemo) query = query.where('source', '!=', 'demo');
  const rows = await query.execute();
  return rows.flatMap(({ role, organisation }) => {
    const client = organisation ? administrationClients.get(organisation) : undefined;
    return client && organisation ? [{ role, organisation, client }] : [];
  });
}

export interface StaffName {
  name: string;
  nameLatin: string;
}

/**
 * The names role holders are registered under, by personal number: what a citizen is shown of
 * the official who used their data. A person with no registered name is not in the map.
 */
export async function staffNames(
  connection: Connection,
  egns: readonly string[],
): Promise<Map<string, StaffName>> {
  const db = tablesOf<IdentityTables>(connection);
  const wanted = [...new Set(egns)];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom('identity.role_assignments')
    .select(['egn', 'holder_name'])
    .where('egn', 'in', wanted)
    .where('holder_name', 'is not', null)
    .execute();
  return new Map(
    rows.map((row) => [row.egn, { name: row.holder_name!, nameLatin: transliterate(row.holder_name!) }]),
  );
}
