import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';

/** The definition, written the slow and obvious way. */
function reference(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${reference(item)}`).join(',')}}`;
}

function shuffledKeys(value: unknown, seed: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => shuffledKeys(item, seed));
  const entries = Object.entries(value as Record<string, unknown>);
  const order = entries.map((_, i) => (i * 7919 + seed) % (entries.length || 1));
  const shuffled = entries.map((entry, i) => ({ entry, rank: order[i]! })).sort((a, b) => a.rank - b.rank);
  return Object.fromEntries(shuffled.map(({ entry: [key, item] }) => [key, shuffledKeys(item, seed)]));
}

describe('canonical JSON', () => {
  it('sorts keys at every depth, with no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: null, y: 'é' }], c: true } })).toBe(
      '{"a":{"c":true,"d":[3,{"y":"é","z":null}]},"b":1}',
    );
    expect(canonicalJson({ a: undefined, b: [undefined] })).toBe('{"b":[null]}');
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
  });

  it('matches its definition, reads back as the same value, and ignores key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(1000), (value, seed) => {
        const text = canonicalJson(value);
        expect(text).toBe(reference(value));
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(canonicalJson(shuffledKeys(value, seed))).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});
