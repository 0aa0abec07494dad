import type { FastifyInstance } from 'fastify';

/** Where the central registry publishes the signed global configuration (a compact JWS). */
export const GLOBAL_CONF_PATH = '/exchange/global-conf';

export interface PublicationOptions {
  /** The configuration, freshly signed. */
  publish: () => Promise<string>;
}

/**
 * The central registry's publication: `GET /exchange/global-conf` answers the signed global
 * configuration as `application/jose`. Nodes verify it against the registry's anchor
 * certificate, so plain HTTP is enough to carry it (X-Road distributes it the same way).
 */
export async function globalConfPublication(
  app: FastifyInstance,
  options: PublicationOptions,
): Promise<void> {
  app.get(
    GLOBAL_CONF_PATH,
    {
      config: { rateLimit: false },
      schema: {
        tags: ['exchange'],
        summary: 'The signed global configuration (compact JWS), for the exchange nodes',
      },
    },
    async (_request, reply) =>
      reply
        .type('application/jose')
        .header('cache-control', 'no-store')
        .send(await options.publish()),
  );
}
