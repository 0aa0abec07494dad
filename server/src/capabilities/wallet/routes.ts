import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { eidIssuer } from '../../identity/index.ts';
import { credentialsRoutes } from './credentials/routes.ts';
import { eidCredentialGrants } from './issuer/eid-grant.ts';
import { issuerRoutes } from './issuer/routes.ts';
import type { WalletOptions } from './options.ts';
import { walletParts } from './parts-wiring.ts';
import { statusRoutes } from './status/routes.ts';
import { verifierRoutes } from './verifier/routes.ts';

/**
 * The digital wallet's server side: the credential issuer (OpenID4VCI), the credentials' data from
 * the registers, the token status lists, and the verifier (OpenID4VP); each part in its own scope.
 */
async function walletRoutes(app: FastifyInstance, options: WalletOptions): Promise<void> {
  const { db, config, keys } = options;
  const parts = walletParts(options);
  await app.register(async (scope) =>
    issuerRoutes(scope, {
      issuance: { db, issuer: config.publicUrl, ...parts },
      eidIssuer: eidIssuer(config.publicUrl),
      eidGrant: eidCredentialGrants({ db, keys, publicUrl: config.publicUrl }),
    }),
  );
  await app.register(async (scope) => credentialsRoutes(scope, options));
  await app.register(async (scope) =>
    statusRoutes(scope, options, { trust: parts.trust, lists: parts.status }),
  );
  await app.register(async (scope) => verifierRoutes(scope, options, { trust: parts.trust }));
}

/** The wallet context's routes, as one encapsulated plugin. */
export const walletPlugin = fp(walletRoutes, {
  name: 'wallet',
  dependencies: ['route-access', 'exchange-client'],
  encapsulate: true,
});
