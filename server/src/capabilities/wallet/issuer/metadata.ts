import {
  CREDENTIAL_CONFIGURATIONS,
  type CredentialConfiguration,
  type Localised,
} from '@civitas/wallet/catalogue.ts';

const LOCALES = ['bg', 'en', 'pl'] as const;
const LOCALE_TAGS: Record<(typeof LOCALES)[number], string> = { bg: 'bg-BG', en: 'en-GB', pl: 'pl-PL' };

/** The endpoints' paths under the public URL (the credential issuer's identifier). */
export const ISSUER_PATHS = {
  token: '/api/wallet/token',
  nonce: '/api/wallet/nonce',
  credential: '/api/wallet/credential',
  offers: '/api/wallet/credential-offers',
} as const;

export const PRE_AUTHORIZED_GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';

/** The eID node's issuer (authorization code flow); the credential issuer is its own for pre-authorized codes. */
export interface IssuerUrls {
  credentialIssuer: string;
  eid: string;
}

function displays(names: Localised): Array<{ name: string; locale: string }> {
  return LOCALES.map((locale) => ({ name: names[locale], locale: LOCALE_TAGS[locale] }));
}

/** One credential configuration as OpenID4VCI 1.0 §12.2.4 (and appendix A) describes it. */
function configurationMetadata(configuration: CredentialConfiguration): Record<string, unknown> {
  const sdJwt = configuration.format === 'dc+sd-jwt';
  return {
    format: configuration.format,
    ...(sdJwt ? { vct: configuration.vct } : { doctype: configuration.doctype }),
    scope: configuration.scope,
    // JOSE names the algorithm for SD-JWT VC; COSE's number (-7, ES256) for mdoc (appendix A.2.2).
    credential_signing_alg_values_supported: sdJwt ? ['ES256'] : [-7],
    cryptographic_binding_methods_supported: sdJwt ? ['jwk'] : ['cose_key'],
    proof_types_supported: { jwt: { proof_signing_alg_values_supported: ['ES256'] } },
    credential_metadata: {
      display: LOCALES.map((locale) => ({
        name: configuration.display[locale],
        locale: LOCALE_TAGS[locale],
        background_color: configuration.background,
        text_color: configuration.text,
      })),
      claims: configuration.claims.map((claim) => ({
        path: [...claim.path],
        display: displays(claim.display),
      })),
    },
  };
}

/** Credential issuer metadata (OpenID4VCI 1.0 §12.2), from the catalogue. */
export function credentialIssuerMetadata(urls: IssuerUrls): Record<string, unknown> {
  const base = urls.credentialIssuer;
  return {
    credential_issuer: base,
    authorization_servers: [urls.eid, base],
    credential_endpoint: `${base}${ISSUER_PATHS.credential}`,
    nonce_endpoint: `${base}${ISSUER_PATHS.nonce}`,
    batch_credential_issuance: {
      batch_size: Math.max(...CREDENTIAL_CONFIGURATIONS.map((configuration) => configuration.batchSize)),
    },
    display: [
      { name: 'Civitas', locale: 'en-GB' },
      { name: 'Цивитас', locale: 'bg-BG' },
      { name: 'Civitas', locale: 'pl-PL' },
    ],
    credential_configurations_supported: Object.fromEntries(
      CREDENTIAL_CONFIGURATIONS.map((configuration) => [
        configuration.id,
        configurationMetadata(configuration),
      ]),
    ),
  };
}

/** OAuth 2.0 authorization server metadata (RFC 8414) of the issuer's own pre-authorized grant. */
export function authorizationServerMetadata(urls: IssuerUrls): Record<string, unknown> {
  const base = urls.credentialIssuer;
  return {
    issuer: base,
    token_endpoint: `${base}${ISSUER_PATHS.token}`,
    grant_types_supported: [PRE_AUTHORIZED_GRANT],
    'pre-authorized_grant_anonymous_access_supported': true,
    token_endpoint_auth_methods_supported: ['none'],
    response_types_supported: [],
    scopes_supported: CREDENTIAL_CONFIGURATIONS.map((configuration) => configuration.scope),
  };
}
