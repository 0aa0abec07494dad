import type { Catalogue, CatalogueEntry } from '@civitas/contracts/api/eservices.ts';
import type { ServiceDeclaration } from '@civitas/contracts/eservices/declaration.ts';
import type { ServiceCatalogue } from './load.ts';

export type Language = 'bg' | 'en' | 'pl';

export interface CatalogueFilter {
  q?: string | undefined;
  category?: string | undefined;
  lifeEvent?: string | undefined;
  lang: Language;
}

/** Lower case without accents, so `Pojazd` finds `pojazdów` and `ЕЗОК` finds `езок`. */
export function foldWords(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * The services that match: every word of the query begins a word of the title or summary in the
 * reader's language (so a Bulgarian reader's "адрес" finds "Промяна на настоящ адрес"), in the
 * category and life event asked for; sorted by title in that language.
 */
export function searchCatalogue(catalogue: ServiceCatalogue, filter: CatalogueFilter): Catalogue {
  const all = [...catalogue.values()].map((service) => service.declaration);
  const query = foldWords(filter.q ?? '');
  const services = all
    .filter((service) => !filter.category || (service.categories as string[]).includes(filter.category))
    .filter((service) => !filter.lifeEvent || (service.lifeEvents as string[]).includes(filter.lifeEvent))
    .filter((service) => {
      if (query.length === 0) return true;
      const words = foldWords(`${service.title[filter.lang]} ${service.summary[filter.lang]}`);
      return query.every((wanted) => words.some((word) => word.startsWith(wanted)));
    })
    .sort((a, b) => a.title[filter.lang].localeCompare(b.title[filter.lang], filter.lang))
    .map(entryOf);
  return {
    services,
    categories: [...new Set(all.flatMap((service) => service.categories))].sort(),
    lifeEvents: [...new Set(all.flatMap((service) => service.lifeEvents))].sort(),
  };
}

function entryOf(service: ServiceDeclaration): CatalogueEntry {
  return {
    code: service.code,
    version: service.version,
    title: service.title,
    summary: service.summary,
    categories: service.categories,
    lifeEvents: service.lifeEvents,
    applicant: service.applicant,
    administration: service.administration,
    processingDays: service.processingDays,
    fee: service.fee,
  };
}
