import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GroupCommit, isRowFault } from './group-commit.ts';

/** A write that is held until released, recording the rows of every statement. */
function heldWrites() {
  const statements: number[][] = [];
  const releases: Array<(error?: Error) => void> = [];
  const write = (rows: number[]) =>
    new Promise<void>((resolve, reject) => {
      statements.push(rows);
      releases.push((error) => (error ? reject(error) : resolve()));
    });
  return { statements, releases, write };
}

describe('group commit', () => {
  it('writes a lone row at once, and what arrives meanwhile in the next statement', async () => {
    const { statements, releases, write } = heldWrites();
    const writer = new GroupCommit(write);
    let firstDone = false;
    const first = writer.append(1).then(() => {
      firstDone = true;
    });
    const later = [writer.append(2), writer.append(3, 4)];
    expect(statements).toEqual([[1]]);
    await Promise.resolve();
    expect(firstDone).toBe(false);
    releases[0]!();
    await first;
    await new Promise((resolve) => setImmediate(resolve));
    expect(statements).toEqual([[1], [2, 3, 4]]);
    releases[1]!();
    await Promise.all(later);
    await writer.drain();
  });

  it('with two writers, writes the next group while the last is in flight, and never a third at once', async () => {
    const { statements, releases, write } = heldWrites();
    const writer = new GroupCommit(write, { writers: 2 });
    const first = writer.append(1);
    const second = writer.append(2);
    const waiting = [writer.append(3), writer.append(4)];
    // Two statements in flight; what arrives meanwhile waits for a writer.
    expect(statements).toEqual([[1], [2]]);
    releases[1]!();
    await second;
    await new Promise((resolve) => setImmediate(resolve));
    expect(statements).toEqual([[1], [2], [3, 4]]);
    releases[0]!();
    releases[2]!();
    await Promise.all([first, ...waiting]);
    await writer.drain();
    expect(statements.flat().sort()).toEqual([1, 2, 3, 4]);
  });

  it('rejects the appends of a failed statement only, and carries on', async () => {
    const { statements, releases, write } = heldWrites();
    const writer = new GroupCommit(write);
    const failed = writer.append(1);
    const next = writer.append(2);
    releases[0]!(new Error('disk full'));
    await expect(failed).rejects.toThrow('disk full');
    await new Promise((resolve) => setImmediate(resolve));
    releases[1]!();
    await expect(next).resolves.toBeUndefined();
    expect(statements).toEqual([[1], [2]]);
  });

  it('stores every row once, in order, in statements of at most maxRows', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.integer(), { minLength: 1, maxLength: 7 }), { maxLength: 30 }),
        fc.integer({ min: 1, max: 5 }),
        async (appends, maxRows) => {
          const stored: number[][] = [];
          const writer = new GroupCommit<number>(async (rows) => {
            await new Promise((resolve) => setImmediate(resolve));
            stored.push(rows);
          }, maxRows);
          await Promise.all(appends.map((rows) => writer.append(...rows)));
          await writer.drain();
          expect(stored.flat()).toEqual(appends.flat());
          expect(stored.every((rows) => rows.length >= 1 && rows.length <= maxRows)).toBe(true);
        },
      ),
      { numRuns: 50 },
    );
  });

  /** A write that refuses, as PostgreSQL does, a statement holding a negative number. */
  function refusingNegatives(stored: number[][], statements: number[][] = []) {
    return async (rows: number[]) => {
      statements.push(rows);
      await new Promise((resolve) => setImmediate(resolve));
      if (rows.some((row) => row < 0))
        throw Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' });
      stored.push(rows);
    };
  }

  it('fails only the append whose row the database refuses; the rest of its statement is stored', async () => {
    const stored: number[][] = [];
    const writer = new GroupCommit(refusingNegatives(stored));
    const first = writer.append(0);
    const group = [
      writer.append(1),
      writer.append(2, 3),
      writer.append(-4),
      writer.append(5),
      writer.append(6),
    ];
    const outcomes = await Promise.allSettled([first, ...group]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    expect((outcomes[3] as PromiseRejectedResult).reason).toMatchObject({ code: '22021' });
    expect(stored.flat().sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 5, 6]);
  });

  it('writes appends apart only after a row fault: a database fault fails the whole statement at once', async () => {
    expect(isRowFault({ code: '22021' })).toBe(true);
    expect(isRowFault({ code: '23505' })).toBe(true);
    expect(isRowFault({ code: '54000' })).toBe(true);
    expect(isRowFault({ code: '08006' })).toBe(false);
    expect(isRowFault({ code: '57P01' })).toBe(false);
    expect(isRowFault({ code: 'ECONNRESET' })).toBe(false);
    expect(isRowFault(new Error('timeout exceeded when trying to connect'))).toBe(false);
    expect(isRowFault(null)).toBe(false);
    const statements: number[][] = [];
    const writer = new GroupCommit(async (rows: number[]) => {
      statements.push(rows);
      await new Promise((resolve) => setImmediate(resolve));
      if (statements.length === 2)
        throw Object.assign(new Error('terminating connection due to administrator command'), {
          code: '57P01',
        });
    });
    const first = writer.append(1);
    const group = [writer.append(2), writer.append(3), writer.append(4)];
    await first;
    const outcomes = await Promise.allSettled(group);
    expect(outcomes.every((outcome) => outcome.status === 'rejected')).toBe(true);
    expect(statements).toEqual([[1], [2, 3, 4]]);
    await expect(writer.append(5)).resolves.toBeUndefined();
  });

  it('rejects exactly the appends holding a refused row, and stores every other row once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.integer({ min: -3, max: 40 }), { minLength: 1, maxLength: 4 }), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.integer({ min: 1, max: 9 }),
        async (appends, maxRows) => {
          const stored: number[][] = [];
          const statements: number[][] = [];
          const writer = new GroupCommit<number>(refusingNegatives(stored, statements), maxRows);
          const outcomes = await Promise.allSettled(appends.map((rows) => writer.append(...rows)));
          await writer.drain();
          const bad = appends.map((rows) => rows.some((row) => row < 0));
          expect(outcomes.map((outcome) => outcome.status === 'rejected')).toEqual(bad);
          // Only appends that fit in one statement are atomic; those are all here.
          const expected = appends.filter((_rows, index) => !bad[index]).flat();
          const sorted = (rows: number[]) => [...rows].sort((a, b) => a - b);
          if (appends.every((rows) => rows.length <= maxRows))
            expect(sorted(stored.flat())).toEqual(sorted(expected));
          expect(statements.every((rows) => rows.length >= 1 && rows.length <= maxRows)).toBe(true);
          const badCount = bad.filter(Boolean).length;
          const rows = appends.flat().length;
          const chunks = Math.max(...appends.map((append) => Math.ceil(append.length / maxRows)));
          // Bisection: the extra statements stay logarithmic in the group size per bad append.
          expect(statements.length).toBeLessThanOrEqual(
            rows + 2 * badCount * chunks * (Math.ceil(Math.log2(appends.length + 1)) + 1),
          );
        },
      ),
      { numRuns: 100 },
    );
  });
});
