import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import {
  CIVITAS_BIN,
  freshTempDir,
  type LoadResult,
  load,
  ROOT,
  report,
  SERVER_NODE_FLAGS,
  startServer,
  waitUntilReady,
  withPostgresDatabase,
} from './lib.ts';

const SEED = { persons: 20_000, vehicles: 10_000 };
const MVR = 'BG/GOV/000695235';
const POPULATION = 'BG/GOV/831661388';
const PORTAL_MEMBER = 'BG/GOV/177547175';
const PORTAL_CLIENT = `${PORTAL_MEMBER}/civitas-portal`;
const PORTS = { registry: 3921, direct: 3922, nodeA: 3923, nodeAClients: 3924, nodeB: 3925 };

interface Child {
  process: ChildProcess;
  stop(): Promise<void>;
}

function spawnChild(args: string[], env: NodeJS.ProcessEnv): Child {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return {
    process: child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Polls a URL until it answers (any status); the process behind it is then listening. */
async function waitForHttp(url: string, child: Child, timeoutMs = 60_000): Promise<void> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (child.process.exitCode !== null)
      throw new Error(`${url}: the process exited (${child.process.exitCode})`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** Waits until a TCP port accepts connections (the node's listener admits only mutual TLS). */
async function waitForPort(port: number, child: Child, timeoutMs = 60_000): Promise<void> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (child.process.exitCode !== null) throw new Error(`port ${port}: the process exited`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`port ${port} did not open within ${timeoutMs} ms`);
}

function vinOf(databaseUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  return client
    .connect()
    .then(() =>
      client.query<{ vin: string }>('SELECT vin FROM vehicles.vehicles ORDER BY vin LIMIT 1 OFFSET 4321'),
    )
    .then((result) => result.rows[0]!.vin)
    .finally(() => client.end());
}

function checked(name: string, result: LoadResult): LoadResult {
  if (result.errors > 0) throw new Error(`${name}: ${result.errors} errors under load`);
  return result;
}

/**
 * The price of the exchange: a register's VIN lookup called directly over HTTP, against the same
 * lookup by an information system through node A → mutual TLS → node B → register (signed,
 * verified, access-checked and logged on both nodes). Every server is its own process.
 */
export async function run(): Promise<void> {
  const figures = await withPostgresDatabase(async (databaseUrl) => {
    const env = {
      DATABASE_URL: databaseUrl,
      CIVITAS_DATA_DIR: freshTempDir('civitas-bench-exchange-'),
      LOG_LEVEL: 'warn',
    };
    execFileSync(
      process.execPath,
      [CIVITAS_BIN, 'seed', '--persons', String(SEED.persons), '--vehicles', String(SEED.vehicles)],
      { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    const vin = await vinOf(databaseUrl);
    const registryUrl = `http://127.0.0.1:${PORTS.registry}`;
    const registry = startServer({ ...env, PORT: String(PORTS.registry), CIVITAS_PUBLIC_URL: registryUrl });
    const children: Child[] = [];
    try {
      await waitUntilReady(registryUrl, performance.now());
      const node = (id: string, port: number, members: string[], clientPort?: number) =>
        spawnChild(
          [
            // BENCH_CPU_PROF=<dir>: CPU profiles of both nodes, to see where the time goes.
            ...(process.env.BENCH_CPU_PROF
              ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF]
              : []),
            ...SERVER_NODE_FLAGS,
            CIVITAS_BIN,
            'node',
            '--id',
            id,
            '--port',
            String(port),
            '--members',
            members.join(','),
            '--registry',
            registryUrl,
            '--conf-refresh',
            '1',
            ...(clientPort ? ['--client-port', String(clientPort)] : []),
          ],
          env,
        );
      const nodeB = node('bench-b', PORTS.nodeB, [MVR, POPULATION]);
      children.push(nodeB);
      await waitForPort(PORTS.nodeB, nodeB);
      const nodeA = node('bench-a', PORTS.nodeA, [PORTAL_MEMBER], PORTS.nodeAClients);
      children.push(nodeA);
      const exchangeUrl = `http://127.0.0.1:${PORTS.nodeAClients}/r1/${MVR}/vehicle-register/vehicles/${vin}`;
      await waitForHttp(exchangeUrl, nodeA);
      const direct = spawnChild([path.join(ROOT, 'bench/exchange-direct.ts'), String(PORTS.direct)], env);
      children.push(direct);
      const directUrl = `http://127.0.0.1:${PORTS.direct}/vehicles/${vin}`;
      await waitForHttp(directUrl, direct);

      const headers = {
        'x-road-client': PORTAL_CLIENT,
        'x-road-purpose': 'vehicle history report',
        'x-road-legal-basis': 'Road Traffic Act, Art. 140',
      };
      // Both nodes learn each other from the registry's configuration within a refresh.
      const deadline = performance.now() + 15_000;
      for (;;) {
        const response = await fetch(exchangeUrl, { headers });
        if (response.status === 200) break;
        if (performance.now() > deadline)
          throw new Error(`the exchange answers ${response.status} ${response.headers.get('x-road-error')}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      await load(directUrl, { seconds: 2 });
      await load(exchangeUrl, { seconds: 2, headers });
      const directRun = checked('direct', await load(directUrl));
      const exchangeRun = await load(exchangeUrl, { headers });
      // BENCH_SERIAL=1: one connection too, to tell per-message latency from saturation.
      if (process.env.BENCH_SERIAL) {
        console.log('one connection', await load(exchangeUrl, { headers, connections: 1, seconds: 4 }));
      }
      if (exchangeRun.errors > 0) {
        // Name the faults: a bare count does not say which protection or limit answered.
        const answers = await Promise.all(
          Array.from({ length: 200 }, () =>
            fetch(exchangeUrl, { headers }).then(
              (response) => `${response.status} ${response.headers.get('x-road-error') ?? ''}`,
              (error: unknown) => String(error),
            ),
          ),
        );
        const tally = new Map<string, number>();
        for (const answer of answers) tally.set(answer, (tally.get(answer) ?? 0) + 1);
        throw new Error(
          `exchange: ${exchangeRun.errors} errors under load; a sample: ${JSON.stringify([...tally])}`,
        );
      }
      return { direct: directRun, exchange: exchangeRun };
    } finally {
      for (const child of children.reverse()) await child.stop();
      await registry.stop();
    }
  });

  report('exchange', 'postgresql (127.0.0.1), every server its own process, 20 connections, 8 s', {
    direct_rps: figures.direct.rps,
    direct_p50_ms: figures.direct.p50,
    direct_p99_ms: figures.direct.p99,
    exchange_rps: figures.exchange.rps,
    exchange_p50_ms: figures.exchange.p50,
    exchange_p99_ms: figures.exchange.p99,
    ratio: Number((figures.exchange.rps / figures.direct.rps).toFixed(3)),
  });
}
