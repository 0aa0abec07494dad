// `npm run bench -- dossier`: vehicle history reports on PostgreSQL with BENCH_DOSSIER_VEHICLES
// (default 1,000,000) vehicles, about ten inspections each. Reports are asked by anyone (VIN plus
// first-registration date) for random vehicles, through the real server in its own process: each
// is six register lookups through the exchange, signed and recorded. JSON under load (12 clients),
// then PDF (4 clients); /healthz under the same load is the machine's baseline.
// BENCH_DOSSIER_DATABASE_URL: a database seeded before (say by `civitas seed --vehicles 1000000`),
// used as it is and kept, to measure again without seeding for four minutes.
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import {
  CIVITAS_BIN,
  freshTempDir,
  latencyClient,
  processCpuMs,
  report,
  startServer,
  waitUntilReady,
  withPostgresDatabase,
} from './lib.ts';

const VEHICLES = Number(process.env.BENCH_DOSSIER_VEHICLES ?? 1_000_000);
const PERSONS = Math.max(1_000, Math.round(VEHICLES / 4));
/** Vehicles asked for, each once until all have been: enough for every phase at 1,000 reports/s. */
const SAMPLE = 40_000;

interface Timed {
  rps: number;
  count: number;
  p50: number;
  p95: number;
  errors: number;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

/**
 * `clients` keep-alive connections sending requests back to back for `seconds`; latency per
 * request. Each connection is a lean client (`latencyClient`): Node's `http` client would take
 * CPU from the server it measures on this two-core machine.
 */
async function drive(
  url: string,
  clients: number,
  seconds: number,
  next: () => { method: string; path: string; body?: string; accept?: string },
): Promise<Timed> {
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  const worker = async () => {
    let client = latencyClient(url);
    while (performance.now() < deadline) {
      const request = next();
      try {
        const answer = await client.send({
          method: request.method,
          path: request.path,
          headers: {
            accept: request.accept ?? 'application/json',
            ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          ...(request.body !== undefined ? { body: request.body } : {}),
        });
        if (answer.status === 200) latencies.push(answer.ms);
        else errors++;
      } catch {
        // A broken connection: counted, and the next request goes on a new one.
        errors++;
        client.close();
        client = latencyClient(url);
      }
    }
    client.close();
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, worker));
  const elapsed = (performance.now() - started) / 1000;
  return {
    rps: Math.round(latencies.length / elapsed),
    count: latencies.length,
    p50: Number(percentile(latencies, 50).toFixed(1)),
    p95: Number(percentile(latencies, 95).toFixed(1)),
    errors,
  };
}

export async function run(): Promise<void> {
  const seeded = process.env.BENCH_DOSSIER_DATABASE_URL;
  await (seeded ? measure(seeded, false) : withPostgresDatabase((databaseUrl) => measure(databaseUrl, true)));
}

async function measure(databaseUrl: string, seed: boolean): Promise<void> {
  const env = {
    DATABASE_URL: databaseUrl,
    PORT: '3903',
    CIVITAS_PUBLIC_URL: 'http://127.0.0.1:3903',
    CIVITAS_DATA_DIR: freshTempDir('civitas-bench-dossier-'),
    CIVITAS_RATE_LIMIT: '0',
  };
  const seedStart = performance.now();
  if (seed) {
    console.log(
      `seeding ${PERSONS.toLocaleString('en')} persons and ${VEHICLES.toLocaleString('en')} vehicles…`,
    );
    execFileSync(
      process.execPath,
      [CIVITAS_BIN, 'seed', '--persons', String(PERSONS), '--vehicles', String(VEHICLES)],
      {
        env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
        stdio: 'ignore',
      },
    );
  }
  const seedSeconds = (performance.now() - seedStart) / 1000;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const counts = await client.query<{ vehicles: string; inspections: string }>(
    'SELECT (SELECT count(*) FROM vehicles.vehicles) AS vehicles, (SELECT count(*) FROM inspections.inspections) AS inspections',
  );
  const sample = await client.query<{ vin: string; first: string }>(
    `SELECT vin, first_registration_date::text AS first FROM vehicles.vehicles TABLESAMPLE SYSTEM (10) ORDER BY random() LIMIT ${SAMPLE}`,
  );
  await client.end();
  const vehicles = Number(counts.rows[0]!.vehicles);
  const inspectionsPerVehicle = Number(counts.rows[0]!.inspections) / vehicles;
  const bodies = sample.rows.map((row) => JSON.stringify({ vin: row.vin, firstRegistrationDate: row.first }));

  const server = startServer(env);
  try {
    await waitUntilReady(server.url, performance.now());
    // One cursor through the sample for every phase: no vehicle is asked twice until all have been,
    // so the register pages a report reads are as cold as random traffic leaves them.
    let asked = 0;
    const ask = (accept?: string) => ({
      method: 'POST',
      path: '/api/vehicle-reports',
      body: bodies[asked++ % bodies.length]!,
      ...(accept ? { accept } : {}),
    });
    // Warm-up at the measured load: the JIT, the statement caches and the register pages settle.
    await drive(server.url, 12, 10, () => ask());
    const healthz = await drive(server.url, 16, 5, () => ({ method: 'GET', path: '/healthz' }));
    const cpuBefore = processCpuMs(server.process.pid);
    const json = await drive(server.url, 12, 15, () => ask());
    const cpuAfter = processCpuMs(server.process.pid);
    const pdf = await drive(server.url, 4, 10, () => ask('application/pdf'));
    if (json.errors > 0 || pdf.errors > 0) console.error(`errors: json ${json.errors}, pdf ${pdf.errors}`);
    report('dossier', 'postgresql (127.0.0.1), server in its own process', {
      vehicles,
      inspections_per_vehicle: Number(inspectionsPerVehicle.toFixed(1)),
      ...(seed ? { seed_s: Math.round(seedSeconds) } : {}),
      json_rps: json.rps,
      json_p50_ms: json.p50,
      json_p95_ms: json.p95,
      json_errors: json.errors,
      ...(cpuBefore !== null && cpuAfter !== null && json.count > 0
        ? { json_server_cpu_ms_per_report: Number(((cpuAfter - cpuBefore) / json.count).toFixed(2)) }
        : {}),
      pdf_rps: pdf.rps,
      pdf_p50_ms: pdf.p50,
      pdf_p95_ms: pdf.p95,
      pdf_errors: pdf.errors,
      healthz_rps_baseline: healthz.rps,
      json_to_healthz_ratio: Number((json.rps / healthz.rps).toFixed(4)),
    });
  } finally {
    await server.stop();
  }
}
