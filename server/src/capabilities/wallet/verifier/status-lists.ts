import type { FastifyInstance } from 'fastify';

const CWT = /^application\/statuslist\+cwt/;
/** Any token kind: a list answers in its own (JWT for SD-JWT VCs, CWT for mdoc). */
const ACCEPT = '*/*';

/**
 * Reads a status list token by its URI: the platform's own lists through the server itself (no
 * network round trip, the same route a third party fetches), others over HTTPS with a timeout.
 * A JWT list is text, a CWT list (mdoc) bytes.
 */
export function statusListReader(app: FastifyInstance, publicUrl: string) {
  const own = new URL(publicUrl).origin;
  return async (uri: string): Promise<string | Uint8Array> => {
    const url = new URL(uri);
    if (url.origin === own) {
      const response = await app.inject({
        method: 'GET',
        url: url.pathname + url.search,
        headers: { accept: ACCEPT },
      });
      if (response.statusCode !== 200) throw new Error(`status list ${uri}: ${response.statusCode}`);
      const cwt = CWT.test(String(response.headers['content-type'] ?? ''));
      return cwt ? new Uint8Array(response.rawPayload) : response.body;
    }
    if (url.protocol !== 'https:') throw new Error(`status list ${uri}: not https`);
    const response = await fetch(url, { headers: { accept: ACCEPT }, signal: AbortSignal.timeout(5000) });
    if (!response.ok) throw new Error(`status list ${uri}: ${response.status}`);
    if (CWT.test(response.headers.get('content-type') ?? ''))
      return new Uint8Array(await response.arrayBuffer());
    return response.text();
  };
}
