import { CREDENTIAL_CONFIGURATIONS, credentialConfiguration } from '@civitas/wallet/catalogue.ts';
import type { FastifyRequest } from 'fastify';
import type { Connection } from '../../../db/index.ts';
import { createAccessTokenVerifier, eidIssuer, type IdentityKeys } from '../../../identity/index.ts';
import { issuanceError } from './errors.ts';
import type { CredentialGrant } from './service.ts';

const AUTHORIZATION = /^(bearer|dpop) +([A-Za-z0-9\-_.~+/]+=*) *$/i;

/** The credential configurations an eID access token was granted: RAR details and scopes. */
export function grantedConfigurations(
  authorizationDetails: readonly unknown[],
  scopes: readonly string[],
): string[] {
  const granted = new Set<string>();
  for (const detail of authorizationDetails) {
    const { type, credential_configuration_id: id } = (detail ?? {}) as Record<string, unknown>;
    if (type === 'openid_credential' && typeof id === 'string' && credentialConfiguration(id))
      granted.add(id);
  }
  for (const scope of scopes) {
    const configuration = CREDENTIAL_CONFIGURATIONS.find((candidate) => candidate.scope === scope);
    if (configuration) granted.add(configuration.id);
  }
  return [...granted];
}

/**
 * The authorization code flow's grants: an access token of the national eID node whose audience
 * is the credential issuer (RFC 8707), DPoP-bound like every token the node issues, still on
 * record at the node, and granted credentials by `authorization_details` or scope.
 */
export function eidCredentialGrants(options: {
  db: Connection;
  keys: IdentityKeys;
  publicUrl: string;
}): (request: FastifyRequest) => Promise<CredentialGrant> {
  const verify = createAccessTokenVerifier(options.keys, eidIssuer(options.publicUrl), {
    db: options.db,
    publicUrl: options.publicUrl,
    acceptScriptingTokens: false,
    audience: options.publicUrl,
  });
  return async (request) => {
    const match = AUTHORIZATION.exec(request.headers.authorization ?? '');
    if (!match)
      throw issuanceError('issuance-token-invalid', 'Send the access token in the Authorization header.');
    const proof = request.headers.dpop;
    const claims = await verify({
      token: match[2]!,
      scheme: match[1]!.toLowerCase() === 'dpop' ? 'dpop' : 'bearer',
      proof: typeof proof === 'string' ? proof : undefined,
      method: request.method,
      path: request.url.split('?')[0]!,
    });
    const configurationIds = grantedConfigurations(claims.authorizationDetails ?? [], claims.scopes);
    if (configurationIds.length === 0)
      throw issuanceError('issuance-not-granted', 'The access token was granted no credential.');
    return { subject: claims.subject, configurationIds, vin: null };
  };
}
