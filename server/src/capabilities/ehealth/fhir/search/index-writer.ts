import { type RawBuilder, sql } from 'kysely';
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
 * search parameter (parameters.ts, extract.ts). A batch costs one `DELETE` per table for the
 * resources that had rows (a version after the first), then, per part of 1,000 resources, one
 * `INSERT … SELECT FROM unnest(…)` per table (one parameter per column whatever its size), the next
 * part extracted while the database stores the last, so a bulk load stays at bulk speed.
 */
export class TypedSearchIndex implements SearchIndexWriter {
  async write(trx: EhealthTransaction, resources: readonly StoredResource[]): Promise<void> {
    if (resources.length === 0) return;
    // A first version has no rows yet; a later one (or a deletion) replaces the previous rows.
    const replaced = resources.filter((resource) => resource.versionId > 1);
    if (replaced.length > 0) {
      const types = replaced.map((resource) => resource.resourceType);
      const ids = replaced.map((resource) => resource.id);
      for (const table of Object.keys(TABLES)) {
        await sql`DELETE FROM ${sql.id('ehealth', `search_${table}`)} WHERE (resource_type, id) IN
          (SELECT * FROM unnest(${types}::text[], ${ids}::text[]))`.execute(trx);
      }
    }
    // Extracting a part while the database stores the one before: the two run on different cores.
    let storing: Promise<void> = Promise.resolve();
    for (let start = 0; start < resources.length; start += PART) {
      const rows = emptyRows();
      for (const resource of resources.slice(start, start + PART)) {
        if (resource.deleted) continue;
        extractRows(JSON.parse(resource.content) as Parameters<typeof extractRows>[0], rows);
      }
      await storing;
      storing = insertRows(trx, rows);
    }
    await storing;
  }

  insertionsOf(resources: readonly StoredResource[]): RawBuilder<unknown>[] {
    const rows = emptyRows();
    for (const resource of resources) {
      if (resource.deleted) continue;
      extractRows(JSON.parse(resource.content) as Parameters<typeof extractRows>[0], rows);
    }
    return insertionsOf(rows);
  }
}

/** Resources extracted at a time (a bulk batch is stored in a few parts, one insert per table each). */
const PART = 1_000;

async function insertRows(trx: EhealthTransaction, rows: IndexRows): Promise<void> {
  for (const insertion of insertionsOf(rows)) await insertion.execute(trx);
}

/** One `INSERT … SELECT FROM unnest(…)` per table that has rows (one parameter per column). */
function insertionsOf(rows: IndexRows): RawBuilder<unknown>[] {
  const insertions: RawBuilder<unknown>[] = [];
  for (const table of Object.keys(TABLES) as (keyof IndexRows)[]) {
    const columns = rows[table] as unknown as Record<string, unknown[]>;
    if ((columns.id as unknown[]).length === 0) continue;
    const types: Record<string, string> = {
      resource_type: 'text',
      id: 'text',
      param: 'text',
      ...TABLES[table],
    };
    const names = Object.keys(types);
    insertions.push(sql`INSERT INTO ${sql.id('ehealth', `search_${table}`)} (${sql.join(names.map((column) => sql.id(column)))})
      SELECT * FROM unnest(${sql.join(names.map((column) => sql`${columns[column]}::${sql.raw(types[column] as string)}[]`))})`);
  }
  return insertions;
}
