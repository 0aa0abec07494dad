import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import {
  CIVITAS_BIN,
  freshTempDir,
  type LoadResult,
  load,
  postgresCpuMs,
  processCpuMs,
  ROOT,
  report,
  SERVER_NODE_FLAGS,
  startServer,
  waitUntilReady,
  withPostgresDatabase,
} from './lib.ts';

const SEED = { persons: 20_000, vehicles: 10_000 };
const WARM_UP_SECONDS = 10;
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
 * A load run with the CPU each process used per answered request, in microseconds: where an
 * exchanged message's cost goes (`load` is this process, the load generator).
 */
async function withCpu(
  run: () => Promise<LoadResult>,
  processes: Record<string, number | undefined>,
): Promise<{ result: LoadResult; cpuUs: Record<string, number> }> {
  const before = Object.entries(processes).map(([name, pid]) => [name, pid, processCpuMs(pid)] as const);
  const postgres = postgresCpuMs();
  const self = process.cpuUsage();
  const result = await run();
  const selfUs = process.cpuUsage(self);
  const perRequest = (ms: number) => Math.round((ms * 1000) / Math.max(result.requests, 1));
  const cpuUs: Record<string, number> = {};
  for (const [name, pid, startMs] of before) {
    const endMs = processCpuMs(pid);
    if (startMs !== null && endMs !== null) cpuUs[name] = perRequest(endMs - startMs);
  }
  const postgresMs = postgres();
  if (postgresMs !== null) cpuUs.postgres = perRequest(postgresMs);
  cpuUs.load = perRequest((selfUs.user + selfUs.system) / 1000);
  return { result, cpuUs };
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
      const directServer = spawnChild(
        [path.join(ROOT, 'bench/exchange-direct.ts'), String(PORTS.direct)],
        env,
      );
      children.push(directServer);
      const directUrl = `http://127.0.0.1:${PORTS.direct}/vehicles/${vin}`;
      await waitForHttp(directUrl, directServer);

      const headers = {
        'x-road-client': PORTAL_CLIENT,
        'x-road-purpose': 'vehicle-history-report',
        'x-road-legal-basis': 'road-traffic-act-art-140',
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
      // Warm-ups at the measured load: the JIT, the statement caches, the signature and access
      // caches and the feed's pace settle in the first seconds (a 2 s warm-up left the exchange
      // measured 20–40% below its steady state).
      await load(directUrl, { seconds: WARM_UP_SECONDS });
      await load(exchangeUrl, { seconds: WARM_UP_SECONDS, headers });
      const direct = await withCpu(() => load(directUrl), { server: directServer.process.pid });
      checked('direct', direct.result);
      const exchange = await withCpu(() => load(exchangeUrl, { headers }), {
        node_a: nodeA.process.pid,
        node_b: nodeB.process.pid,
        registry: registry.process.pid,
      });
      const exchangeRun = exchange.result;
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
      return { direct, exchange };
    } finally {
      for (const child of children.reverse()) await child.stop();
      await registry.stop();
    }
  });

  const { direct, exchange } = figures;
  const cpu = (prefix: string, used: Record<string, number>) =>
    Object.fromEntries(Object.entries(used).map(([name, us]) => [`${prefix}_cpu_us_${name}`, us]));
  report('exchange', 'postgresql (127.0.0.1), every server its own process, 20 connections, 8 s', {
    direct_rps: direct.result.rps,
    direct_p50_ms: direct.result.p50,
    direct_p99_ms: direct.result.p99,
    exchange_rps: exchange.result.rps,
    exchange_p50_ms: exchange.result.p50,
    exchange_p99_ms: exchange.result.p99,
    ratio: Number((exchange.result.rps / direct.result.rps).toFixed(3)),
    // CPU per answered request, by process (microseconds): where the exchange's price goes.
    ...cpu('direct', direct.cpuUs),
    ...cpu('exchange', exchange.cpuUs),
  });
}
