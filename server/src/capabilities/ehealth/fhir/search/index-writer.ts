import type { EhealthTransaction, SearchIndexWriter, StoredResource } from '../../ports.ts';

/**
 * Writes the typed search columns of resources (fhir/search/ replaces this placeholder, which
 * indexes nothing, with the extraction of every search parameter the CapabilityStatement lists).
 */
export class TypedSearchIndex implements SearchIndexWriter {
  async write(_trx: EhealthTransaction, _resources: readonly StoredResource[]): Promise<void> {}
}
