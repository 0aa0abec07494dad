import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Instance } from './load.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The country's installation this process serves (`registers/instance`). */
    instance: Instance;
  }
}

const Locale = Type.Union([Type.Literal('bg'), Type.Literal('en'), Type.Literal('pl')]);

/** What a client needs to know of the instance: which country, which language, which personal numbers. */
export const InstanceView = Type.Object({
  id: Type.String({ description: 'the exchange instance id, e.g. BG' }),
  names: Type.Record(Locale, Type.String(), { description: "the country's name in each language" }),
  defaultLocale: Locale,
  personalNumber: Type.Object({
    scheme: Type.Union([Type.Literal('egn'), Type.Literal('pesel')]),
    length: Type.Integer(),
    pattern: Type.String({
      description: 'the digits a personal number has (its check digit is checked apart)',
    }),
  }),
});

/**
 * Makes the instance configuration known to every context's routes (`app.instance`): the
 * personal-number scheme their schemas and checks use, the default language. `GET /api/instance`
 * tells the web the same, so its forms check the instance's personal numbers.
 */
export const instancePlugin = fp(
  async (app: FastifyInstance, options: { instance: Instance }) => {
    const { instance } = options;
    app.decorate('instance', instance);
    const view = {
      id: instance.id,
      names: instance.names,
      defaultLocale: instance.defaultLocale,
      personalNumber: {
        scheme: instance.personalNumbers.id,
        length: instance.personalNumbers.length,
        pattern: instance.personalNumbers.pattern,
      },
    };
    app.get(
      '/api/instance',
      {
        config: { access: 'public' },
        schema: {
          tags: ['instance'],
          summary: 'The country this installation serves: its id, languages and personal-number scheme',
          response: { 200: InstanceView },
        },
      },
      async () => view,
    );
  },
  { name: 'instance' },
);
