import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.ts';

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
});
