import type { IncomingHttpHeaders } from 'node:http';

/**
 * The eID node builds its endpoints' URLs (discovery, redirects, form actions) from the request's
 * host and scheme. They are always the configured public URL's: never a Host or X-Forwarded-Host
 * a client chose. The client address is Fastify's, which believes X-Forwarded-For only from the
 * configured proxies.
 */
export function pinToPublicUrl(headers: IncomingHttpHeaders, publicUrl: URL, clientIp: string): void {
  delete headers['x-forwarded-host'];
  delete headers.forwarded;
  headers.host = publicUrl.host;
  headers['x-forwarded-proto'] = publicUrl.protocol.slice(0, -1);
  headers['x-forwarded-for'] = clientIp;
}
