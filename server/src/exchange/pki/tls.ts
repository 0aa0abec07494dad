import https from 'node:https';
import type tls from 'node:tls';

export interface MutualTlsCredentials {
  certificatePem: string;
  privateKeyPem: string;
  /** Only certificates this CA issued are accepted: it replaces Node's public root store. */
  caPem: string | string[];
}

/**
 * Server side of node-to-node mutual TLS: a client without a certificate from the platform CA is
 * refused during the handshake, before any request reaches a handler.
 */
export function mutualTlsServerOptions({ certificatePem, privateKeyPem, caPem }: MutualTlsCredentials) {
  return {
    key: privateKeyPem,
    cert: certificatePem,
    ca: caPem,
    requestCert: true,
    rejectUnauthorized: true,
    minVersion: 'TLSv1.3',
  } satisfies https.ServerOptions;
}

/** Client side: presents the node certificate and trusts only servers the platform CA issued. */
export function mutualTlsClientOptions({ certificatePem, privateKeyPem, caPem }: MutualTlsCredentials) {
  return {
    key: privateKeyPem,
    cert: certificatePem,
    ca: caPem,
    rejectUnauthorized: true,
    minVersion: 'TLSv1.3',
  } satisfies tls.ConnectionOptions;
}

/**
 * No TLS session resumption on the client side: a resumed session carries no certificate, and
 * both nodes read the peer's certificate on every connection (the provider to admit the sender,
 * the consumer to check it reached the registered node). Kept-alive connections make full
 * handshakes rare.
 */
export const NO_SESSION_CACHE = { maxCachedSessions: 0 } as const;

/** The client side as an `https.Agent` with kept-alive connections. */
export function mutualTlsAgent(credentials: MutualTlsCredentials): https.Agent {
  return new https.Agent({ ...mutualTlsClientOptions(credentials), ...NO_SESSION_CACHE, keepAlive: true });
}

/** The certificate the peer presented, as PEM, so the caller can check revocation and read its CN. */
export function peerCertificatePem(socket: tls.TLSSocket): string | null {
  return socket.getPeerX509Certificate()?.toString() ?? null;
}
