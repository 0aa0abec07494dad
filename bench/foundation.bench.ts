import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import {
  CIVITAS_BIN,
  freshTempDir,
  load,
  report,
  startServer,
  waitUntilReady,
  withPostgresDatabase,
} from './lib.ts';
import { measureNpmStart } from './npm-start.ts';

const PGLITE_SEED = { persons: 20_000, vehicles: 12_000 };
const POSTGRES_SEED = { persons: 50_000, vehicles: 30_000 };

/** Seeds through the CLI and reads the rows/s it reports. */
function seed(env: NodeJS.ProcessEnv, counts: { persons: number; vehicles: number }): number {
  const output = execFileSync(
    process.execPath,
    [CIVITAS_BIN, 'seed', '--persons', String(counts.persons), '--vehicles', String(counts.vehicles)],
    { env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const match = /\((\d+) rows\/s\)/.exec(output);
  if (!match) throw new Error(`unexpected seed output: ${output}`);
  return Number(match[1]);
}

async function tokenFor(env: NodeJS.ProcessEnv): Promise<string> {
  const accounts = JSON.parse(
    execFileSync(process.execPath, [CIVITAS_BIN, 'demo', 'accounts', '--json'], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
    }),
  ) as Array<{ personalNumber: string }>;
  return execFileSync(process.execPath, [CIVITAS_BIN, 'token', '--person', accounts[0]!.personalNumber], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  }).trim();
}

export async function run(): Promise<void> {
  // First, while nothing else of this run is going: npm start from a fresh machine, and a restart.
  const npmStart = await measureNpmStart();

  // PGlite on disk, as `npm start` uses it.
  const dataDir = freshTempDir('civitas-bench-');
  const pgliteEnv = { CIVITAS_DATA_DIR: dataDir, PORT: '3901', CIVITAS_PUBLIC_URL: 'http://127.0.0.1:3901' };
  const seedPglite = seed(pgliteEnv, PGLITE_SEED);
  const pgliteToken = await tokenFor(pgliteEnv);
  const startedAt = performance.now();
  const pgliteServer = startServer(pgliteEnv);
  let readySeconds: number;
  let mePglite: number;
  try {
    readySeconds = await waitUntilReady(pgliteServer.url, startedAt);
    mePglite = (
      await load(`${pgliteServer.url}/api/me`, { headers: { authorization: `Bearer ${pgliteToken}` } })
    ).rps;
  } finally {
    await pgliteServer.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  // PostgreSQL, as production runs.
  const figures = await withPostgresDatabase(async (databaseUrl) => {
    const env = {
      DATABASE_URL: databaseUrl,
      PORT: '3902',
      CIVITAS_PUBLIC_URL: 'http://127.0.0.1:3902',
      CIVITAS_DATA_DIR: freshTempDir('civitas-bench-pg-'),
    };
    const seedPostgres = seed(env, POSTGRES_SEED);
    const token = await tokenFor(env);
    const server = startServer(env);
    try {
      await waitUntilReady(server.url, performance.now());
      const healthz = await load(`${server.url}/healthz`);
      const me = await load(`${server.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
      if (healthz.errors > 0 || me.errors > 0)
        throw new Error(`errors under load: healthz ${healthz.errors}, me ${me.errors}`);
      return { seedPostgres, healthz, me };
    } finally {
      await server.stop();
    }
  });

  report('foundation', 'pglite (embedded, on disk) and postgresql 15 (127.0.0.1)', {
    ...npmStart,
    ready_s: Number(readySeconds.toFixed(2)),
    seed_rows_per_s_pglite: seedPglite,
    seed_rows_per_s_postgres: figures.seedPostgres,
    healthz_rps: figures.healthz.rps,
    me_rps: figures.me.rps,
    me_p99_ms: figures.me.p99,
    me_rps_pglite: mePglite,
    me_to_healthz_ratio: Number((figures.me.rps / figures.healthz.rps).toFixed(3)),
  });
}
