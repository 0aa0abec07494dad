import { SMART_RESOURCE_TYPES } from '@civitas/contracts/api/smart-scopes.ts';

/**
 * The SMART App Launch 2.0 configuration (`/.well-known/smart-configuration` of the FHIR base):
 * the eID node is the authorization server; a standalone launch, public or confidential clients
 * with PKCE S256 (and PAR, as every client of the node), patient and user scopes in v2 form.
 */
export function smartConfiguration(publicUrl: string) {
  const issuer = `${publicUrl}/oidc`;
  return {
    issuer,
    jwks_uri: `${issuer}/jwks`,
    authorization_endpoint: `${issuer}/auth`,
    token_endpoint: `${issuer}/token`,
    pushed_authorization_request_endpoint: `${issuer}/request`,
    grant_types_supported: ['authorization_code'],
    response_types_supported: ['code'],
    token_endpoint_auth_methods_supported: ['none'],
    code_challenge_methods_supported: ['S256'],
    scopes_supported: [
      'openid',
      'profile',
      'fhirUser',
      'launch/patient',
      ...SMART_RESOURCE_TYPES.map((type) => `patient/${type}.rs`),
      ...SMART_RESOURCE_TYPES.map((type) => `user/${type}.cruds`),
    ],
    capabilities: [
      'launch-standalone',
      'client-public',
      'context-standalone-patient',
      'permission-patient',
      'permission-user',
      'permission-v2',
      'permission-v1',
      'sso-openid-connect',
      'authorize-post',
    ],
  };
}
