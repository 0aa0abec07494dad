import fc from 'fast-check';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.ts';
import { CompiledLookup } from './compiled-query.ts';
import type { DatabaseHandle } from './connect.ts';

interface Row {
  key: string;
  n: number;
}

describe.each(testDatabases())('a lookup compiled once on $name', (engine) => {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = await engine.open();
    await sql`CREATE TABLE public.lookup_probe (key text NOT NULL, n integer NOT NULL, PRIMARY KEY (key, n))`.execute(
      handle.db,
    );
  });
  afterAll(() => handle?.close());

  /** The probe table, typed (it is not part of the platform's schema). */
  const probe = () => handle.db as unknown as Kysely<{ 'public.lookup_probe': Row }>;
  const byKey = () =>
    new CompiledLookup(
      handle.db,
      (key: string) =>
        probe().selectFrom('public.lookup_probe').selectAll().where('key', '=', key).orderBy('n'),
      ['\u0000key'],
    );

  it('answers the rows of each value it is run with, never another value', async () => {
    const lookup = byKey();
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(
          fc.string({ minLength: 1, maxLength: 12 }).filter((key) => !key.includes('\u0000')),
          {
            minLength: 1,
            maxLength: 6,
          },
        ),
        async (keys) => {
          await sql`DELETE FROM public.lookup_probe`.execute(handle.db);
          for (const [index, key] of keys.entries()) {
            for (let n = 0; n <= index; n++)
              await sql`INSERT INTO public.lookup_probe (key, n) VALUES (${key}, ${n})`.execute(handle.db);
          }
          // At once, on a shared compiled query: each run binds its own value.
          const answers = await Promise.all(keys.map((key) => lookup.rows(key)));
          answers.forEach((rows, index) => {
            expect(rows).toEqual(Array.from({ length: index + 1 }, (_, n) => ({ key: keys[index], n })));
          });
          expect(await lookup.first(`${keys[0]}-absent`)).toBeUndefined();
        },
      ),
      { numRuns: 25 },
    );
  });

  it('refuses a query that does not bind its placeholders in order, once each', () => {
    expect(
      () =>
        new CompiledLookup(
          handle.db,
          (a: string, b: string) =>
            probe().selectFrom('public.lookup_probe').selectAll().where('key', '=', b).where('key', '=', a),
          ['\u0000a', '\u0000b'],
        ),
    ).toThrow(/in order, once each/);
    expect(
      () =>
        new CompiledLookup(
          handle.db,
          (key: string) =>
            probe()
              .selectFrom('public.lookup_probe')
              .selectAll()
              .where('key', '=', key)
              .where('key', '=', key),
          ['\u0000key'],
        ),
    ).toThrow(/in order, once each/);
  });
});
