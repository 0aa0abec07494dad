import https from 'node:https';
import type tls from 'node:tls';
import { certificateSerial } from '../pki/certificate-fields.ts';
import { type MutualTlsCredentials, mutualTlsAgent } from '../pki/tls.ts';
import { ExchangeFault } from '../protocol/errors.ts';
import { type NodeMessage, type NodeReply, type NodeTransport, REQUEST_HEADER } from './context.ts';

/** Where a node's listener takes messages from other nodes. */
export const MESSAGES_PATH = '/exchange/v1/messages';

/** An answer larger than this is not read: no register answer is near it. */
const REPLY_MAX_BYTES = 16 * 1024 * 1024;

export interface HttpsTransport extends NodeTransport {
  /** Closes the kept-alive connections. */
  close(): void;
}

/**
 * Node-to-node delivery over HTTPS with mutual TLS: this node presents its certificate, trusts
 * only servers the platform CA issued, and, when the registry lists the provider node's
 * certificate, accepts only that certificate (another node's valid certificate is not enough).
 */
export function httpsTransport(credentials: MutualTlsCredentials): HttpsTransport {
  const agent = mutualTlsAgent(credentials);
  return {
    async send(node, message, timeoutMs) {
      try {
        return await post(agent, node, message, timeoutMs);
      } catch (error) {
        // A kept-alive connection the peer closed while idle: the request never reached it.
        if ((error as { reusedSocket?: boolean }).reusedSocket && isReset(error))
          return post(agent, node, message, timeoutMs);
        throw error;
      }
    },
    close: () => agent.destroy(),
  };
}

function isReset(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ECONNRESET' || code === 'EPIPE';
}

/** The serial of the certificate the peer presented on a connection, read once per connection. */
const peerSerials = new WeakMap<tls.TLSSocket, string | null>();

function peerSerial(socket: tls.TLSSocket): string | null {
  let serial = peerSerials.get(socket);
  if (serial === undefined) {
    const pem = socket.getPeerX509Certificate()?.toString();
    serial = pem ? certificateSerial(pem) : null;
    peerSerials.set(socket, serial);
  }
  return serial;
}

function post(
  agent: https.Agent,
  node: { id: string; address: string; tlsCertificate?: string },
  message: NodeMessage,
  timeoutMs: number,
): Promise<NodeReply> {
  const expectedSerial = node.tlsCertificate ? certificateSerial(node.tlsCertificate) : null;
  return new Promise<NodeReply>((resolve, reject) => {
    let timedOut = false;
    const request = https.request(new URL(MESSAGES_PATH, node.address), {
      method: 'POST',
      agent,
      headers: {
        [REQUEST_HEADER]: message.requestJws,
        'content-type': 'application/octet-stream',
        'content-length': message.body.length,
      },
    });
    const timer = setTimeout(() => {
      timedOut = true;
      request.destroy();
    }, timeoutMs);
    const fail = (error: unknown) => {
      clearTimeout(timer);
      if (timedOut) {
        reject(
          new ExchangeFault(
            'Server.ClientProxy.Timeout',
            `The provider's node ${node.id} did not answer within ${timeoutMs} ms.`,
          ),
        );
        return;
      }
      if (error instanceof Error) Object.assign(error, { reusedSocket: request.reusedSocket });
      reject(error);
    };
    request.on('error', fail);
    request.on('response', (response) => {
      const socket = response.socket as tls.TLSSocket;
      if (expectedSerial !== null && peerSerial(socket) !== expectedSerial) {
        request.destroy();
        clearTimeout(timer);
        reject(
          new ExchangeFault(
            'Server.ClientProxy.SslAuthenticationFailed',
            `The server at ${node.address} is not node ${node.id}: its certificate is not the registered one.`,
          ),
        );
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > REPLY_MAX_BYTES) {
          request.destroy(new Error(`the answer from ${node.id} exceeds ${REPLY_MAX_BYTES} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      response.on('error', fail);
      response.on('end', () => {
        clearTimeout(timer);
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(response.headers)) {
          if (value === undefined) continue;
          headers[name] = Array.isArray(value) ? (value[0] ?? '') : value;
        }
        resolve({ status: response.statusCode ?? 502, headers, body: Buffer.concat(chunks) });
      });
    });
    request.end(message.body);
  });
}
