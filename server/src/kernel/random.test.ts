import { describe, expect, it } from 'vitest';
import { createRandom, forkRandom, WeightedTable } from './random.ts';

describe('seedable random', () => {
  it('is reproducible per seed and path, and differs across them', () => {
    const draw = (r: ReturnType<typeof createRandom>) => Array.from({ length: 8 }, () => r.uint32());
    expect(draw(forkRandom('s', 'person', 1))).toEqual(draw(forkRandom('s', 'person', 1)));
    expect(draw(forkRandom('s', 'person', 1))).not.toEqual(draw(forkRandom('s', 'person', 2)));
    expect(draw(forkRandom('s', 'person', 1))).not.toEqual(draw(forkRandom('t', 'person', 1)));
    expect(draw(forkRandom('s', 'ab', 'c'))).not.toEqual(draw(forkRandom('s', 'a', 'bc')));
    expect(draw(createRandom(42))).toEqual(draw(forkRandom(42)));
  });

  it('keeps int, date and pick within bounds', () => {
    const random = createRandom('bounds');
    for (let i = 0; i < 10_000; i++) {
      const n = random.int(-3, 3);
      expect(n).toBeGreaterThanOrEqual(-3);
      expect(n).toBeLessThanOrEqual(3);
      const date = random.date('2020-02-27', '2020-03-01');
      expect(['2020-02-27', '2020-02-28', '2020-02-29', '2020-03-01']).toContain(date);
    }
    expect(() => random.pick([])).toThrow(RangeError);
  });

  it('is roughly uniform and honours weights and chances', () => {
    const random = createRandom('shape');
    const counts = [0, 0, 0, 0];
    const table = new WeightedTable<string>([
      ['a', 1],
      ['b', 3],
    ]);
    let bs = 0;
    let weightedBs = 0;
    let hits = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      counts[random.int(0, 3)]!++;
      if (table.pick(random) === 'b') bs++;
      if (
        random.weighted([
          ['a', 1],
          ['b', 3],
        ] as const) === 'b'
      )
        weightedBs++;
      if (random.chance(0.1)) hits++;
    }
    for (const count of counts) expect(count / n).toBeCloseTo(0.25, 1);
    expect(bs / n).toBeCloseTo(0.75, 1);
    expect(weightedBs / n).toBeCloseTo(0.75, 1);
    expect(hits / n).toBeCloseTo(0.1, 1);
  });
});
