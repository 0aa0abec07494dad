import type { SearchEngine } from '../../ports.ts';

/** The search engine. PLACEHOLDER (fhir/search/ replaces it): finds nothing. */
export function createSearchEngine(): SearchEngine {
  return {
    search: async () => ({ matches: [], included: [], links: [] }),
  };
}
