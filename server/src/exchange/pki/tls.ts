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
export function mutualTlsAgent({ certificatePem, privateKeyPem, caPem }: MutualTlsCredentials): https.Agent {
  return new https.Agent({
    key: privateKeyPem,
    cert: certificatePem,
    ca: caPem,
    rejectUnauthorized: true,
    minVersion: 'TLSv1.3',
    keepAlive: true,
    // No TLS session resumption: a resumed session carries no certificate, and both nodes read
    // the peer's certificate on every connection (the provider to admit the sender, the consumer
    // to check it reached the registered node). Kept-alive connections make full handshakes rare.
    maxCachedSessions: 0,
  });
}

/** The certificate the peer presented, as PEM, so the caller can check revocation and read its CN. */
export function peerCertificatePem(socket: tls.TLSSocket): string | null {
  return socket.getPeerX509Certificate()?.toString() ?? null;
}
