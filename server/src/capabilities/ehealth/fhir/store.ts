import type { Resource } from '@medplum/fhirtypes';
import { type Kysely, type Selectable, sql } from 'kysely';
import { type Connection, tablesOf } from '../../../db/index.ts';
import type { EhealthTransaction, SearchIndexWriter, StoredResource } from '../ports.ts';
import type { EhealthTables, ResourceHistoryRow, ResourceRow } from '../tables.ts';
import { compartmentOf } from './compartment.ts';

/** Rows per INSERT when importing (one parameter per column whatever the count: `unnest`). */
const IMPORT_CHUNK = 5_000;

/** A version the store could not write because another writer got there first. */
export class StaleVersionError extends Error {
  readonly reference: string;

  constructor(reference: string) {
    super(`${reference} was changed meanwhile`);
    this.reference = reference;
  }
}

/**
 * The resource store: current versions, history, and (through the search index writer) the typed
 * search columns, each write in one transaction. It decides nothing about who may see what: the
 * service above it asks the policy first.
 */
export class ResourceStore {
  readonly db: Kysely<EhealthTables>;
  private readonly index: SearchIndexWriter;

  constructor(connection: Connection, index: SearchIndexWriter) {
    this.db = tablesOf<EhealthTables>(connection);
    this.index = index;
  }

  /** The current version of a resource (deleted ones too: the caller answers 410), or null. */
  async read(resourceType: string, id: string, trx?: EhealthTransaction): Promise<StoredResource | null> {
    const row = await (trx ?? this.db)
      .selectFrom('ehealth.resources')
      .selectAll()
      .where('resource_type', '=', resourceType)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? storedOf(row) : null;
  }

  /** Several current versions at once (`Type/id` references), those that exist, in no order. */
  async readMany(references: readonly string[], trx?: EhealthTransaction): Promise<StoredResource[]> {
    const pairs = references.flatMap((reference) => {
      const [type, id, extra] = reference.split('/');
      return type && id && extra === undefined ? [{ type, id }] : [];
    });
    if (pairs.length === 0) return [];
    const rows = await (trx ?? this.db)
      .selectFrom('ehealth.resources')
      .selectAll()
      .where((eb) =>
        eb.or(pairs.map(({ type, id }) => eb.and([eb('resource_type', '=', type), eb('id', '=', id)]))),
      )
      .execute();
    return rows.map(storedOf);
  }

  /** One version of a resource from its history (a deleted version too), or null. */
  async readVersion(
    resourceType: string,
    id: string,
    version: number,
    trx?: EhealthTransaction,
  ): Promise<StoredResource | null> {
    const row = await (trx ?? this.db)
      .selectFrom('ehealth.resource_history as h')
      .innerJoin('ehealth.resources as r', (join) =>
        join.onRef('r.resource_type', '=', 'h.resource_type').onRef('r.id', '=', 'h.id'),
      )
      .select([
        'h.resource_type',
        'h.id',
        'h.version',
        'h.last_updated',
        'h.deleted',
        'h.content',
        'r.patient_id',
      ])
      .where('h.resource_type', '=', resourceType)
      .where('h.id', '=', id)
      .where('h.version', '=', version)
      .executeTakeFirst();
    return row ? historyOf(row, row.patient_id) : null;
  }

  /** Every version of a resource, the newest first (at most `count`). */
  async history(resourceType: string, id: string, count = 100): Promise<StoredResource[]> {
    const current = await this.read(resourceType, id);
    if (!current) return [];
    const rows = await this.db
      .selectFrom('ehealth.resource_history')
      .selectAll()
      .where('resource_type', '=', resourceType)
      .where('id', '=', id)
      .orderBy('version', 'desc')
      .limit(count)
      .execute();
    return rows.map((row) => historyOf(row, current.patientId));
  }

  /**
   * Writes a new resource (version 1) or the next version of an existing one (`previous`, as
   * read in this transaction): the current row, a history row and its search index rows. A
   * concurrent writer that changed `previous` meanwhile makes it throw `StaleVersionError`.
   */
  async write(
    trx: EhealthTransaction,
    resource: Resource & { id: string },
    previous: StoredResource | null,
    deleted = false,
  ): Promise<StoredResource> {
    const version = (previous?.versionId ?? 0) + 1;
    const lastUpdated = new Date();
    const meta = { ...resource.meta, versionId: String(version), lastUpdated: lastUpdated.toISOString() };
    const body = deleted
      ? { resourceType: resource.resourceType, id: resource.id, meta }
      : { ...resource, meta: meta };
    const stored: StoredResource = {
      resourceType: resource.resourceType,
      id: resource.id,
      versionId: version,
      lastUpdated,
      patientId: deleted ? (previous?.patientId ?? null) : compartmentOf(resource),
      deleted,
      content: JSON.stringify(deleted ? body : orderedContent(body as Resource & { id: string })),
    };
    const row = {
      resource_type: stored.resourceType,
      id: stored.id,
      version,
      last_updated: lastUpdated,
      patient_id: stored.patientId,
      deleted,
      content: stored.content,
    };
    if (previous) {
      const updated = await trx
        .updateTable('ehealth.resources')
        .set(row)
        .where('resource_type', '=', stored.resourceType)
        .where('id', '=', stored.id)
        .where('version', '=', previous.versionId)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1)
        throw new StaleVersionError(`${stored.resourceType}/${stored.id}`);
    } else {
      await trx.insertInto('ehealth.resources').values(row).execute();
    }
    const { patient_id: _, ...historyRow } = row;
    await trx.insertInto('ehealth.resource_history').values(historyRow).execute();
    await this.index.write(trx, [stored]);
    return stored;
  }

  /**
   * Writes new resources (version 1) at once: their rows, history and search index in one
   * statement per table (a transaction Bundle's creates; seeding uses `importResources`).
   */
  async insertMany(
    trx: EhealthTransaction,
    resources: ReadonlyArray<Resource & { id: string }>,
  ): Promise<StoredResource[]> {
    if (resources.length === 0) return [];
    const lastUpdated = new Date();
    const meta = { versionId: '1', lastUpdated: lastUpdated.toISOString() };
    const stored = resources.map(
      (resource): StoredResource => ({
        resourceType: resource.resourceType,
        id: resource.id,
        versionId: 1,
        lastUpdated,
        patientId: compartmentOf(resource),
        deleted: false,
        content: JSON.stringify(
          orderedContent({ ...resource, meta: { ...resource.meta, ...meta } } as Resource & { id: string }),
        ),
      }),
    );
    for (let start = 0; start < stored.length; start += IMPORT_CHUNK)
      await insertNew(trx, stored.slice(start, start + IMPORT_CHUNK));
    await this.index.write(trx, stored);
    return stored;
  }

  /** The Patient id linked to a personal number, or null. */
  async patientOf(personalNumber: string, trx?: EhealthTransaction): Promise<string | null> {
    const row = await (trx ?? this.db)
      .selectFrom('ehealth.patients')
      .select('patient_id')
      .where('personal_number', '=', personalNumber)
      .executeTakeFirst();
    return row?.patient_id ?? null;
  }

  /** Links a person to their Patient; false when the person has one already. */
  async linkPatient(trx: EhealthTransaction, personalNumber: string, patientId: string): Promise<boolean> {
    const result = await trx
      .insertInto('ehealth.patients')
      .values({ personal_number: personalNumber, patient_id: patientId })
      .onConflict((conflict) => conflict.doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  /**
   * Imports resources that carry their ids, as version 1, with their history and search index, in
   * one transaction (`trx` when given). For seeding and bulk loads: no validation, no policy.
   */
  async importResources(resources: readonly Resource[], trx?: EhealthTransaction): Promise<StoredResource[]> {
    if (resources.length === 0) return [];
    const now = new Date();
    const lastUpdated = now.toISOString();
    const stored = resources.map((resource) => {
      if (!resource.id) throw new Error(`import: a ${resource.resourceType} without an id`);
      const content = { ...resource, meta: { ...resource.meta, versionId: '1', lastUpdated } };
      return {
        resourceType: resource.resourceType,
        id: resource.id,
        versionId: 1,
        lastUpdated: now,
        patientId: compartmentOf(resource),
        deleted: false,
        content: JSON.stringify(content),
      } satisfies StoredResource;
    });
    const run = async (t: EhealthTransaction) => {
      for (let start = 0; start < stored.length; start += IMPORT_CHUNK)
        await insertNew(t, stored.slice(start, start + IMPORT_CHUNK));
      await this.index.write(t, stored);
    };
    if (trx) await run(trx);
    else await this.db.transaction().execute(run);
    return stored;
  }
}

/**
 * Inserts new resources' current rows and their first history rows in one statement, each column
 * one array parameter (`unnest`): as fast on PGlite as on PostgreSQL, whatever the count.
 */
async function insertNew(trx: EhealthTransaction, stored: readonly StoredResource[]): Promise<void> {
  const column = <T>(pick: (s: StoredResource) => T) => stored.map(pick);
  await sql`
    WITH input AS (
      SELECT * FROM unnest(
        ${column((s) => s.resourceType)}::text[],
        ${column((s) => s.id)}::text[],
        ${column((s) => s.versionId)}::integer[],
        ${column((s) => s.lastUpdated.toISOString())}::timestamptz[],
        ${column((s) => s.patientId)}::text[],
        ${column((s) => s.content)}::text[]
      ) AS t(resource_type, id, version, last_updated, patient_id, content)
    ), current_rows AS (
      INSERT INTO ehealth.resources (resource_type, id, version, last_updated, patient_id, content)
      SELECT resource_type, id, version, last_updated, patient_id, content FROM input
    )
    INSERT INTO ehealth.resource_history (resource_type, id, version, last_updated, content)
    SELECT resource_type, id, version, last_updated, content FROM input`.execute(trx);
}

/** `resourceType`, `id` and `meta` first, as FHIR servers usually serve them. */
function orderedContent(resource: Resource & { id: string }): Resource {
  const { resourceType, id, meta, ...rest } = resource;
  return { resourceType, id, meta, ...rest } as Resource;
}

export function storedOf(row: Selectable<ResourceRow>): StoredResource {
  return {
    resourceType: row.resource_type,
    id: row.id,
    versionId: row.version,
    lastUpdated: row.last_updated,
    patientId: row.patient_id,
    deleted: row.deleted,
    content: row.content,
  };
}

function historyOf(row: Selectable<ResourceHistoryRow>, patientId: string | null): StoredResource {
  return {
    resourceType: row.resource_type,
    id: row.id,
    versionId: row.version,
    lastUpdated: row.last_updated,
    patientId,
    deleted: row.deleted,
    content: row.content,
  };
}
