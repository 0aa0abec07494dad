import { type ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const CIVITAS_BIN = path.join(ROOT, 'server/bin/civitas.js');
/** The Node flags `server/bin/civitas.js` runs with (its shebang), for servers started by path. */
export const SERVER_NODE_FLAGS = ['--disable-warning=ExperimentalWarning', '--max-semi-space-size=64'];

export interface BenchResult {
  name: string;
  date: string;
  machine: { cpus: number; node: string };
  database: string;
  metrics: Record<string, number>;
}

/** Writes bench/results/<name>.json in the one shape every benchmark uses, and prints it as a table. */
export function report(name: string, database: string, metrics: Record<string, number>): BenchResult {
  const result: BenchResult = {
    name,
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version },
    database,
    metrics,
  };
  const directory = path.join(ROOT, 'bench/results');
  fs.mkdirSync(directory, { recursive: true });
  fs.writeFileSync(path.join(directory, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
  const width = Math.max(...Object.keys(metrics).map((key) => key.length));
  console.log(`\n${name} (${database}, ${result.machine.cpus} cpus, node ${result.machine.node})`);
  console.log(`${'metric'.padEnd(width)}  value`);
  console.log(`${'-'.repeat(width)}  ${'-'.repeat(12)}`);
  for (const [key, value] of Object.entries(metrics))
    console.log(`${key.padEnd(width)}  ${formatNumber(value)}`);
  return result;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString('en') : value.toFixed(2);
}

export interface RunningServer {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `civitas serve` as its own process (so load and server do not share one event loop). */
export function startServer(env: NodeJS.ProcessEnv): RunningServer {
  // BENCH_CPU_PROF=<dir>: a CPU profile of the server, to see where the time goes.
  const profile = process.env.BENCH_CPU_PROF
    ? [
        '--cpu-prof',
        '--cpu-prof-interval',
        process.env.BENCH_CPU_PROF_INTERVAL ?? '1000',
        '--cpu-prof-dir',
        process.env.BENCH_CPU_PROF,
      ]
    : [];
  const child = spawn(process.execPath, [...profile, ...SERVER_NODE_FLAGS, CIVITAS_BIN, 'serve'], {
    env: { ...process.env, LOG_LEVEL: 'warn', CIVITAS_RATE_LIMIT: '0', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return {
    url: `http://127.0.0.1:${env.PORT}`,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * The CPU time a process has used so far (user + system, all its threads), in milliseconds, from
 * /proc (Linux); null elsewhere. The difference over a phase, divided by its requests, is the CPU
 * each request cost the server, a figure less at the mercy of other load than throughput is.
 */
export function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / CLOCK_TICKS_PER_SECOND : null;
  } catch {
    return null;
  }
}

/**
 * CPU used by the local PostgreSQL server's processes (every backend, the WAL writer, the
 * checkpointer…) between `start` and the returned function's call, in milliseconds; null when
 * /proc cannot be read. A process that exits in between loses what it used; one that starts in
 * between counts whole.
 */
export function postgresCpuMs(): () => number | null {
  const read = (): Map<number, number> | null => {
    let entries: string[];
    try {
      entries = fs.readdirSync('/proc');
    } catch {
      return null;
    }
    const used = new Map<number, number>();
    for (const entry of entries) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        if (!fs.readFileSync(`/proc/${entry}/comm`, 'utf8').startsWith('postgres')) continue;
      } catch {
        continue; // exited meanwhile
      }
      const cpu = processCpuMs(Number(entry));
      if (cpu !== null) used.set(Number(entry), cpu);
    }
    return used;
  };
  const before = read();
  return () => {
    const after = read();
    if (!before || !after || after.size === 0) return null;
    let total = 0;
    for (const [pid, cpu] of after) total += cpu - (before.get(pid) ?? 0);
    return total;
  };
}

/** Linux's USER_HZ, the unit of /proc/<pid>/stat times: 100 on every mainstream kernel. */
const CLOCK_TICKS_PER_SECOND = 100;

/** Polls /readyz until it answers 200; returns the seconds it took. */
export async function waitUntilReady(url: string, startedAt: number, timeoutMs = 600_000): Promise<number> {
  while (performance.now() - startedAt < timeoutMs) {
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.ok) return (performance.now() - startedAt) / 1000;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${url} was not ready within ${timeoutMs} ms`);
}

export interface LoadResult {
  rps: number;
  /** Requests answered in the whole run. */
  requests: number;
  p50: number;
  p99: number;
  errors: number;
}

/** A bounded load on a loopback URL: fixed duration, fixed connections. */
export async function load(
  url: string,
  options: { headers?: Record<string, string>; seconds?: number; connections?: number } = {},
): Promise<LoadResult> {
  const result = await autocannon({
    url,
    connections: options.connections ?? 20,
    duration: options.seconds ?? 8,
    headers: options.headers ?? {},
  });
  const errors = result.errors + result.non2xx + result.timeouts;
  return {
    rps: Math.round(result.requests.average),
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors,
  };
}

export function freshTempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** The PostgreSQL server benchmarks run on (`BENCH_DATABASE_URL`). */
export const BENCH_POSTGRES = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh database on the benchmark server for one run, dropped afterwards. */
export async function withPostgresDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  const name = `civitas_bench_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: BENCH_POSTGRES });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(BENCH_POSTGRES);
  url.pathname = `/${name}`;
  try {
    return await work(url.toString());
  } finally {
    const cleanup = new pg.Client({ connectionString: BENCH_POSTGRES });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await cleanup.end();
  }
}

/**
 * A database kept between runs (`--keep <name>`): created when missing, never dropped; `work`
 * learns whether it existed (a seeded database is measured again without seeding it again).
 */
export async function withKeptPostgresDatabase<T>(
  name: string,
  work: (url: string, existed: boolean) => Promise<T>,
): Promise<T> {
  if (!/^[a-z][a-z0-9_]{0,40}$/.test(name)) throw new Error('--keep takes a lower-case database name');
  const admin = new pg.Client({ connectionString: BENCH_POSTGRES });
  await admin.connect();
  const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  const existed = (found.rowCount ?? 0) > 0;
  if (!existed) await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(BENCH_POSTGRES);
  url.pathname = `/${name}`;
  return work(url.toString(), existed);
}

/** A request `latencyClient` sends. */
export interface LatencyRequest {
  method: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

/**
 * A keep-alive HTTP/1.1 client for latency measurements: one socket, one request at a time, the
 * request written in one packet and the response read straight off the socket. Node's `http`
 * client costs more than a small server's answer (and its garbage collections land inside the
 * timings), so a measurement through it says more about the client than about the server; under
 * load it also takes CPU from the server it measures. Answers must carry Content-Length (every
 * answer of the platform does).
 */
export function latencyClient(
  baseUrl: string,
  timeoutMs = 10_000,
): {
  get<T>(path: string): Promise<{ ms: number; status: number; body: T }>;
  /** Any request; the answer's body as it came. */
  send(request: LatencyRequest): Promise<{ ms: number; status: number; body: Buffer }>;
  close(): void;
} {
  const target = new URL(baseUrl);
  const socket = net.connect(Number(target.port), target.hostname);
  socket.setNoDelay(true);
  const connected = new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  let waiting: {
    started: number;
    resolve: (answer: { ms: number; status: number; body: Buffer }) => void;
    reject: (error: Error) => void;
  } | null = null;
  let received: Buffer = Buffer.alloc(0);
  const fail = (error: Error) => {
    const current = waiting;
    waiting = null;
    current?.reject(error);
  };
  socket.on('data', (chunk: Buffer) => {
    received = received.length === 0 ? chunk : Buffer.concat([received, chunk]);
    const headEnd = received.indexOf('\r\n\r\n');
    if (headEnd < 0 || !waiting) return;
    const head = received.subarray(0, headEnd).toString('latin1');
    const length = /\r\ncontent-length: *(\d+)/i.exec(head);
    if (!length) return fail(new Error(`an answer without Content-Length: ${head.split('\r\n')[0]}`));
    const end = headEnd + 4 + Number(length[1]);
    if (received.length < end) return;
    const ms = performance.now() - waiting.started;
    const body = received.subarray(headEnd + 4, end);
    received = received.subarray(end);
    const current = waiting;
    waiting = null;
    current.resolve({ ms, status: Number(head.slice(9, 12)), body });
  });
  socket.on('error', (error) => fail(error));
  socket.on('close', () => fail(new Error('the server closed the connection')));
  const send = async (request: LatencyRequest) => {
    await connected;
    if (waiting) throw new Error('one request at a time');
    let head = `${request.method} ${request.path} HTTP/1.1\r\nhost: ${target.host}\r\n`;
    for (const [name, value] of Object.entries(request.headers ?? {})) head += `${name}: ${value}\r\n`;
    if (request.body !== undefined) head += `content-length: ${Buffer.byteLength(request.body)}\r\n`;
    const packet = `${head}\r\n${request.body ?? ''}`;
    return new Promise<{ ms: number; status: number; body: Buffer }>((resolve, reject) => {
      const timer = setTimeout(
        () => fail(new Error(`no answer to ${request.method} ${request.path} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      waiting = {
        started: performance.now(),
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      socket.write(packet);
    });
  };
  return {
    send,
    async get<T>(path: string) {
      const answer = await send({ method: 'GET', path });
      return { ms: answer.ms, status: answer.status, body: JSON.parse(answer.body.toString('utf8')) as T };
    },
    close: () => socket.destroy(),
  };
}
