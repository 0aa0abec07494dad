/** The public API of db: what other contexts and the composition root use of it. */

export type { BulkTableSpec } from './bulk-insert.ts';
export { BulkInserter } from './bulk-insert.ts';
export { CompiledLookup } from './compiled-query.ts';
export type { DatabaseHandle } from './connect.ts';
export { CUSTOM_PLAN, connectDatabase } from './connect.ts';
export type { Connection, NoTables } from './connection.ts';
export { tablesOf } from './connection.ts';
export { GroupCommit, isRowFault } from './group-commit.ts';
export type { DataDirLock } from './lock.ts';
export { lockDataDir, lockHolder } from './lock.ts';
export type { MigrationSet } from './migrate.ts';
export { migrateToLatest } from './migrate.ts';
export { execStatements, sqlMigration } from './sql-migration.ts';
