import * as oauth from 'oauth4webapi';
import type { OidcSettings } from './oidc-settings.ts';

let discovery: Promise<oauth.AuthorizationServer> | undefined;

/** OpenID Provider metadata, fetched once per page load; a failed attempt is retried next time. */
export function discoverAuthorizationServer(settings: OidcSettings): Promise<oauth.AuthorizationServer> {
  discovery ??= fetchMetadata(settings).catch((error: unknown) => {
    discovery = undefined;
    throw error;
  });
  return discovery;
}

async function fetchMetadata({ issuer, allowHttp }: OidcSettings): Promise<oauth.AuthorizationServer> {
  const response = await oauth.discoveryRequest(issuer, {
    algorithm: 'oidc',
    [oauth.allowInsecureRequests]: allowHttp,
  });
  return oauth.processDiscoveryResponse(issuer, response);
}
