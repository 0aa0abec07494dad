import tls from 'node:tls';
import { Pool } from 'undici';
import { certificateSerial } from '../pki/certificate-fields.ts';
import { normalizeSerial } from '../pki/serial.ts';
import { type MutualTlsCredentials, mutualTlsClientOptions, NO_SESSION_CACHE } from '../pki/tls.ts';
import { ExchangeFault } from '../protocol/errors.ts';
import { type NodeMessage, type NodeReply, type NodeTransport, REQUEST_HEADER } from './context.ts';

/** Where a node's listener takes messages from other nodes. */
export const MESSAGES_PATH = '/exchange/v1/messages';

/** An answer larger than this is not read: no register answer is near it. */
const REPLY_MAX_BYTES = 16 * 1024 * 1024;

/** Connections kept open to one provider node at most (each carries one message at a time). */
const CONNECTIONS_PER_NODE = 256;

export interface HttpsTransport extends NodeTransport {
  /** Closes the kept-alive connections. */
  close(): void;
}

type PeerNode = { id: string; address: string; tlsCertificate?: string };

/**
 * Node-to-node delivery over HTTPS with mutual TLS, on undici's connection pools (one per
 * provider node): this node presents its certificate, trusts only servers the platform CA
 * issued, and, when the registry lists the provider node's certificate, completes the handshake
 * only with that certificate. Another node's valid certificate is refused before the signed
 * request is written.
 */
export function httpsTransport(credentials: MutualTlsCredentials): HttpsTransport {
  /** By node id: the pool for the node's current address and registered certificate. */
  const pools = new Map<string, { address: string; tlsCertificate: string | undefined; pool: Pool }>();

  const poolFor = (node: PeerNode): Pool => {
    const current = pools.get(node.id);
    if (current?.address === node.address && current.tlsCertificate === node.tlsCertificate)
      return current.pool;
    // A new address or certificate in the global configuration: the old connections go.
    if (current) void current.pool.close().catch(() => {});
    const expectedSerial = node.tlsCertificate ? certificateSerial(node.tlsCertificate) : null;
    const pool = new Pool(new URL(node.address).origin, {
      connect: {
        ...mutualTlsClientOptions(credentials),
        ...NO_SESSION_CACHE,
        checkServerIdentity: (host, certificate) =>
          tls.checkServerIdentity(host, certificate) ??
          (expectedSerial !== null && normalizeSerial(certificate.serialNumber) !== expectedSerial
            ? new ExchangeFault(
                'Server.ClientProxy.SslAuthenticationFailed',
                `The server at ${node.address} is not node ${node.id}: its certificate is not the registered one.`,
              )
            : undefined),
      },
      connections: CONNECTIONS_PER_NODE,
      maxResponseSize: REPLY_MAX_BYTES,
    });
    pools.set(node.id, { address: node.address, tlsCertificate: node.tlsCertificate, pool });
    return pool;
  };

  return {
    async send(node, message, timeoutMs) {
      const pool = poolFor(node);
      try {
        return await post(pool, node, message, timeoutMs);
      } catch (error) {
        // A kept-alive connection the peer closed while idle. Sending again is safe: a message
        // that did arrive is refused as a replay, never served twice.
        if (isClosedConnection(error)) return post(pool, node, message, timeoutMs);
        throw error;
      }
    },
    close: () => {
      for (const { pool } of pools.values()) void pool.destroy().catch(() => {});
      pools.clear();
    },
  };
}

function isClosedConnection(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE';
}

async function post(pool: Pool, node: PeerNode, message: NodeMessage, timeoutMs: number): Promise<NodeReply> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await pool.request({
      path: MESSAGES_PATH,
      method: 'POST',
      headers: { [REQUEST_HEADER]: message.requestJws, 'content-type': 'application/octet-stream' },
      body: message.body,
      signal,
    });
    const body = Buffer.from(await response.body.arrayBuffer());
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? (value[0] ?? '') : value;
    }
    return { status: response.statusCode, headers, body };
  } catch (error) {
    if (signal.aborted && !(error instanceof ExchangeFault)) {
      throw new ExchangeFault(
        'Server.ClientProxy.Timeout',
        `The provider's node ${node.id} did not answer within ${timeoutMs} ms.`,
      );
    }
    throw error;
  }
}
