import { sql } from 'kysely';
import type { EhealthTransaction, SearchIndexWriter, StoredResource } from '../../ports.ts';
import { emptyRows, extractRows, type IndexRows } from './extract.ts';

/** Each table's columns after (resource_type, id, param), with their PostgreSQL array types. */
const TABLES: { readonly [Table in keyof IndexRows]: Readonly<Record<string, string>> } = {
  token: { system: 'text', code: 'text' },
  string: { value: 'text', exact: 'text' },
  date: { low: 'timestamptz', high: 'timestamptz' },
  reference: { target_type: 'text', target_id: 'text' },
  quantity: { value: 'numeric', system: 'text', code: 'text' },
};

/**
 * Writes the typed search index of resources, in the caller's transaction: the values of every
 * search parameter (parameters.ts), extracted with FHIRPath (extract.ts). A batch costs one
 * `DELETE` per table for the resources that had rows (a version after the first) and one
 * `INSERT … SELECT FROM unnest(…)` per table, whatever its size, so a bulk load stays at bulk speed.
 */
export class TypedSearchIndex implements SearchIndexWriter {
  async write(trx: EhealthTransaction, resources: readonly StoredResource[]): Promise<void> {
    if (resources.length === 0) return;
    const rows = emptyRows();
    const replacedTypes: string[] = [];
    const replacedIds: string[] = [];
    for (const resource of resources) {
      // A first version has no rows yet; a later one (or a deletion) replaces the previous rows.
      if (resource.versionId > 1) {
        replacedTypes.push(resource.resourceType);
        replacedIds.push(resource.id);
      }
      if (!resource.deleted) {
        const json = JSON.parse(resource.content) as Record<string, unknown>;
        extractRows(json as Parameters<typeof extractRows>[0], rows);
      }
    }
    for (const table of Object.keys(TABLES) as (keyof IndexRows)[]) {
      const name = sql.id('ehealth', `search_${table}`);
      if (replacedIds.length > 0) {
        await sql`DELETE FROM ${name} WHERE (resource_type, id) IN
          (SELECT * FROM unnest(${replacedTypes}::text[], ${replacedIds}::text[]))`.execute(trx);
      }
      const columns = rows[table] as unknown as Record<string, unknown[]>;
      if ((columns.id as unknown[]).length === 0) continue;
      const types: Record<string, string> = {
        resource_type: 'text',
        id: 'text',
        param: 'text',
        ...TABLES[table],
      };
      const names = Object.keys(types);
      await sql`INSERT INTO ${name} (${sql.join(names.map((column) => sql.id(column)))})
        SELECT * FROM unnest(${sql.join(names.map((column) => sql`${columns[column]}::${sql.raw(types[column] as string)}[]`))})`.execute(
        trx,
      );
    }
  }
}
