/**
 * Registers added after a database was seeded (issue 16: health insurance, licence restrictions)
 * filled in from the persons already there, with the seed of the completed run, so an existing
 * installation gets the same data a fresh one would. Runs once: only while the health insurance
 * register is empty.
 */
import { BulkInserter, type Connection, tablesOf } from '../db/index.ts';
import { insuredPersonsSpec, licenceRestrictionsSpec } from './bulk-specs.ts';
import { generateRestrictions } from './driving-licences/generate.ts';
import type { DrivingLicenceTables } from './driving-licences/tables.ts';
import { generateHealthInsurance } from './health-insurance/generate.ts';
import type { HealthInsuranceTables } from './health-insurance/tables.ts';
import type { PopulationTables } from './population/tables.ts';
import { completedSeedRun } from './seed.ts';

type Tables = PopulationTables & DrivingLicenceTables & HealthInsuranceTables;

const BATCH = 2_000;
/** The order the licence generator adds categories in (restrictions draw from the seed in that order). */
const GENERATION_ORDER = ['AM', 'B', 'A', 'BE', 'C', 'CE', 'D', 'T'];
const byGeneration = (a: string, b: string) => GENERATION_ORDER.indexOf(a) - GENERATION_ORDER.indexOf(b);

/** Fills the registers issue 16 added; answers how many persons it went through (0: nothing to do). */
export async function backfillSeededRegisters(connection: Connection): Promise<number> {
  const db = tablesOf<Tables>(connection);
  const run = await completedSeedRun(connection);
  if (!run) return 0;
  const any = await db
    .selectFrom('health_insurance.insured_persons')
    .select('egn')
    .limit(1)
    .executeTakeFirst();
  if (any) return 0;
  const insured = new BulkInserter(db, insuredPersonsSpec);
  const restrictions = new BulkInserter(db, licenceRestrictionsSpec);
  let after = '';
  let seen = 0;
  for (;;) {
    const persons = await db
      .selectFrom('population.persons')
      .selectAll()
      .where('egn', '>', after)
      .orderBy('egn')
      .limit(BATCH)
      .execute();
    if (persons.length === 0) break;
    const licences = await db
      .selectFrom('driving_licences.licences as l')
      .innerJoin('driving_licences.categories as c', 'c.licence_number', 'l.number')
      .select(['l.egn', 'l.number', 'c.category'])
      .where(
        'l.egn',
        'in',
        persons.map((person) => person.egn),
      )
      .execute();
    for (const person of persons) {
      const insurance = generateHealthInsurance(person, run.seed);
      if (insurance) await insured.add(insurance);
      const held = licences.filter((licence) => licence.egn === person.egn);
      if (held.length > 0) {
        const categories = held.map((licence) => licence.category).sort(byGeneration);
        await restrictions.addAll(generateRestrictions(person, held[0]!.number, categories, run.seed));
      }
    }
    seen += persons.length;
    after = persons.at(-1)!.egn;
  }
  await insured.flush();
  await restrictions.flush();
  return seen;
}
