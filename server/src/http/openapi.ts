import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

export interface OpenApiOptions {
  /** The eID node's OpenID Connect discovery document: how a client gets an access token. */
  openIdConnectUrl: string;
  production: boolean;
}

/** `/openapi.json` from every route's schema, and the API browser at `/docs` outside production. */
export async function registerOpenApi(app: FastifyInstance, options: OpenApiOptions): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Civitas API',
        version: '0.1.0',
        description:
          'Civitas e-government platform. Errors are RFC 9457 problem+json with a stable `code`. Authenticate with an access token from the national eID node (OpenID Connect, authorization code + PKCE).',
      },
      components: {
        securitySchemes: {
          eid: { type: 'openIdConnect', openIdConnectUrl: options.openIdConnectUrl },
        },
      },
    },
  });
  // The interactive API browser is a developer's tool: not served in production, where
  // /openapi.json (the contract itself) stays public.
  if (!options.production) await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
