import { dayFromIso, isoFromDay } from '@civitas/contracts/days.ts';

/**
 * Seedable pseudo-random numbers for synthetic data: sfc32 (Chris Doty-Humphrey's Small Fast Counting
 * generator, 128-bit state, 32-bit integer ops). Not for secrets.
 *
 * `forkRandom(seed, ...path)` derives an independent stream from a seed and a path (e.g. `'person', i`),
 * so the data of entity i never depends on how many entities were generated before it.
 */
export type Seed = string | number;
export type WeightedPairs<T> = readonly (readonly [T, number])[];

export class Random {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(a: number, b: number, c: number, d: number) {
    this.#a = a | 0;
    this.#b = b | 0;
    this.#c = c | 0;
    this.#d = d | 0;
    // sfc32 needs a few rounds to spread a low-entropy seed through its state.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** Uniform unsigned 32-bit integer. */
  uint32(): number {
    const a = this.#a;
    const b = this.#b;
    const c = this.#c;
    const d = this.#d;
    const t = (((a + b) | 0) + d) | 0;
    this.#d = (d + 1) | 0;
    this.#a = b ^ (b >>> 9);
    this.#b = (c + (c << 3)) | 0;
    const rotated = (c << 21) | (c >>> 11);
    this.#c = (rotated + t) | 0;
    return t >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty array');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks by relative weight; for hot paths build a `WeightedTable` once instead. */
  weighted<T>(pairs: WeightedPairs<T>): T {
    let total = 0;
    for (const [, weight] of pairs) total += weight;
    let target = this.next() * total;
    for (const [value, weight] of pairs) {
      target -= weight;
      if (target < 0) return value;
    }
    if (pairs.length === 0) throw new RangeError('weighted pick from no pairs');
    return pairs[pairs.length - 1]![0];
  }

  /** Uniform ISO date in [fromIso, toIso]. */
  date(fromIso: string, toIso: string): string {
    return isoFromDay(this.int(dayFromIso(fromIso), dayFromIso(toIso)));
  }

  /** Approximately normal (Irwin–Hall with 4 uniforms): cheap and bounded to mean ± 3.46·sd. */
  normal(mean: number, sd: number): number {
    const sum = this.next() + this.next() + this.next() + this.next();
    return mean + (sum - 2) * 1.7320508 * sd;
  }
}

/** Cumulative weights built once, picked by binary search: for tables used millions of times. */
export class WeightedTable<T> {
  readonly values: readonly T[];
  readonly #cumulative: Float64Array;
  readonly #total: number;

  constructor(pairs: WeightedPairs<T>) {
    if (pairs.length === 0) throw new RangeError('weighted table needs at least one pair');
    this.values = pairs.map(([value]) => value);
    this.#cumulative = new Float64Array(pairs.length);
    let total = 0;
    pairs.forEach(([, weight], i) => {
      total += weight;
      this.#cumulative[i] = total;
    });
    this.#total = total;
  }

  pick(random: Random): T {
    const target = random.next() * this.#total;
    const cumulative = this.#cumulative;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (cumulative[mid]! > target) high = mid;
      else low = mid + 1;
    }
    return this.values[low]!;
  }
}

function fmix32(h: number): number {
  let x = h;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

function mixPart(hash: number, part: Seed): number {
  let h = hash;
  if (typeof part === 'number' && Number.isInteger(part) && Math.abs(part) <= 0xffffffff) {
    // Integers (entity indexes) skip string conversion: this runs once per generated entity.
    h = Math.imul(h ^ fmix32(part >>> 0), 0x01000193);
    h = Math.imul(h ^ (part < 0 ? 0x9e3779b9 : 0x7f4a7c15), 0x01000193);
  } else {
    const text = String(part);
    h = Math.imul(h ^ 0xff, 0x01000193); // separator so ('ab','c') ≠ ('a','bc')
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  }
  return h >>> 0;
}

/** A stream determined by the seed and path alone (FNV-1a over the parts, finished with murmur3 fmix). */
export function forkRandom(seed: Seed, ...path: Seed[]): Random {
  let h = mixPart(0x811c9dc5, seed);
  for (const part of path) h = mixPart(h, part);
  return new Random(fmix32(h), fmix32(h ^ 0x9e3779b9), fmix32(h + 0x6a09e667), fmix32(h ^ 0xbb67ae85));
}

export function createRandom(seed: Seed): Random {
  return forkRandom(seed);
}
