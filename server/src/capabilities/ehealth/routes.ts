import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { accessRoutes } from './access/routes.ts';
import { fhirRoutes } from './fhir/routes.ts';
import { ipsRoutes } from './ips/routes.ts';
import type { EhealthOptions } from './options.ts';
import { ehealthParts } from './parts-wiring.ts';
import { prescriptionRoutes } from './prescriptions/routes.ts';

/**
 * The health record's server side: the FHIR R4 API, SMART on FHIR and the patient's rights, the
 * patient summary, and the e-prescriptions; each part in its own scope.
 */
async function ehealthRoutes(app: FastifyInstance, options: EhealthOptions): Promise<void> {
  const parts = ehealthParts(options);
  app.addHook('onClose', async () => parts.validator.close?.());
  await app.register(async (scope) => fhirRoutes(scope, parts));
  await app.register(async (scope) => accessRoutes(scope, parts));
  await app.register(async (scope) => ipsRoutes(scope, parts));
  await app.register(async (scope) => prescriptionRoutes(scope, parts));
}

/** The eHealth context's routes, as one encapsulated plugin. */
export const ehealthPlugin = fp(ehealthRoutes, {
  name: 'ehealth',
  dependencies: ['route-access', 'exchange-client'],
  encapsulate: true,
});
