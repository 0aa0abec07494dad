import crypto from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { BulkInserter, type Connection, tablesOf } from '../db/index.ts';
import {
  addressesSpec,
  companiesSpec,
  convictionsSpec,
  documentsSpec,
  finesSpec,
  inspectionsSpec,
  insuredPersonsSpec,
  licenceCategoriesSpec,
  licenceRestrictionsSpec,
  licencesSpec,
  personsSpec,
  policiesSpec,
  registerTables,
  registrationsSpec,
  representativesSpec,
  taxesSpec,
  vehiclesSpec,
} from './bulk-specs.ts';
import { CompanyGenerator } from './commercial/generate.ts';
import { generateConvictions } from './criminal-records/generate.ts';
import { generateDrivingLicence } from './driving-licences/generate.ts';
import { generateHealthInsurance } from './health-insurance/generate.ts';
import { generateIdentityDocuments } from './identity-documents/generate.ts';
import { demoEgns } from './population/demo.ts';
import { DEMO_PERSON_COUNT, generatePopulation, type PersonBundle } from './population/generate.ts';
import type { SeedTables } from './tables.ts';
import { generateVehicles, mayOwnVehicles } from './vehicles/generate.ts';

export interface SeedOptions {
  seed: string;
  persons: number;
  vehicles: number;
  /**
   * Called now and then with the persons and the vehicles written so far, each counted apart;
   * seeding waits for what it returns (a server seeding while it listens yields to its requests).
   */
  onProgress?: (written: { persons: number; vehicles: number }) => void | Promise<void>;
}

export interface SeedResult {
  persons: number;
  vehicles: number;
  rows: number;
  seconds: number;
  /** EGNs of the demo persons, in generation order (index 0 is the demo citizen). */
  demoPersons: string[];
}

const PROGRESS_EVERY = 1_000;

/**
 * Fills every register with a synthetic population, from scratch. Deterministic: the same
 * seed and counts give the same data. An interrupted run leaves no completion mark, so the
 * next start seeds again from an empty state.
 */
export async function seedRegisters(connection: Connection, options: SeedOptions): Promise<SeedResult> {
  const db = tablesOf<SeedTables>(connection);
  if (options.persons < DEMO_PERSON_COUNT)
    throw new Error(`at least ${DEMO_PERSON_COUNT} persons are needed`);
  const started = performance.now();
  await clearRegisters(db);
  const runId = await startRun(db, options);

  const report = options.onProgress ?? (() => {});
  const persons = new BulkInserter(db, personsSpec);
  const addresses = new BulkInserter(db, addressesSpec);
  const documents = new BulkInserter(db, documentsSpec);
  const licences = new BulkInserter(db, licencesSpec);
  const categories = new BulkInserter(db, licenceCategoriesSpec);
  const restrictions = new BulkInserter(db, licenceRestrictionsSpec);
  const insured = new BulkInserter(db, insuredPersonsSpec);
  const business = businessAndJusticeRegisters(db, options.seed);
  const ownerPool: string[] = [];
  const demoPersons: string[] = [];

  let personsWritten = 0;
  for (const bundle of generatePopulation({ seed: options.seed, count: options.persons })) {
    const { person } = bundle;
    await persons.add(person);
    await addresses.addAll(bundle.addresses);
    await documents.addAll(generateIdentityDocuments(person, options.seed));
    const licence = generateDrivingLicence(person, options.seed);
    if (licence) {
      await licences.add(licence.licence);
      await categories.addAll(licence.categories);
      await restrictions.addAll(licence.restrictions);
    }
    const insurance = generateHealthInsurance(person, options.seed);
    if (insurance) await insured.add(insurance);
    await business.add(bundle);
    if (demoPersons.length < DEMO_PERSON_COUNT) demoPersons.push(person.egn);
    else if (mayOwnVehicles(person)) ownerPool.push(person.egn);
    if (++personsWritten % PROGRESS_EVERY === 0) await report({ persons: personsWritten, vehicles: 0 });
  }
  const personTables = [
    ...[persons, addresses, documents, licences, categories, restrictions, insured],
    ...business.inserters,
  ];
  for (const inserter of personTables) await inserter.flush();
  await report({ persons: personsWritten, vehicles: 0 });

  const vehicleTables = {
    vehicles: new BulkInserter(db, vehiclesSpec),
    registrations: new BulkInserter(db, registrationsSpec),
    inspections: new BulkInserter(db, inspectionsSpec),
    policies: new BulkInserter(db, policiesSpec),
    fines: new BulkInserter(db, finesSpec),
    taxes: new BulkInserter(db, taxesSpec),
  };
  // The demo persons other than the citizen are not handed random cars, so their screens stay predictable.
  const owners = { persons: ownerPool.length > 0 ? ownerPool : demoPersons, demoCitizen: demoPersons[0]! };
  let vehiclesWritten = 0;
  for (const bundle of generateVehicles({ seed: options.seed, count: options.vehicles, owners })) {
    await vehicleTables.vehicles.add(bundle.vehicle);
    await vehicleTables.registrations.addAll(bundle.registrations);
    await vehicleTables.inspections.addAll(bundle.inspections);
    await vehicleTables.policies.addAll(bundle.policies);
    await vehicleTables.fines.addAll(bundle.fines);
    await vehicleTables.taxes.addAll(bundle.taxes);
    if (++vehiclesWritten % PROGRESS_EVERY === 0)
      await report({ persons: personsWritten, vehicles: vehiclesWritten });
  }
  for (const inserter of Object.values(vehicleTables)) await inserter.flush();
  await report({ persons: personsWritten, vehicles: vehiclesWritten });

  // After a bulk load: statistics for the planner, and each page's tuples marked visible once.
  // Without the VACUUM the first read of every page would mark them (dirtying the page, to be
  // written back later) and no index-only scan could skip the heap.
  await sql`VACUUM (ANALYZE)`.execute(db);
  await db
    .updateTable('platform.seed_runs')
    .set({ completed_at: new Date() })
    .where('id', '=', runId)
    .execute();
  const rows = [...personTables, ...Object.values(vehicleTables)].reduce(
    (sum, inserter) => sum + inserter.inserted,
    0,
  );
  return {
    persons: options.persons,
    vehicles: options.vehicles,
    rows,
    seconds: (performance.now() - started) / 1000,
    demoPersons,
  };
}

/** The commercial and criminal-records registers, filled from each person as they are generated. */
function businessAndJusticeRegisters(db: Kysely<SeedTables>, seed: string) {
  const companies = new BulkInserter(db, companiesSpec);
  const representatives = new BulkInserter(db, representativesSpec);
  const convictions = new BulkInserter(db, convictionsSpec);
  // The demo citizen is the first demo person: they always manage a company of their own.
  const generator = new CompanyGenerator(seed, [...demoEgns(seed)][0] ?? null);
  return {
    inserters: [companies, representatives, convictions],
    async add(bundle: PersonBundle): Promise<void> {
      const company = generator.offer(bundle);
      if (company) {
        await companies.add(company.company);
        await representatives.addAll(company.representatives);
      }
      await convictions.addAll(generateConvictions(bundle.person, seed));
    },
  };
}

/** Records the start of a run (its completion is marked at the end). */
async function startRun(db: Kysely<SeedTables>, options: SeedOptions): Promise<string> {
  const runId = crypto.randomUUID();
  await db
    .insertInto('platform.seed_runs')
    .values({
      id: runId,
      seed: options.seed,
      persons: options.persons,
      vehicles: options.vehicles,
      started_at: new Date(),
      completed_at: null,
    })
    .execute();
  return runId;
}

export async function completedSeedRun(connection: Connection) {
  const db = tablesOf<SeedTables>(connection);
  return db
    .selectFrom('platform.seed_runs')
    .selectAll()
    .where('completed_at', 'is not', null)
    .orderBy('completed_at', 'desc')
    .executeTakeFirst();
}

async function clearRegisters(db: Kysely<SeedTables>): Promise<void> {
  const tables = registerTables.map((table) => {
    const [schema, name] = table.split('.') as [string, string];
    return sql.id(schema, name);
  });
  await sql`TRUNCATE ${sql.join(tables)}`.execute(db);
  await db.deleteFrom('platform.seed_runs').execute();
}
