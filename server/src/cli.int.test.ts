import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from './db/connect.ts';
import { makeEgn } from './platform/ids/egn.ts';

const BIN = path.resolve(import.meta.dirname, '../bin/civitas.js');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function civitas(args: string[], env: NodeJS.ProcessEnv = {}): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
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
      const audit = await database.db
        .selectFrom('exchange.admin_log')
        .select(['action', 'actor'])
        .where('subject', '=', id)
        .orderBy('seq')
        .execute();
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
  let server: ChildProcess | undefined;
  const port = 39_000 + Math.floor(Math.random() * 1000);
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
    await stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function start(): Promise<{ stdout: () => string }> {
    let stdout = '';
    server = spawn(process.execPath, [BIN, 'serve'], {
      env: { ...process.env, LOG_LEVEL: 'warn', ...env() },
    });
    server.stdout!.on('data', (chunk) => {
      stdout += chunk;
    });
    server.stderr!.on('data', (chunk) => {
      stdout += chunk;
    });
    for (let waited = 0; waited < 60_000; waited += 100) {
      // The banner ends with the admin account line (demo mode).
      if (/admin\s+\d{10}/.test(stdout)) return { stdout: () => stdout };
      if (server.exitCode !== null) throw new Error(`server exited: ${stdout}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`server not ready: ${stdout}`);
  }

  async function stop(): Promise<number | null> {
    const running = server;
    server = undefined;
    if (!running || running.exitCode !== null) return running?.exitCode ?? null;
    return new Promise((resolve) => {
      running.once('exit', (code) => resolve(code));
      running.kill('SIGTERM');
    });
  }

  it('seeds on first start, prints the URL and demo accounts, and keeps the data across a restart', async () => {
    const first = await start();
    expect(first.stdout()).toMatch(/Seeded 150 persons and 50 vehicles/);
    expect(first.stdout()).toContain(`Civitas is ready at http://localhost:${port}`);
    expect(first.stdout()).toMatch(/citizen\s+\d{10}/);
    const accounts = (await (await fetch(`http://127.0.0.1:${port}/api/demo/accounts`)).json()) as Array<{
      personalNumber: string;
    }>;
    expect(accounts).toHaveLength(7);

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

    expect(await stop()).toBe(0);
    const again = await start();
    expect(again.stdout()).not.toMatch(/Seeded/);
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
