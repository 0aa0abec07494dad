import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type Provider from 'oidc-provider';
import type { Connection } from '../db/index.ts';
import type { Config } from '../kernel/index.ts';
import { demoRoutes } from './demo-routes.ts';
import type { IdentityKeys } from './keys.ts';
import { oidcRoutes } from './oidc-routes.ts';
import { PasskeyService, relyingPartyOf } from './passkeys.ts';
import { passkeyRoutes } from './passkeys-routes.ts';
import { PasskeyStore } from './passkeys-store.ts';
import type { PersonDirectory } from './person-directory.ts';
import { IdentityService } from './service.ts';
import { signInRoutes } from './sign-in-routes.ts';
import type { SignIns } from './sign-ins.ts';

export interface IdentityPluginOptions {
  db: Connection;
  config: Config;
  keys: IdentityKeys;
  provider: Provider;
  directory: PersonDirectory;
  signIns: SignIns;
  /** The platform's security headers: replies the eID node writes itself must carry them too. */
  securityHeaders: Record<string, string>;
}

/** The eID node (OIDC provider and its sign-in pages) and the demo helpers around it. */
async function identity(app: FastifyInstance, options: IdentityPluginOptions): Promise<void> {
  const { db, config, provider } = options;
  const service = new IdentityService({
    db,
    config,
    directory: options.directory,
    signIns: options.signIns,
    personalNumbers: app.instance.personalNumbers,
  });
  // Each in its own scope: the eID node leaves request bodies unparsed, the pages parse forms.
  await app.register(oidcRoutes, {
    config,
    provider,
    identity: service,
    securityHeaders: options.securityHeaders,
  });
  const passkeys = new PasskeyService(new PasskeyStore(db), relyingPartyOf(config.publicUrl));
  await app.register(signInRoutes, { db, config, provider, identity: service, passkeys });
  await app.register(passkeyRoutes, { passkeys, signIns: options.signIns });
  await app.register(demoRoutes, { db, config, keys: options.keys, directory: options.directory });
}

/** The identity context's routes, as one encapsulated plugin (hooks and parsers stay inside). */
export const identityPlugin = fp(identity, {
  name: 'identity',
  dependencies: ['route-access'],
  encapsulate: true,
});
