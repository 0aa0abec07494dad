import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.ts';
import { BulkInserter, type BulkTableSpec } from './bulk-insert.ts';
import type { DatabaseHandle } from './connect.ts';

interface Row {
  id: number;
  label: string | null;
  day: string;
  flag: boolean;
}

const spec: BulkTableSpec<Row> = {
  table: 'public.bulk_probe',
  columns: { id: 'integer', label: 'text', day: 'date', flag: 'boolean' },
};

describe.each(testDatabases())('bulk loading on $name', (engine) => {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = await engine.open();
    await sql`CREATE TABLE public.bulk_probe (id integer PRIMARY KEY, label text, day date NOT NULL, flag boolean NOT NULL)`.execute(
      handle.db,
    );
  });
  afterAll(() => handle?.close());

  it('stores every row exactly, across batches, whatever the text holds', async () => {
    const inserter = new BulkInserter(handle.db, spec, 1_000);
    const labels = [
      'plain',
      'quote " and \' apostrophe',
      '{braces,comma}',
      'back\\slash',
      'Кирилица „кавички“',
      null,
      'NULL',
      '',
    ];
    for (let id = 0; id < 12_345; id++) {
      await inserter.add({ id, label: labels[id % labels.length]!, day: '2024-02-29', flag: id % 3 === 0 });
    }
    await inserter.flush();
    expect(inserter.inserted).toBe(12_345);
    const rows =
      await sql<Row>`SELECT id, label, day, flag FROM public.bulk_probe WHERE id < 8 ORDER BY id`.execute(
        handle.db,
      );
    expect(rows.rows.map((row) => row.label)).toEqual(labels);
    expect(rows.rows[0]).toEqual({ id: 0, label: 'plain', day: '2024-02-29', flag: true });
    const count = await sql<{ n: number }>`SELECT count(*)::int AS n FROM public.bulk_probe`.execute(
      handle.db,
    );
    expect(count.rows[0]!.n).toBe(12_345);
  });

  it('reports a failing batch instead of losing it silently', async () => {
    const inserter = new BulkInserter(handle.db, spec, 10);
    await expect(
      (async () => {
        for (let id = 0; id < 25; id++)
          await inserter.add({ id, label: 'duplicate key', day: '2024-01-01', flag: false });
        await inserter.flush();
      })(),
    ).rejects.toThrow(/duplicate key|unique/i);
  });
});
