import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Role } from './tables.ts';

/**
 * One demo account per role, held by the first persons of the synthetic population.
 * Demo accounts exist only outside production; their PIN is the configured demo PIN.
 */
export const DEMO_ROLE_ORGANISATIONS: ReadonlyArray<{ role: Role; organisation: string | null }> = [
  { role: 'citizen', organisation: null },
  { role: 'official', organisation: 'Столична община' },
  { role: 'doctor', organisation: 'УМБАЛ „Александровска“' },
  { role: 'pharmacist', organisation: 'Аптека „Св. Пантелеймон“' },
  { role: 'police', organisation: 'Столична дирекция на вътрешните работи' },
  { role: 'auditor', organisation: 'Комисия за защита на личните данни' },
  { role: 'admin', organisation: 'Министерство на електронното управление' },
];

export interface DemoAccount {
  role: Role;
  personalNumber: string;
  name: string;
  nameLatin: string;
  organisation: string | null;
}

/** A demo person as the seeder made them: the name is copied, never read again from the register. */
export interface DemoPerson {
  egn: string;
  name: string;
  nameLatin: string;
}

export async function assignDemoRoles(
  db: Kysely<Database>,
  demoPersons: readonly DemoPerson[],
): Promise<void> {
  await db.deleteFrom('identity.role_assignments').where('source', '=', 'demo').execute();
  const rows = DEMO_ROLE_ORGANISATIONS.flatMap(({ role, organisation }, index) => {
    const person = demoPersons[index];
    return person
      ? [
          {
            egn: person.egn,
            role,
            organisation,
            source: 'demo',
            granted_at: new Date(),
            holder_name: person.name,
            holder_name_latin: person.nameLatin,
          },
        ]
      : [];
  });
  if (rows.length > 0) await db.insertInto('identity.role_assignments').values(rows).execute();
}

/**
 * The demo accounts with their holders' names as copied at seeding. Listing them reads no
 * register: showing the demo sign-in page is not an access to seven persons' data.
 */
export async function listDemoAccounts(db: Kysely<Database>): Promise<DemoAccount[]> {
  const assignments = await db
    .selectFrom('identity.role_assignments')
    .select(['role', 'organisation', 'egn', 'holder_name', 'holder_name_latin'])
    .where('source', '=', 'demo')
    .execute();
  const order = DEMO_ROLE_ORGANISATIONS.map(({ role }) => role);
  return assignments
    .sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role))
    .map((assignment) => ({
      role: assignment.role,
      personalNumber: assignment.egn,
      name: assignment.holder_name ?? '',
      nameLatin: assignment.holder_name_latin ?? '',
      organisation: assignment.organisation,
    }));
}

/** Demo rows seeded before holders' names were kept (older data directories). */
export async function demoPersonsWithoutNames(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom('identity.role_assignments')
    .select('egn')
    .where('source', '=', 'demo')
    .where('holder_name', 'is', null)
    .execute();
  return rows.map((row) => row.egn);
}

export async function nameDemoHolder(db: Kysely<Database>, person: DemoPerson): Promise<void> {
  await db
    .updateTable('identity.role_assignments')
    .set({ holder_name: person.name, holder_name_latin: person.nameLatin })
    .where('source', '=', 'demo')
    .where('egn', '=', person.egn)
    .execute();
}

/** Every person is a citizen; other roles come from assignments (demo ones only outside production). */
export async function rolesOf(db: Kysely<Database>, egn: string, includeDemo: boolean): Promise<Role[]> {
  let query = db.selectFrom('identity.role_assignments').select('role').where('egn', '=', egn);
  if (!includeDemo) query = query.where('source', '!=', 'demo');
  const assigned = (await query.execute()).map((row) => row.role);
  return ['citizen', ...assigned.filter((role) => role !== 'citizen')];
}
