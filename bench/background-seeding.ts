import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { CIVITAS_BIN, freshTempDir, processCpuMs, startServer, waitUntilReady } from './lib.ts';

/**
 * How FHIR reads fare while `npm start` seeds the health records in the background (the embedded
 * database has one connection, so a read waits for the batch being written): the demo citizen
 * reads their Patient and their laboratory results, one request at a time, for a while during the
 * seeding, then on the same database with the seeding off (`CIVITAS_DEMO_HEALTH_RECORDS=100`);
 * before that, how fast the seeding goes with nobody using the server.
 *
 *   node bench/background-seeding.ts [persons=2000] [seconds=30]
 *
 * Prints the figures; writes nothing (a quick check, not one of `npm run bench`'s).
 */
const persons = Number(process.argv[2] ?? 2000);
const seconds = Number(process.argv[3] ?? 30);
const PORT = '3911';

interface Phase {
  reads: number;
  p50_ms: number;
  p95_ms: number;
  max_ms: number;
  errors: number;
}

async function main() {
  const dataDir = freshTempDir('civitas-background-seeding-');
  const env = {
    CIVITAS_DATA_DIR: dataDir,
    PORT,
    HOST: '127.0.0.1',
    CIVITAS_DEMO_PERSONS: String(persons),
    CIVITAS_DEMO_VEHICLES: '100',
  };
  try {
    let server = startServer(env);
    await waitUntilReady(server.url, performance.now());
    const citizen = demoCitizen(env);
    const token = cli(env, 'token', '--person', citizen).trim();
    const patientId = await ownPatientId(server.url, token);
    // Nobody using the server: the seeding goes at full speed.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const idleFrom = await healthRecords(server.url);
    const cpuFrom = processCpuMs(server.process.pid);
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    const idleTo = await healthRecords(server.url);
    const cpuTo = processCpuMs(server.process.pid);
    const before = await healthRecords(server.url);
    const during = await readFor(server.url, token, patientId, seconds);
    const after = await healthRecords(server.url);
    const stopStarted = performance.now();
    await server.stop();
    const stopMs = performance.now() - stopStarted;

    server = startServer({ ...env, CIVITAS_DEMO_HEALTH_RECORDS: '100' });
    await waitUntilReady(server.url, performance.now());
    const idle = await readFor(server.url, token, patientId, seconds);
    await server.stop();

    console.log(
      JSON.stringify(
        {
          persons,
          load_average_1m: Math.round(os.loadavg()[0]! * 10) / 10,
          seeding_persons_per_s_idle: Math.round(((idleTo.done - idleFrom.done) / seconds) * 10) / 10,
          // The server's CPU per person seeded, all threads: what a batch of one person costs on an idle machine.
          seeding_cpu_ms_per_person:
            cpuFrom === null || cpuTo === null
              ? null
              : Math.round((cpuTo - cpuFrom) / Math.max(idleTo.done - idleFrom.done, 1)),
          seeding_persons_per_s_while_read: Math.round(((after.done - before.done) / seconds) * 10) / 10,
          seeded_at_the_end: after,
          reads_during_seeding: during,
          reads_without_seeding: idle,
          sigterm_to_exit_ms: Math.round(stopMs),
        },
        null,
        2,
      ),
    );
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function cli(env: NodeJS.ProcessEnv, ...argv: string[]): string {
  return execFileSync(process.execPath, [CIVITAS_BIN, ...argv], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

function demoCitizen(env: NodeJS.ProcessEnv): string {
  const accounts = JSON.parse(cli(env, 'demo', 'accounts', '--json')) as Array<{
    role: string;
    personalNumber: string;
  }>;
  const citizen = accounts.find((account) => account.role === 'citizen');
  if (!citizen) throw new Error('no demo citizen');
  return citizen.personalNumber;
}

async function ownPatientId(url: string, token: string): Promise<string> {
  const response = await fetch(`${url}/fhir/R4/Patient`, { headers: headers(token) });
  const bundle = (await response.json()) as { entry?: Array<{ resource: { id: string } }> };
  const id = bundle.entry?.[0]?.resource.id;
  if (!id) throw new Error(`the citizen has no Patient: ${response.status} ${JSON.stringify(bundle)}`);
  return id;
}

async function healthRecords(url: string): Promise<{ state: string; done: number; total: number }> {
  const readiness = (await (await fetch(`${url}/readyz`)).json()) as {
    background?: { healthRecords?: { state: string; done: number; total: number } };
  };
  return readiness.background?.healthRecords ?? { state: 'none', done: 0, total: 0 };
}

/** One request at a time, as a person using the app makes them, with a short pause in between. */
async function readFor(url: string, token: string, patientId: string, forSeconds: number): Promise<Phase> {
  const paths = [`/fhir/R4/Patient/${patientId}`, `/fhir/R4/Observation?patient=${patientId}&_count=10`];
  const times: number[] = [];
  let errors = 0;
  const until = performance.now() + forSeconds * 1000;
  for (let i = 0; performance.now() < until; i++) {
    const started = performance.now();
    const response = await fetch(`${url}${paths[i % paths.length]}`, { headers: headers(token) });
    await response.arrayBuffer();
    times.push(performance.now() - started);
    if (!response.ok) errors++;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  times.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))]! * 10) / 10;
  return { reads: times.length, p50_ms: at(0.5), p95_ms: at(0.95), max_ms: at(1), errors };
}

function headers(token: string) {
  return { authorization: `Bearer ${token}`, accept: 'application/fhir+json' };
}

await main();
