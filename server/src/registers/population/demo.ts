import type { Seed } from '../../kernel/index.ts';
import { DEMO_PERSON_COUNT, generatePopulation } from './generate.ts';

const cache = new Map<string, ReadonlySet<string>>();

/**
 * EGNs of the demo accounts for a seed. They are the first persons generated and depend only on the seed,
 * so the document and licence generators can guarantee them valid papers from the person row alone.
 */
export function demoEgns(seed: Seed): ReadonlySet<string> {
  const key = `${typeof seed}:${seed}`;
  let egns = cache.get(key);
  if (!egns) {
    egns = new Set(
      Array.from(generatePopulation({ seed, count: DEMO_PERSON_COUNT }), (bundle) => bundle.person.egn),
    );
    cache.set(key, egns);
  }
  return egns;
}
