import { ParkingPermitPrefill } from '@civitas/contracts/api/parking-permit.ts';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ExchangeClient } from '../../exchange/index.ts';
import { personalDataUseOf } from '../../http/index.ts';
import { principalOf } from '../../identity/index.ts';
import { PARKING_PERMIT_ACCESS } from './policy.ts';
import { ParkingPermitService } from './service.ts';

export interface ParkingPermitOptions {
  exchange: ExchangeClient;
}

const PrefillSchema = {
  tags: ['e-services'],
  summary: 'The parking-permit application, prefilled from the registers (once-only)',
  security: [{ eid: [] }],
  response: { 200: ParkingPermitPrefill },
};

/** The e-services: the resident parking permit's application, prefilled from the registers. */
async function parkingPermitRoutes(app: FastifyInstance, options: ParkingPermitOptions): Promise<void> {
  const permits = new ParkingPermitService(options.exchange);

  app.get(
    '/api/eservices/parking-permit/prefill',
    {
      config: { access: 'signed-in', personalData: PARKING_PERMIT_ACCESS },
      schema: PrefillSchema,
    },
    // The pair the route declares is the one the register lookups carry.
    async (request) => permits.prefill(principalOf(request), request.log, personalDataUseOf(request)),
  );
}

/** The eservices context's routes, as one encapsulated plugin (hooks and parsers stay inside). */
export const eservicesPlugin = fp(parkingPermitRoutes, {
  name: 'eservices',
  dependencies: ['route-access', 'exchange-client'],
  encapsulate: true,
});
