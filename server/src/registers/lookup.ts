import type { Compilable, Kysely } from 'kysely';
import type { NoTables } from '../db/index.ts';
import { CompiledLookup } from '../db/index.ts';

/** The placeholder a lookup is compiled with (no key can equal it). */
const KEY = '\u0000key';

/**
 * A register's records under one key (a personal number, a VIN, a plate), in the order the query
 * gives: the query is built and compiled once, then bound to each key. Most register services are
 * one such lookup.
 */
export function recordsBy<T>(
  db: Pick<Kysely<NoTables>, 'executeQuery'>,
  build: (key: string) => Compilable<T>,
): (key: string) => Promise<T[]> {
  const lookup = new CompiledLookup<T, [key: string]>(db, build, [KEY]);
  return (key) => lookup.rows(key);
}

/** The one record under a key, or undefined. */
export function recordBy<T>(
  db: Pick<Kysely<NoTables>, 'executeQuery'>,
  build: (key: string) => Compilable<T>,
): (key: string) => Promise<T | undefined> {
  const lookup = new CompiledLookup<T, [key: string]>(db, build, [KEY]);
  return (key) => lookup.first(key);
}
