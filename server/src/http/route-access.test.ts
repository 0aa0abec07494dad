import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError, mergeErrorTables } from '../kernel/errors.ts';
import { httpErrors } from './errors.ts';
import { installErrorHandling } from './problem.ts';
import { type Authenticate, routeAccessPlugin } from './route-access.ts';

/** A stand-in for identity's token check: `Authorization: <roles, comma-separated>`. */
const rolesFromHeader: Authenticate = async (request, reply) => {
  const header = request.headers.authorization;
  if (header === undefined) {
    reply.header('www-authenticate', 'Bearer');
    throw new AppError('token-missing');
  }
  return { roles: header.split(',') };
};

let app: FastifyInstance;
afterEach(() => app?.close());

async function appWith(routes: (app: FastifyInstance) => void): Promise<FastifyInstance> {
  app = Fastify({ logger: false });
  installErrorHandling(
    app,
    // token-missing is identity's code, which http may not import: the test declares it itself.
    mergeErrorTables({
      http: httpErrors,
      test: { 'token-missing': { status: 401, title: 'Authentication is required' } },
    }),
  );
  await app.register(routeAccessPlugin, { authenticate: rolesFromHeader });
  // In a child plugin, as a context's routes are: the hook is the root's and reaches them.
  await app.register(async (context) => routes(context));
  await app.ready();
  return app;
}

describe('route access', () => {
  it('lets anyone call a public route, without asking who they are', async () => {
    await appWith((app) =>
      app.get('/api/open', { config: { access: 'public' } }, async () => ({ ok: true })),
    );
    const answer = await app.inject({ url: '/api/open' });
    expect(answer.statusCode).toBe(200);
  });

  it('answers 401 with the challenge to a caller who does not prove who they are', async () => {
    let ran = false;
    await appWith((app) =>
      app.get('/api/mine', { config: { access: 'signed-in' } }, async () => {
        ran = true;
        return {};
      }),
    );
    const answer = await app.inject({ url: '/api/mine' });
    expect(answer.statusCode).toBe(401);
    expect(answer.headers['www-authenticate']).toBe('Bearer');
    expect(answer.json()).toMatchObject({ code: 'token-missing' });
    expect(ran).toBe(false);
  });

  it('admits any signed-in caller to a signed-in route', async () => {
    await appWith((app) => app.get('/api/mine', { config: { access: 'signed-in' } }, async () => ({})));
    expect((await app.inject({ url: '/api/mine', headers: { authorization: 'citizen' } })).statusCode).toBe(
      200,
    );
  });

  it('admits a caller holding one of the declared roles and answers 403 to one who holds none', async () => {
    let ran = 0;
    await appWith((app) =>
      app.get('/api/staff', { config: { access: { roles: ['official', 'police'] } } }, async () => {
        ran += 1;
        return {};
      }),
    );
    const police = await app.inject({ url: '/api/staff', headers: { authorization: 'citizen,police' } });
    expect(police.statusCode).toBe(200);
    const citizen = await app.inject({ url: '/api/staff', headers: { authorization: 'citizen' } });
    expect(citizen.statusCode).toBe(403);
    expect(citizen.json()).toMatchObject({ code: 'role-forbidden' });
    expect(citizen.json().detail).toContain('official, police');
    expect(ran).toBe(1);
  });

  it("runs the access check before the route's own pre-handlers", async () => {
    const seen: string[] = [];
    await appWith((app) =>
      app.get(
        '/api/staff',
        {
          config: { access: { roles: ['auditor'] } },
          preHandler: async () => {
            seen.push('route pre-handler');
          },
        },
        async () => ({}),
      ),
    );
    expect((await app.inject({ url: '/api/staff', headers: { authorization: 'citizen' } })).statusCode).toBe(
      403,
    );
    expect(seen).toEqual([]);
  });

  it('guards a route outside /api that declares roles', async () => {
    await appWith((app) =>
      app.post('/log/checkpoint', { config: { access: { roles: ['admin'] } } }, async () => ({})),
    );
    expect((await app.inject({ method: 'POST', url: '/log/checkpoint' })).statusCode).toBe(401);
  });

  it('refuses to boot with a route under /api that declares nothing (a forgotten declaration cannot ship)', async () => {
    await expect(appWith((app) => app.get('/api/forgotten', async () => ({})))).rejects.toThrow(
      /GET \/api\/forgotten declares no config\.access/,
    );
  });

  it('lets a route outside /api declare nothing (the eID node, the exchange, the web app)', async () => {
    await appWith((app) => app.get('/oidc/jwks', async () => ({})));
    expect((await app.inject({ url: '/oidc/jwks' })).statusCode).toBe(200);
  });

  it("gives the handler the route's declared purpose and legal basis for personal data", async () => {
    await appWith((app) =>
      app.get(
        '/api/me',
        {
          config: {
            access: 'signed-in',
            personalData: { purpose: 'data-subject-access', legalBasis: 'gdpr-art-15' },
          },
        },
        async (request) => request.routeOptions.config.personalData,
      ),
    );
    const answer = await app.inject({ url: '/api/me', headers: { authorization: 'citizen' } });
    expect(answer.json()).toEqual({ purpose: 'data-subject-access', legalBasis: 'gdpr-art-15' });
  });

  it('refuses to boot with a personal-data route whose purpose or legal basis is not in the catalogue', async () => {
    await expect(
      appWith((app) =>
        app.get(
          '/api/records',
          {
            config: {
              access: 'signed-in',
              personalData: { purpose: 'curiosity', legalBasis: 'gdpr-art-15' } as never,
            },
          },
          async () => ({}),
        ),
      ),
    ).rejects.toThrow(/GET \/api\/records declares personal data for an unknown purpose or legal basis/);
  });

  it('refuses to boot with a personal-data route that anyone may call', async () => {
    await expect(
      appWith((app) =>
        app.get(
          '/api/open-records',
          {
            config: {
              access: 'public',
              personalData: { purpose: 'data-subject-access', legalBasis: 'gdpr-art-15' },
            },
          },
          async () => ({}),
        ),
      ),
    ).rejects.toThrow(/reads personal data but lets anyone call it/);
  });
});
