import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeEgn } from '@civitas/contracts/ids/egn.ts';
import { decodeJwt } from 'jose';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from './db/connect.ts';
import { exchangeLogs } from './exchange/index.ts';

const BIN = path.resolve(import.meta.dirname, '../bin/civitas.js');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of a child process: this one's, with `changes` applied (undefined unsets). */
function childEnv(changes: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = { ...process.env, ...changes };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name];
  return env;
}

function civitas(args: string[], env: NodeJS.ProcessEnv = {}, cwd?: string): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    env: childEnv({ LOG_LEVEL: 'warn', ...env }),
    encoding: 'utf8',
    timeout: 120_000,
    ...(cwd && { cwd }),
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface StartedServer {
  process: ChildProcess;
  /** Everything it printed so far, stdout and stderr as they came. */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `civitas serve` and waits until `until` matches what it printed. */
async function startServer(env: NodeJS.ProcessEnv, until: RegExp = /admin\s+\d{10}/): Promise<StartedServer> {
  let output = '';
  const child = spawn(process.execPath, [BIN, 'serve'], { env: childEnv(env) });
  child.stdout!.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    output += chunk;
  });
  const server: StartedServer = {
    process: child,
    output: () => output,
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill(signal);
      }),
  };
  for (let waited = 0; waited < 90_000; waited += 50) {
    if (until.test(output)) return server;
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await server.stop();
  throw new Error(`server not ready: ${output}`);
}

function freePort(): number {
  return 39_000 + Math.floor(Math.random() * 1000);
}

describe('the civitas command line', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'civitas-cli-'));
    env = { CIVITAS_DATA_DIR: dataDir, CIVITAS_DEMO_PERSONS: '200', CIVITAS_DEMO_VEHICLES: '60' };
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('seeds a synthetic population of the asked size', () => {
    const run = civitas(['seed', '--persons', '120', '--vehicles', '40'], env);
    expect(run.stderr).not.toMatch(/Error|at .+:\d+/);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /Seeded 120 persons and 40 vehicles: \d+ rows in [\d.]+ s \(\d+ rows\/s\) on pglite/,
    );
    // Progress counts persons and vehicles each against its own total (item 24).
    expect(run.stderr).toContain('Seeding: persons 100% (120/120)');
    expect(run.stderr).toContain('Seeding: vehicles 100% (40/40)');
  });

  it('lists the demo accounts as JSON, one per role', () => {
    const run = civitas(['demo', 'accounts', '--json'], env);
    expect(run.status).toBe(0);
    const accounts = JSON.parse(run.stdout) as Array<{ role: string; personalNumber: string; name: string }>;
    expect(accounts.map((account) => account.role)).toEqual([
      'citizen',
      'official',
      'doctor',
      'pharmacist',
      'police',
      'auditor',
      'admin',
      'doctor',
    ]);
    for (const account of accounts) expect(account.personalNumber).toMatch(/^\d{10}$/);
  });

  it('prints an access token for a seeded person', () => {
    const [citizen] = JSON.parse(civitas(['demo', 'accounts', '--json'], env).stdout) as Array<{
      personalNumber: string;
    }>;
    const run = civitas(['token', '--person', citizen!.personalNumber], env);
    expect(run.status).toBe(0);
    expect(decodeJwt(run.stdout.trim())).toMatchObject({
      sub: citizen!.personalNumber,
      aud: 'urn:civitas:api',
      roles: ['citizen'],
    });
  });

  it('refuses a malformed or unknown personal number with a stable code and exit status 2', () => {
    const malformed = civitas(['token', '--person', '12345'], env);
    expect(malformed.status).toBe(2);
    expect(malformed.stderr).toContain('civitas: invalid-personal-number:');
    const unknown = civitas(['token', '--person', makeEgn('1902-02-02', 'M', 7)], env);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('civitas: person-not-found:');
  });

  it('rejects bad arguments and names a bad environment variable', () => {
    const badCount = civitas(['seed', '--persons', 'many'], env);
    expect(badCount.status).not.toBe(0);
    expect(badCount.stderr).toContain('whole number');
    const badPort = civitas(['serve'], { ...env, PORT: 'eighty' });
    expect(badPort.status).toBe(78);
    expect(badPort.stderr).toContain('configuration error: PORT');
  });

  it('manages exchange access rights from the command line, with every change audited', async () => {
    const listed = civitas(['exchange', 'rights', 'list', '--json'], env);
    expect(listed.status).toBe(0);
    const before = JSON.parse(listed.stdout) as Array<{ id: string; client: string }>;
    expect(before.some((right) => right.client === 'BG/GOV/177547175/civitas-portal')).toBe(true);

    const grant = civitas(
      [
        'exchange',
        'rights',
        'grant',
        '--client',
        'BG/GOV/000695235/traffic-fines',
        '--service',
        'BG/GOV/000695235/vehicle-register/vehicles',
        '--endpoint',
        'GET /{vin}',
        '--pair',
        'purpose=traffic-control,basis=road-traffic-act-art-165',
        '--pair',
        'purpose=criminal-investigation,basis=ministry-of-interior-act-art-6',
      ],
      env,
    );
    expect(grant.stderr).toBe('');
    expect(grant.status).toBe(0);
    const id = grant.stdout.trim();
    const after = JSON.parse(civitas(['exchange', 'rights', 'list', '--json'], env).stdout) as Array<{
      id: string;
      endpoint: string;
    }>;
    expect(after.find((right) => right.id === id)).toMatchObject({
      endpoint: 'GET /{vin}',
      pairs: [
        { purpose: 'traffic-control', legalBasis: 'road-traffic-act-art-165' },
        { purpose: 'criminal-investigation', legalBasis: 'ministry-of-interior-act-art-6' },
      ],
    });
    // A pair is a purpose and a basis of the catalogue, not free text.
    for (const pair of ['purpose=traffic control,basis=road-traffic-act-art-165']) {
      const refused = civitas(
        [
          'exchange',
          'rights',
          'grant',
          '--client',
          'BG/GOV/000695235/traffic-fines',
          '--service',
          'BG/GOV/000695235/vehicle-register/vehicles',
          '--pair',
          pair,
        ],
        env,
      );
      expect(refused.status, refused.stderr).toBe(2);
      expect(refused.stderr).toContain('civitas: validation-failed:');
    }

    const revoke = civitas(['exchange', 'rights', 'revoke', id], env);
    expect(revoke.status).toBe(0);
    expect(civitas(['exchange', 'rights', 'revoke', id], env).stderr).toContain('civitas: route-not-found:');
    const badClient = civitas(
      [
        'exchange',
        'rights',
        'grant',
        '--client',
        'nobody',
        '--service',
        'x',
        '--pair',
        'purpose=traffic-control,basis=road-traffic-act-art-165',
      ],
      env,
    );
    expect(badClient.status).toBe(2);
    expect(badClient.stderr).toContain('civitas: validation-failed:');

    const database = await connectDatabase({ dataDir: path.join(dataDir, 'pglite') });
    try {
      const audit = (await exchangeLogs(database.db).admin.readAfter(0, 100_000)).filter(
        (row) => row.subject === id,
      );
      expect(audit.map((row) => row.action)).toEqual(['access-right.granted', 'access-right.revoked']);
      expect(audit[0]!.actor).toMatch(/^cli:/);
    } finally {
      await database.close();
    }
  }, 120_000); // seven runs of the command line, most opening the embedded database

  it.each([['token', '--person', '8503146785'], ['demo', 'accounts'], ['seed']])(
    'refuses the demo convenience "%s" in production',
    (...args) => {
      const run = civitas(args, {
        ...env,
        CIVITAS_ENV: 'production',
        DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
        CIVITAS_PUBLIC_URL: 'https://civitas.example.bg',
      });
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('civitas: demo-disabled:');
    },
  );
});

describe('npm start on the embedded database', () => {
  let dataDir: string;
  let server: StartedServer | undefined;
  const port = freePort();
  const env = () => ({
    CIVITAS_DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    CIVITAS_DEMO_PERSONS: '150',
    CIVITAS_DEMO_VEHICLES: '50',
  });

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'civitas-serve-'));
  });
  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('seeds on first start, prints the URL and demo accounts, and keeps the data across a restart', async () => {
    server = await startServer({ LOG_LEVEL: 'warn', ...env() });
    const first = server.output();
    expect(first).toMatch(/Seeded 150 persons and 50 vehicles/);
    expect(first).toContain(`Civitas is ready at http://localhost:${port}`);
    expect(first).toMatch(/citizen\s+\d{10}/);
    const accounts = (await (await fetch(`http://127.0.0.1:${port}/api/demo/accounts`)).json()) as Array<{
      personalNumber: string;
    }>;
    expect(accounts).toHaveLength(8);

    // While the server holds the embedded database, the CLI asks the server instead.
    const token = civitas(['token', '--person', accounts[0]!.personalNumber], env());
    expect(token.status).toBe(0);
    const me = await fetch(`http://127.0.0.1:${port}/api/me`, {
      headers: { authorization: `Bearer ${token.stdout.trim()}` },
    });
    expect(me.status).toBe(200);

    // A second server on the same data directory is refused, not allowed to corrupt it.
    const second = civitas(['serve'], { ...env(), PORT: String(port + 1) });
    expect(second.status).toBe(1);
    expect(second.stderr).toContain('is in use by process');

    expect(await server.stop()).toBe(0);
    server = await startServer({ LOG_LEVEL: 'warn', ...env() });
    expect(server.output()).not.toMatch(/Seeded/);
    const after = (await (await fetch(`http://127.0.0.1:${port}/api/demo/accounts`)).json()) as Array<{
      personalNumber: string;
    }>;
    expect(after).toEqual(accounts);
    const meAgain = await fetch(`http://127.0.0.1:${port}/api/me`, {
      headers: { authorization: `Bearer ${token.stdout.trim()}` },
    });
    expect(meAgain.status).toBe(200);
  });
});

describe('the console of npm start (issue 14, item 24)', () => {
  let dataDir: string;
  let server: StartedServer | undefined;
  const port = freePort();

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'civitas-console-'));
  });
  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('ends with the URL and the demo accounts and keeps them there: no line per request, seeding counted by persons and vehicles', async () => {
    // No LOG_LEVEL: the development default.
    server = await startServer({
      LOG_LEVEL: undefined,
      CIVITAS_ENV: undefined,
      CIVITAS_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      CIVITAS_DEMO_PERSONS: '150',
      CIVITAS_DEMO_VEHICLES: '50',
    });
    const base = `http://127.0.0.1:${port}`;
    for (const url of ['/healthz', '/readyz', '/api/demo/accounts', '/no-such-page', '/api/me']) {
      await (await fetch(`${base}${url}`)).arrayBuffer();
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    const output = server.output();
    expect(output).toContain('Seeding the demo population: persons 100% (150/150)');
    expect(output).toContain('Seeding the demo population: vehicles 100% (50/50)');
    const lines = output.trimEnd().split('\n');
    const banner = lines.findIndex((line) => line.startsWith('Civitas is ready at http://localhost:'));
    expect(banner).toBeGreaterThan(0);
    // The banner is the last thing printed: the address, the documentation, the seven accounts.
    const after = lines.slice(banner + 1);
    expect(after.slice(0, 3)).toEqual([
      `API documentation: http://localhost:${port}/docs`,
      '',
      'Demo accounts (sign in with the personal number and PIN 1234):',
    ]);
    // The eight accounts, then (while it runs) one line on the health records seeded in the background.
    const accounts = after.slice(3, 11);
    expect(accounts).toHaveLength(8);
    expect(accounts.at(-1)).toMatch(/^ {2}doctor\s+\d{10}/);
    const rest = after.slice(11);
    expect(rest.length).toBeLessThanOrEqual(1);
    for (const line of rest)
      expect(line).toMatch(
        /^Health records: \d+ of 150 persons; the others are being seeded in the background/,
      );
    expect(output).not.toMatch(/incoming request|request completed/);
  });
});

describe('the command line beside a running server (issue 14, item 25)', () => {
  let dataDir: string;
  let server: StartedServer | undefined;
  const port = freePort();
  // The command line is given no PORT: it finds the server from the data directory.
  const cliEnv = () => ({ CIVITAS_DATA_DIR: dataDir, PORT: undefined });

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'civitas-beside-'));
    server = await startServer({
      LOG_LEVEL: 'warn',
      CIVITAS_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      CIVITAS_DEMO_PERSONS: '150',
      CIVITAS_DEMO_VEHICLES: '50',
    });
  });
  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('demo accounts and token find the server on its port without PORT', async () => {
    const accounts = civitas(['demo', 'accounts', '--json'], cliEnv());
    expect(accounts.stderr).toBe('');
    expect(accounts.status).toBe(0);
    const [citizen] = JSON.parse(accounts.stdout) as Array<{ personalNumber: string }>;
    const token = civitas(['token', '--person', citizen!.personalNumber], cliEnv());
    expect(token.status).toBe(0);
    const me = await fetch(`http://127.0.0.1:${port}/api/me`, {
      headers: { authorization: `Bearer ${token.stdout.trim()}` },
    });
    expect(me.status).toBe(200);
    expect(civitas(['demo', 'accounts'], cliEnv()).stdout).toMatch(/citizen\s+\d{10}/);
  });

  it('log verify says the server holds the database, to stop it, and where its checkpoint is', () => {
    const run = civitas(['log', 'verify'], cliEnv());
    expect(run.status).toBe(75);
    expect(run.stderr).toContain(`The server (process ${server!.process.pid} at http://127.0.0.1:${port})`);
    expect(run.stderr).toContain('Stop the server');
    expect(run.stderr).toContain('`npx civitas log verify`');
    expect(run.stderr).toContain(`http://127.0.0.1:${port}/log/checkpoint`);
    expect(run.stderr).not.toContain('access-rights');
  });

  it('does not trust the address a killed server left behind', async () => {
    await server!.stop('SIGKILL');
    server = undefined;
    expect(fs.existsSync(path.join(dataDir, 'server.json'))).toBe(true);
    const accounts = civitas(['demo', 'accounts', '--json'], cliEnv());
    expect(accounts.status).toBe(0);
    expect(JSON.parse(accounts.stdout)).toHaveLength(8);
    const verify = civitas(['log', 'verify'], cliEnv());
    expect(verify.stdout).toMatch(/^OK /m);
    expect(verify.status).toBe(0);
  });
});

describe('the command line on an empty data directory (issue 14, item 25)', () => {
  let workDir: string;

  beforeAll(() => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'civitas-empty-'));
  });
  afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

  it.each([
    [['demo', 'accounts'], 'no demo accounts'],
    [['demo', 'accounts', '--json'], 'no demo accounts'],
    [['token', '--person', '8503146785'], 'no person to make a token for'],
    [['log', 'verify'], 'no transparency log to verify'],
  ])('"civitas %s" says there is nothing and creates no ./data', (args, nothing) => {
    const run = civitas(args, { CIVITAS_DATA_DIR: undefined, DATABASE_URL: undefined }, workDir);
    expect(run.status).toBe(66);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      `There is no database in ${path.join(fs.realpathSync(workDir), 'data')} yet, so ${nothing}.`,
    );
    expect(run.stderr).toContain('npm start');
    expect(fs.readdirSync(workDir)).toEqual([]);
  });
});

describe('npm start while the demo population loads (issue 14, item 23)', () => {
  let dataDir: string;
  let server: StartedServer | undefined;
  const port = freePort();

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'civitas-loading-'));
  });
  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('listens while it seeds: /readyz and every other path answer 503 not-ready with the progress, then it is ready', async () => {
    server = await startServer(
      {
        LOG_LEVEL: 'warn',
        CIVITAS_DATA_DIR: dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        CIVITAS_DEMO_PERSONS: '6000',
        CIVITAS_DEMO_VEHICLES: '2000',
      },
      /Seeding the demo population: persons/,
    );
    const base = `http://127.0.0.1:${port}`;
    const readyz = await fetch(`${base}/readyz`);
    expect(readyz.status).toBe(503);
    expect(((await readyz.json()) as { code: string }).code).toBe('not-ready');
    const accounts = await fetch(`${base}/api/demo/accounts`);
    expect(accounts.status).toBe(503);
    expect(accounts.headers.get('content-type')).toContain('application/problem+json');
    expect(await accounts.json()).toMatchObject({
      code: 'not-ready',
      detail: expect.stringMatching(
        /^Civitas is loading the demo population \(\d+ of 6000 persons, \d+ of 2000 vehicles\)/,
      ),
    });
    expect((await fetch(`${base}/healthz`)).status).toBe(200);

    for (let waited = 0; !/admin\s+\d{10}/.test(server.output()); waited += 100) {
      if (waited > 90_000) throw new Error(`not ready: ${server.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect((await fetch(`${base}/api/demo/accounts`)).status).toBe(200);
  });
});

describe('npm start seeds the health record of everyone in the background (issue 17)', () => {
  let dataDir: string;
  let server: StartedServer | undefined;
  const port = freePort();
  const env = {
    LOG_LEVEL: 'info',
    CIVITAS_DEMO_PERSONS: '160',
    CIVITAS_DEMO_VEHICLES: '20',
    HOST: '127.0.0.1',
    PORT: String(port),
  };
  type Readiness = { background?: { healthRecords?: { state: string; done: number; total: number } } };
  const healthRecords = async () =>
    ((await (await fetch(`http://127.0.0.1:${port}/readyz`)).json()) as Readiness).background?.healthRecords;

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'civitas-background-'));
  });
  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('is ready with the demo records, shows the progress in /readyz, stops cleanly on SIGTERM and goes on after a restart', async () => {
    server = await startServer({ ...env, CIVITAS_DATA_DIR: dataDir });
    expect(server.output()).toMatch(
      /Health records: 100 of 160 persons; the others are being seeded in the background/,
    );
    const running = await healthRecords();
    expect(running).toMatchObject({ state: 'running', total: 160 });
    expect(running!.done).toBeGreaterThanOrEqual(100);
    expect(running!.done).toBeLessThan(160);
    expect(await server.stop()).toBe(0);
    const stoppedAt = Number(
      /"seeded":(\d+)[^\n]*stopped seeding the health records/.exec(server.output())?.[1],
    );
    expect(stoppedAt).toBeGreaterThanOrEqual(running!.done);
    // Nothing half-written: every person and resource on disk is in a committed batch's row.
    const database = await connectDatabase({ dataDir: path.join(dataDir, 'pglite') });
    try {
      const { rows } = await sql<{ persons: number; batched: number; resources: number; counted: number }>`
        SELECT (SELECT count(*)::int FROM ehealth.patients) AS persons,
               (SELECT sum(end_position - first_position)::int FROM ehealth.seed_batches) AS batched,
               (SELECT count(*)::int FROM ehealth.resources) AS resources,
               (SELECT sum(resources)::int FROM ehealth.seed_batches) AS counted`.execute(database.db);
      expect(rows[0]!.persons).toBe(stoppedAt);
      expect(rows[0]!.batched).toBe(stoppedAt);
      expect(rows[0]!.counted).toBe(rows[0]!.resources);
    } finally {
      await database.close();
    }

    server = await startServer({ ...env, CIVITAS_DATA_DIR: dataDir });
    expect(server.output()).not.toMatch(/Seeded \d+ persons/);
    const resumed = await healthRecords();
    expect(resumed!.done).toBeGreaterThanOrEqual(stoppedAt);
    for (let waited = 0; (await healthRecords())?.state === 'running'; waited += 200) {
      if (waited > 120_000) throw new Error(`still seeding: ${server.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(await healthRecords()).toMatchObject({ state: 'done', done: 160, total: 160 });
    expect(server.output()).toMatch(/seeded the health records in the background/);
    expect(await server.stop()).toBe(0);

    // Everyone has a record now: a third start seeds nothing and shows nothing in the background.
    server = await startServer({ ...env, CIVITAS_DATA_DIR: dataDir });
    expect(server.output()).not.toMatch(/Health records:/);
    expect(await healthRecords()).toMatchObject({ state: 'done', done: 160 });
  }, 300_000);
});
