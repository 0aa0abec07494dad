import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CertificateAuthority, createCertificateAuthority } from './certificate-authority.ts';
import { certificateSubjectCommonName } from './certificate-fields.ts';
import { type IssuedCertificate, issueNodeCertificate } from './issue.ts';
import { mutualTlsAgent, mutualTlsServerOptions, peerCertificatePem } from './tls.ts';

let ca: CertificateAuthority;
let otherCa: CertificateAuthority;
let serverCertificate: IssuedCertificate;
let server: https.Server;
let baseUrl: string;
let requestsHandled = 0;
const handshakeErrors: Error[] = [];
const agents: https.Agent[] = [];

const issueLocalNode = (authority: CertificateAuthority, nodeId: string) =>
  issueNodeCertificate(authority, { nodeId, hostnames: ['localhost'], ipAddresses: ['127.0.0.1'] });

beforeAll(async () => {
  [ca, otherCa] = await Promise.all([
    createCertificateAuthority({ commonName: 'Civitas CA', validDays: 1 }),
    createCertificateAuthority({ commonName: 'Other CA', validDays: 1 }),
  ]);
  serverCertificate = await issueLocalNode(ca, 'node-server');
  server = https.createServer(
    mutualTlsServerOptions({ ...serverCertificate, caPem: ca.certificatePem }),
    (req, res) => {
      requestsHandled++;
      const peer = peerCertificatePem(req.socket as tls.TLSSocket);
      res.end(peer ? certificateSubjectCommonName(peer) : 'no peer certificate');
    },
  );
  server.on('tlsClientError', (error) => handshakeErrors.push(error));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  for (const agent of agents) agent.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function track(agent: https.Agent): https.Agent {
  agents.push(agent);
  return agent;
}

function get(url: string, agent: https.Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { agent }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

describe('mutual TLS between nodes', () => {
  it('lets a node with a certificate from the platform CA in, and the server sees who it is', async () => {
    const client = await issueLocalNode(ca, 'node-client');
    const agent = track(mutualTlsAgent({ ...client, caPem: ca.certificatePem }));

    expect(await get(baseUrl, agent)).toEqual({ status: 200, body: 'node-client' });
  });

  it('refuses a client without a certificate at the handshake', async () => {
    const before = requestsHandled;
    const agent = track(new https.Agent({ ca: ca.certificatePem, minVersion: 'TLSv1.3' }));

    await expect(get(baseUrl, agent)).rejects.toThrow(/certificate required/);
    expect(requestsHandled).toBe(before);
    expect(handshakeErrors.at(-1)?.message).toMatch(/peer did not return a certificate/);
  });

  it('refuses a client whose certificate another CA issued', async () => {
    const before = { requests: requestsHandled, handshakeErrors: handshakeErrors.length };
    const foreign = await issueLocalNode(otherCa, 'node-client');
    const agent = track(mutualTlsAgent({ ...foreign, caPem: ca.certificatePem }));

    // Node checks a presented client certificate once the TLS 1.3 handshake is done and then drops
    // the socket with no alert, so the client sees a hang-up and no request reaches a handler.
    await expect(get(baseUrl, agent)).rejects.toThrow(/socket hang up|ECONNRESET|alert/);
    expect(requestsHandled).toBe(before.requests);
    expect(handshakeErrors.length).toBe(before.handshakeErrors + 1);
  });

  it('refuses, as a client, a server whose certificate another CA issued', async () => {
    const client = await issueLocalNode(ca, 'node-client');
    const agent = track(mutualTlsAgent({ ...client, caPem: otherCa.certificatePem }));

    await expect(get(baseUrl, agent)).rejects.toThrow(/self-signed|unable to verify|certificate/i);
  });
});
