// `npm run bench -- exchange-transport`: the node-to-node hop alone. The nodes' transport
// (`httpsTransport`, undici pools with the registered certificate checked in the handshake)
// against the way it was sent before (`https.request` on an `https.Agent`, the baseline), to the
// same mutual-TLS listener in its own process, in alternated rounds so both see the same machine.
import { fork } from 'node:child_process';
import https from 'node:https';
import path from 'node:path';
import { type NodeMessage, REQUEST_HEADER } from '../server/src/exchange/node/context.ts';
import { httpsTransport, MESSAGES_PATH } from '../server/src/exchange/node/https-transport.ts';
import { createCertificateAuthority } from '../server/src/exchange/pki/certificate-authority.ts';
import { issueNodeCertificate } from '../server/src/exchange/pki/issue.ts';
import { type MutualTlsCredentials, mutualTlsAgent } from '../server/src/exchange/pki/tls.ts';
import { processCpuMs, ROOT, report } from './lib.ts';

const PORT = 3926;
const CONCURRENCY = 20;
const ROUNDS = 3;
const SECONDS = 4;

type Send = (message: NodeMessage) => Promise<number>;

/** The previous transport's request, as it was: `https.request` with a kept-alive agent. */
function agentSender(credentials: MutualTlsCredentials): { send: Send; close(): void } {
  const agent = mutualTlsAgent(credentials);
  const url = new URL(MESSAGES_PATH, `https://127.0.0.1:${PORT}`);
  const send: Send = (message) =>
    new Promise((resolve, reject) => {
      const request = https.request(url, {
        method: 'POST',
        agent,
        headers: {
          [REQUEST_HEADER]: message.requestJws,
          'content-type': 'application/octet-stream',
          'content-length': message.body.length,
        },
      });
      request.on('error', reject);
      request.on('response', (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => resolve(response.statusCode ?? 0));
      });
      request.end(message.body);
    });
  return { send, close: () => agent.destroy() };
}

function transportSender(credentials: MutualTlsCredentials, serverCertificatePem: string) {
  const transport = httpsTransport(credentials);
  const node = { id: 'bench-b', address: `https://127.0.0.1:${PORT}`, tlsCertificate: serverCertificatePem };
  const send: Send = async (message) => (await transport.send(node, message, 10_000)).status;
  return { send, close: () => transport.close() };
}

interface Round {
  rps: number;
  clientCpuUs: number;
  serverCpuUs: number;
}

async function round(send: Send, serverPid: number | undefined, seconds: number): Promise<Round> {
  const message = { requestJws: 'r'.repeat(1_300), body: Buffer.alloc(0) };
  const cpu = process.cpuUsage();
  const serverBefore = processCpuMs(serverPid);
  const deadline = performance.now() + seconds * 1000;
  let answered = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        const status = await send(message);
        if (status !== 200) throw new Error(`the listener answered ${status}`);
        answered++;
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  const serverAfter = processCpuMs(serverPid);
  return {
    rps: Math.round(answered / seconds),
    clientCpuUs: Math.round((used.user + used.system) / answered),
    serverCpuUs:
      serverBefore === null || serverAfter === null
        ? Number.NaN
        : Math.round(((serverAfter - serverBefore) * 1000) / answered),
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function run(): Promise<void> {
  const ca = await createCertificateAuthority({ commonName: 'Bench CA', validDays: 1 });
  const issue = (nodeId: string) =>
    issueNodeCertificate(ca, { nodeId, hostnames: ['localhost'], ipAddresses: ['127.0.0.1'], validDays: 1 });
  const [server, client] = await Promise.all([issue('bench-b'), issue('bench-a')]);
  const serverCredentials = { ...server, caPem: ca.certificatePem };
  const clientCredentials = { ...client, caPem: ca.certificatePem };
  const listener = fork(path.join(ROOT, 'bench/exchange-transport-server.ts'), [String(PORT)], {
    env: { ...process.env, BENCH_TLS: JSON.stringify(serverCredentials) },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const senders = {
    agent: agentSender(clientCredentials),
    undici: transportSender(clientCredentials, server.certificatePem),
  };
  try {
    await new Promise((resolve, reject) => {
      listener.once('message', resolve);
      listener.once('exit', (code) => reject(new Error(`the listener exited (${code})`)));
    });
    const rounds = { agent: [] as Round[], undici: [] as Round[] };
    for (const sender of Object.values(senders)) await round(sender.send, listener.pid, 2); // warm-up
    for (let index = 0; index < ROUNDS; index++) {
      const order = index % 2 === 0 ? (['agent', 'undici'] as const) : (['undici', 'agent'] as const);
      for (const name of order) rounds[name].push(await round(senders[name].send, listener.pid, SECONDS));
    }
    const figures = (name: 'agent' | 'undici') => ({
      [`${name}_rps`]: median(rounds[name].map((r) => r.rps)),
      [`${name}_client_cpu_us`]: median(rounds[name].map((r) => r.clientCpuUs)),
      [`${name}_server_cpu_us`]: median(rounds[name].map((r) => r.serverCpuUs)),
    });
    const agent = figures('agent');
    const undici = figures('undici');
    report(
      'exchange-transport',
      `node-to-node POST over mutual TLS, ${CONCURRENCY} concurrent, medians of ${ROUNDS} alternated ${SECONDS} s rounds`,
      {
        ...agent,
        ...undici,
        client_cpu_ratio: Number((undici.undici_client_cpu_us! / agent.agent_client_cpu_us!).toFixed(2)),
        rps_ratio: Number((undici.undici_rps! / agent.agent_rps!).toFixed(2)),
      },
    );
  } finally {
    for (const sender of Object.values(senders)) sender.close();
    await new Promise<void>((resolve) => {
      if (listener.exitCode !== null) return resolve();
      listener.once('exit', () => resolve());
      listener.kill('SIGTERM');
    });
  }
}
