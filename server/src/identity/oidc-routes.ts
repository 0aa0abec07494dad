import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import type { Config } from '../kernel/index.ts';
import { principalOf } from './auth.ts';
import { pinToPublicUrl } from './public-url.ts';
import type { IdentityService } from './service.ts';

export interface OidcRoutesOptions {
  config: Config;
  provider: Provider;
  identity: IdentityService;
  /** The platform's security headers: replies the eID node writes itself must carry them too. */
  securityHeaders: Record<string, string>;
}

const MOUNT = '/oidc';

/** The eID node (oidc-provider) under `/oidc`, and its userinfo endpoint. */
export async function oidcRoutes(oidc: FastifyInstance, options: OidcRoutesOptions): Promise<void> {
  const { provider, identity } = options;
  // oidc-provider reads request bodies itself: leave the stream untouched.
  oidc.removeAllContentTypeParsers();
  oidc.addContentTypeParser('*', (_request, _payload, done) => done(null));
  const callback = provider.callback();
  const publicUrl = new URL(options.config.publicUrl);
  const forward = async (request: FastifyRequest, reply: FastifyReply) => {
    reply.hijack();
    const raw = request.raw as typeof request.raw & { originalUrl?: string };
    raw.originalUrl = raw.url;
    raw.url = raw.url!.slice(MOUNT.length) || '/';
    pinToPublicUrl(raw.headers, publicUrl, request.ip);
    // A hijacked reply skips Fastify's hooks: the headers every answer carries are set here.
    for (const [name, value] of Object.entries(options.securityHeaders)) reply.raw.setHeader(name, value);
    await callback(raw, reply.raw);
  };
  // userinfo: oidc-provider answers it only for opaque tokens without an audience, and the
  // tokens it issues are JWTs for the API. The same check as the API's (DPoP included) admits
  // them here; the claims are those read when the person signed in.
  oidc.route({
    method: ['GET', 'POST'],
    url: `${MOUNT}/me`,
    schema: { hide: true },
    handler: async (request, reply) => {
      reply.header('cache-control', 'no-store');
      await request.server.authenticate(request, reply);
      return identity.userinfo(principalOf(request));
    },
  });
  oidc.all(MOUNT, { schema: { hide: true } }, forward);
  oidc.all(`${MOUNT}/*`, { schema: { hide: true } }, forward);
}
