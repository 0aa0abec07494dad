import { transliterate } from '@civitas/contracts/text/translit.ts';
import { type Connection, tablesOf } from '../db/index.ts';
import type { IdentityTables, Role } from './tables.ts';

/**
 * One demo account per role, held by the first persons of the synthetic population.
 * Demo accounts exist only outside production; their PIN is the configured demo PIN.
 */
export const DEMO_ROLE_ORGANISATIONS: ReadonlyArray<{ role: Role; organisation: string | null }> = [
  { role: 'citizen', organisation: null },
  { role: 'official', organisation: 'Столична община' },
  // The GP ("личен лекар") of the demo citizen and their family (the synthetic health record says so).
  { role: 'doctor', organisation: 'ГППМП „Здраве Лозенец“' },
  { role: 'pharmacist', organisation: 'Аптека „Св. Пантелеймон“' },
  { role: 'police', organisation: 'Столична дирекция на вътрешните работи' },
  { role: 'auditor', organisation: 'Комисия за защита на личните данни' },
  { role: 'admin', organisation: 'Министерство на електронното управление' },
  // A hospital specialist: sees a patient's record only with a referral, an open encounter, or break-glass.
  { role: 'doctor', organisation: 'УМБАЛ „Александровска“' },
];

export interface DemoAccount {
  role: Role;
  personalNumber: string;
  name: string;
  nameLatin: string;
  organisation: string | null;
}

/**
 * Gives the first demo persons one role each. `names` holds their names (as an administration
 * registers the staff it gives a role to); a role holder's name is what citizens are shown.
 */
export async function assignDemoRoles(
  connection: Connection,
  demoPersons: readonly string[],
  names: ReadonlyMap<string, string> = new Map(),
): Promise<void> {
  const db = tablesOf<IdentityTables>(connection);
  await db.deleteFrom('identity.role_assignments').where('source', '=', 'demo').execute();
  const rows = DEMO_ROLE_ORGANISATIONS.flatMap(({ role, organisation }, index) => {
    const egn = demoPersons[index];
    return egn
      ? [
          {
            egn,
            role,
            organisation,
            holder_name: names.get(egn) ?? null,
            source: 'demo',
            granted_at: new Date(),
          },
        ]
      : [];
  });
  if (rows.length > 0) await db.insertInto('identity.role_assignments').values(rows).execute();
}

/**
 * Demo role holders seeded before names were registered get theirs (once): `namesOf` answers
 * the names of the personal numbers it is given.
 */
export async function nameDemoRoleHolders(
  connection: Connection,
  namesOf: (egns: readonly string[]) => Promise<ReadonlyMap<string, string>>,
): Promise<void> {
  const db = tablesOf<IdentityTables>(connection);
  const unnamed = await db
    .selectFrom('identity.role_assignments')
    .select('egn')
    .where('source', '=', 'demo')
    .where('holder_name', 'is', null)
    .execute();
  if (unnamed.length === 0) return;
  const names = await namesOf(unnamed.map((row) => row.egn));
  for (const [egn, name] of names) {
    await db
      .updateTable('identity.role_assignments')
      .set({ holder_name: name })
      .where('egn', '=', egn)
      .where('source', '=', 'demo')
      .execute();
  }
}

/**
 * The demo accounts with their holders' names as registered at seeding. Listing them reads no
 * register: showing the demo sign-in page is not an access to seven persons' data.
 */
export async function listDemoAccounts(connection: Connection): Promise<DemoAccount[]> {
  const db = tablesOf<IdentityTables>(connection);
  const assignments = await db
    .selectFrom('identity.role_assignments')
    .select(['role', 'organisation', 'egn', 'holder_name'])
    .where('source', '=', 'demo')
    .execute();
  // In the list's order (the demo persons' order): role and organisation together name an entry.
  const rank = (entry: { role: Role; organisation: string | null }) =>
    DEMO_ROLE_ORGANISATIONS.findIndex(
      ({ role, organisation }) => role === entry.role && organisation === entry.organisation,
    );
  return assignments
    .sort((a, b) => rank(a) - rank(b))
    .map((assignment) => ({
      role: assignment.role,
      personalNumber: assignment.egn,
      name: assignment.holder_name ?? '',
      nameLatin: transliterate(assignment.holder_name ?? ''),
      organisation: assignment.organisation,
    }));
}

/** Every person is a citizen; other roles come from assignments (demo ones only outside production). */
export async function rolesOf(connection: Connection, egn: string, includeDemo: boolean): Promise<Role[]> {
  const db = tablesOf<IdentityTables>(connection);
  let query = db.selectFrom('identity.role_assignments').select('role').where('egn', '=', egn);
  if (!includeDemo) query = query.where('source', '!=', 'demo');
  const assigned = (await query.execute()).map((row) => row.role);
  return ['citizen', ...assigned.filter((role) => role !== 'citizen')];
}
