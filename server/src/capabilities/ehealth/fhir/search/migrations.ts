import type { MigrationSet } from '../../../../db/index.ts';
import { sqlMigration } from '../../../../db/index.ts';

/**
 * The typed search index: one table per kind of search parameter, each row one value of one
 * parameter of one resource (`resource_type`, `id`, `param`). The first index of each table finds
 * the resources by value (`Observation?code=…`, `_revinclude`); the second, on `id` alone (ids are
 * unique enough that type and parameter are filtered after it, and a narrow key keeps bulk loads
 * fast), finds a resource's rows (replacing them on a write, `_include`, `_sort`, the semi-joins of
 * a query with several parameters). `Observation?patient=` needs no table: see parameters.ts
 * (`compartment`). Normalised strings sort in code point order (`COLLATE "C"`), so that a
 * prefix is a range of the index even in a prepared statement's generic plan.
 */
export const searchMigrations: MigrationSet['migrations'] = {
  '0720-ehealth-search-index': sqlMigration(
    [
      `CREATE TABLE ehealth.search_token (
        resource_type text NOT NULL,
        id text NOT NULL,
        param text NOT NULL,
        system text,
        code text NOT NULL
      )`,
      'CREATE INDEX search_token_value ON ehealth.search_token (resource_type, param, code)',
      'CREATE INDEX search_token_resource ON ehealth.search_token (id)',
      `CREATE TABLE ehealth.search_string (
        resource_type text NOT NULL,
        id text NOT NULL,
        param text NOT NULL,
        value text COLLATE "C" NOT NULL,
        exact text NOT NULL
      )`,
      'CREATE INDEX search_string_value ON ehealth.search_string (resource_type, param, value)',
      'CREATE INDEX search_string_resource ON ehealth.search_string (id)',
      `CREATE TABLE ehealth.search_date (
        resource_type text NOT NULL,
        id text NOT NULL,
        param text NOT NULL,
        low timestamptz NOT NULL,
        high timestamptz NOT NULL
      )`,
      'CREATE INDEX search_date_value ON ehealth.search_date (resource_type, param, low, high)',
      'CREATE INDEX search_date_resource ON ehealth.search_date (id)',
      `CREATE TABLE ehealth.search_reference (
        resource_type text NOT NULL,
        id text NOT NULL,
        param text NOT NULL,
        target_type text NOT NULL,
        target_id text NOT NULL
      )`,
      'CREATE INDEX search_reference_value ON ehealth.search_reference (resource_type, param, target_id, target_type)',
      'CREATE INDEX search_reference_resource ON ehealth.search_reference (id)',
      `CREATE TABLE ehealth.search_quantity (
        resource_type text NOT NULL,
        id text NOT NULL,
        param text NOT NULL,
        value numeric NOT NULL,
        system text,
        code text
      )`,
      'CREATE INDEX search_quantity_value ON ehealth.search_quantity (resource_type, param, code, value)',
      'CREATE INDEX search_quantity_resource ON ehealth.search_quantity (id)',
    ],
    [
      'DROP TABLE ehealth.search_quantity',
      'DROP TABLE ehealth.search_reference',
      'DROP TABLE ehealth.search_date',
      'DROP TABLE ehealth.search_string',
      'DROP TABLE ehealth.search_token',
    ],
  ),
};
