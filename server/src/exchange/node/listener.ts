import type http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type tls from 'node:tls';
import { type MutualTlsCredentials, mutualTlsServerOptions, peerCertificatePem } from '../pki/tls.ts';
import { ExchangeFault } from '../protocol/errors.ts';
import { type NodeContext, type NodeReply, REQUEST_HEADER } from './context.ts';
import { faultBody } from './fault-reply.ts';
import { MESSAGES_PATH } from './https-transport.ts';
import { provide } from './provider.ts';

/** The largest request body a node accepts from another node. */
export const MESSAGE_BODY_LIMIT = 1024 * 1024;

export interface NodeListener {
  port: number;
  close(): Promise<void>;
}

export interface NodeListenerOptions {
  credentials: MutualTlsCredentials;
  port: number;
  host?: string;
}

/**
 * The node's door for other nodes: HTTPS with mutual TLS (a client without a certificate from
 * the platform CA never gets past the handshake), one route, `POST /exchange/v1/messages`. The
 * certificate the peer presented goes to the provider, which admits only registered nodes.
 */
export async function startNodeListener(
  context: NodeContext,
  options: NodeListenerOptions,
): Promise<NodeListener> {
  const server = https.createServer(mutualTlsServerOptions(options.credentials), (request, response) => {
    void handle(context, request, response).catch((error: unknown) => {
      context.report(error);
      if (!response.headersSent) {
        write(response, fault(new ExchangeFault('Server.ServerProxy.InternalError', 'The node failed.')));
      } else response.destroy();
    });
  });
  // A refused handshake is the protection working, not an operator's problem.
  server.on('tlsClientError', () => {});
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The peer certificate, read once per connection (kept-alive connections carry many messages). */
const peers = new WeakMap<tls.TLSSocket, string | null>();

function peerOf(socket: tls.TLSSocket): string | null {
  let pem = peers.get(socket);
  if (pem === undefined) {
    pem = peerCertificatePem(socket);
    peers.set(socket, pem);
  }
  return pem;
}

async function handle(
  context: NodeContext,
  request: http.IncomingMessage,
  response: http.ServerResponse,
): Promise<void> {
  const path = (request.url ?? '').split('?')[0];
  if (request.method !== 'POST' || path !== MESSAGES_PATH) {
    request.resume();
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({ code: 'route-not-found', detail: `No resource at ${request.method} ${path}.` }),
    );
    return;
  }
  const requestJws = request.headers[REQUEST_HEADER];
  if (typeof requestJws !== 'string' || requestJws.length === 0) {
    request.resume();
    write(
      response,
      fault(new ExchangeFault('Client.BadRequest', `The ${REQUEST_HEADER} header is missing.`)),
    );
    return;
  }
  const body = await readBody(request);
  if (body === null) {
    response.setHeader('connection', 'close');
    write(
      response,
      fault(new ExchangeFault('Client.PayloadTooLarge', `The body exceeds ${MESSAGE_BODY_LIMIT} bytes.`)),
    );
    return;
  }
  const certificatePem = peerOf(request.socket as tls.TLSSocket);
  write(response, await provide(context, { kind: 'peer', certificatePem }, { requestJws, body }));
}

/** The body, or null when it exceeds the limit (the rest is not read). */
function readBody(request: http.IncomingMessage): Promise<Buffer | null> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > MESSAGE_BODY_LIMIT) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MESSAGE_BODY_LIMIT) {
        request.pause();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function fault(error: ExchangeFault): NodeReply {
  return {
    status: error.status,
    headers: { 'content-type': 'application/json', 'x-road-error': error.type },
    body: faultBody(error, 'unknown'),
  };
}

function write(response: http.ServerResponse, reply: NodeReply): void {
  response.writeHead(reply.status, { ...reply.headers, 'content-length': reply.body.length });
  response.end(reply.body);
}
