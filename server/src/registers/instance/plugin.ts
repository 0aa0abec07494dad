import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Instance } from './load.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The country's installation this process serves (`registers/instance`). */
    instance: Instance;
  }
}

/**
 * Makes the instance configuration known to every context's routes (`app.instance`): the
 * personal-number scheme their schemas and checks use, the default language.
 */
export const instancePlugin = fp(
  async (app: FastifyInstance, options: { instance: Instance }) => {
    app.decorate('instance', options.instance);
  },
  { name: 'instance' },
);
