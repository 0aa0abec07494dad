import type { Catalogue } from '@civitas/contracts/api/eservices.ts';
import { publicFetch } from '../../shared/api/public-client.ts';

export interface CatalogueFilter {
  q: string;
  category: string | null;
  lifeEvent: string | null;
  lang: string;
}

/** The catalogue, searched on the server in the reader's language (the same for everyone: no token). */
export async function fetchCatalogue(filter: CatalogueFilter, signal: AbortSignal): Promise<Catalogue> {
  const query = new URLSearchParams({ lang: filter.lang });
  if (filter.q.trim()) query.set('q', filter.q.trim());
  if (filter.category) query.set('category', filter.category);
  if (filter.lifeEvent) query.set('lifeEvent', filter.lifeEvent);
  const response = await publicFetch(`/api/eservices/catalogue?${query}`, {
    accept: 'application/json',
    signal,
  });
  return (await response.json()) as Catalogue;
}
