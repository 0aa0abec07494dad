import { Catalogue, CatalogueQuery, ServiceStart } from '@civitas/contracts/api/eservices.ts';
import { ParkingPermitPrefill } from '@civitas/contracts/api/parking-permit.ts';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ExchangeClient } from '../../exchange/index.ts';
import { personalDataUseOf } from '../../http/index.ts';
import { principalOf } from '../../identity/index.ts';
import { preferredLanguage } from '../../kernel/index.ts';
import type { ServiceCatalogue } from './declarations/load.ts';
import { type Language, searchCatalogue } from './declarations/search.ts';
import { PARKING_PERMIT_ACCESS } from './policy.ts';
import { ParkingPermitService } from './service.ts';
import { ServiceStarter } from './start.ts';

export interface EservicesOptions {
  exchange: ExchangeClient;
  /** The declared services (`loadCatalogue`), checked at boot. */
  catalogue: ServiceCatalogue;
}
/** @deprecated the options' old name. */
export type ParkingPermitOptions = EservicesOptions;

const ServiceCode = Type.Object({
  code: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 80 }),
});

/** The e-services: the catalogue, each declared service's start, and the parking permit's prefill. */
async function eservicesRoutes(app: FastifyInstance, options: EservicesOptions): Promise<void> {
  const permits = new ParkingPermitService(options.exchange);
  const starter = new ServiceStarter(options.catalogue, options.exchange);

  app.get(
    '/api/eservices/catalogue',
    {
      config: { access: 'public' },
      schema: {
        tags: ['e-services'],
        summary: 'The e-services catalogue: search in the reader’s language, by category and life event',
        querystring: CatalogueQuery,
        response: { 200: Catalogue },
      },
    },
    async (request) => {
      const query = request.query as CatalogueQuery;
      const lang =
        query.lang ??
        preferredLanguage(['bg', 'en', 'pl'] as const, 'bg', {
          acceptLanguage: request.headers['accept-language'] ?? null,
        });
      return searchCatalogue(options.catalogue, { ...query, lang: lang as Language });
    },
  );

  app.get(
    '/api/eservices/services/:code/start',
    {
      // Each service reads on its own declared pair; the route's own is checked by the exchange per call.
      config: { access: 'signed-in' },
      schema: {
        tags: ['e-services'],
        summary: 'A service’s form prefilled from the registers, and whether the applicant is eligible',
        security: [{ eid: [] }],
        params: ServiceCode,
        response: { 200: ServiceStart },
      },
    },
    async (request) => starter.start((request.params as { code: string }).code, principalOf(request)),
  );

  app.get(
    '/api/eservices/parking-permit/prefill',
    {
      config: { access: 'signed-in', personalData: PARKING_PERMIT_ACCESS },
      schema: {
        tags: ['e-services'],
        summary: 'The parking-permit application, prefilled from the registers (once-only)',
        security: [{ eid: [] }],
        response: { 200: ParkingPermitPrefill },
      },
    },
    // The pair the route declares is the one the register lookups carry.
    async (request) => permits.prefill(principalOf(request), request.log, personalDataUseOf(request)),
  );
}

/** The eservices context's routes, as one encapsulated plugin (hooks and parsers stay inside). */
export const eservicesPlugin = fp(eservicesRoutes, {
  name: 'eservices',
  dependencies: ['route-access', 'exchange-client'],
  encapsulate: true,
});
