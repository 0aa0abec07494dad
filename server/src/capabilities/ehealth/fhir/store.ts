import type { Resource } from '@medplum/fhirtypes';
import type { Kysely, Selectable } from 'kysely';
import { type Connection, tablesOf } from '../../../db/index.ts';
import type { EhealthTransaction, SearchIndexWriter, StoredResource } from '../ports.ts';
import type { EhealthTables, ResourceRow } from '../tables.ts';
import { compartmentOf } from './compartment.ts';

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
  async read(resourceType: string, id: string): Promise<StoredResource | null> {
    const row = await this.db
      .selectFrom('ehealth.resources')
      .selectAll()
      .where('resource_type', '=', resourceType)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? storedOf(row) : null;
  }

  /**
   * Imports resources that carry their ids, as version 1, with their history and search index, in
   * one transaction (`trx` when given). For seeding and bulk loads: no validation, no policy.
   */
  async importResources(resources: readonly Resource[], trx?: EhealthTransaction): Promise<StoredResource[]> {
    if (resources.length === 0) return [];
    const now = new Date();
    const stored = resources.map((resource) => {
      if (!resource.id) throw new Error(`import: a ${resource.resourceType} without an id`);
      const content = {
        ...resource,
        meta: { ...resource.meta, versionId: '1', lastUpdated: now.toISOString() },
      };
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
      const rows = stored.map((s) => ({
        resource_type: s.resourceType,
        id: s.id,
        version: 1,
        last_updated: s.lastUpdated,
        patient_id: s.patientId,
        content: s.content,
      }));
      await t.insertInto('ehealth.resources').values(rows).execute();
      await t
        .insertInto('ehealth.resource_history')
        .values(rows.map(({ patient_id: _, ...row }) => row))
        .execute();
      await this.index.write(t, stored);
    };
    if (trx) await run(trx);
    else await this.db.transaction().execute(run);
    return stored;
  }
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
