import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../bootstrap.ts';
import { loadConfig } from '../kernel/index.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/civitas.js');

describe('civitas wallet', () => {
  let dataDir: string;
  const civitas = (...args: string[]) => {
    const env: NodeJS.ProcessEnv = { ...process.env, CIVITAS_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
    delete env.DATABASE_URL;
    delete env.CIVITAS_KEY_DIR;
    return spawnSync(process.execPath, [BIN, 'wallet', ...args], { env, encoding: 'utf8', timeout: 120_000 });
  };

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'civitas-wallet-cli-'));
    const opened = await openDatabase(loadConfig({ CIVITAS_DATA_DIR: dataDir, CIVITAS_ENV: 'test' }));
    await opened.close();
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('rotate-issuer-key makes a new issuer certificate and keeps the previous one valid under the same anchor', () => {
    const anchorsBefore = civitas('anchors');
    expect(anchorsBefore.status, anchorsBefore.stderr).toBe(0);
    expect(anchorsBefore.stdout).toMatch(/^# .*C=BG.*\n-----BEGIN CERTIFICATE-----\n/);
    const first = civitas('rotate-issuer-key', '--json');
    expect(first.status, first.stderr).toBe(0);
    const second = civitas('rotate-issuer-key', '--json');
    expect(second.status, second.stderr).toBe(0);
    const [a, b] = [JSON.parse(first.stdout), JSON.parse(second.stdout)];
    expect(b.serial).not.toBe(a.serial);
    expect(b.previous).toBe(a.serial);
    expect(b.valid).toBe(2);
    // The private keys are files in the key store, readable by their owner only.
    const keys = fs
      .readdirSync(path.join(dataDir, 'keys'))
      .filter((file) => file.startsWith('wallet-issuer-'));
    expect(keys.sort()).toEqual(
      [`wallet-issuer-${a.serial}.key.pem`, `wallet-issuer-${b.serial}.key.pem`].sort(),
    );
    expect(civitas('anchors').stdout).toBe(anchorsBefore.stdout);
    const human = civitas('rotate-issuer-key');
    expect(human.stdout).toMatch(new RegExp(`The previous one, ${b.serial}, stays valid until`));
  });

  it('says there is no database yet rather than making one', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'civitas-wallet-none-'));
    const env: NodeJS.ProcessEnv = { ...process.env, CIVITAS_DATA_DIR: empty, LOG_LEVEL: 'warn' };
    delete env.DATABASE_URL;
    const run = spawnSync(process.execPath, [BIN, 'wallet', 'rotate-issuer-key'], { env, encoding: 'utf8' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/There is no database/);
    fs.rmSync(empty, { recursive: true, force: true });
  });
});
