import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type AppDependencies, buildApp } from '../src/app.ts';
import type { DatabaseHandle } from '../src/db/connect.ts';
import { type IdentityKeys, loadOrCreateIdentityKeys } from '../src/identity/keys.ts';
import { type Config, loadConfig } from '../src/kernel/config.ts';
import type { SeedResult } from '../src/registers/seed.ts';
import type { TestDatabase } from './databases.ts';

export interface TestPlatform {
  app: FastifyInstance;
  config: Config;
  database: DatabaseHandle;
  keys: IdentityKeys;
  seeded: SeedResult;
  close(): Promise<void>;
}

export interface TestPlatformOptions {
  persons?: number;
  vehicles?: number;
  seed?: string;
  env?: NodeJS.ProcessEnv;
  config?: Partial<Config>;
  exchange?: AppDependencies['exchange'];
  /** What `/readyz` says the server still does (the admin console's system status). */
  backgroundWork?: AppDependencies['backgroundWork'];
  /**
   * How many persons get a synthetic health record (the demo persons and the demo GP's patients
   * first; default 20, enough for the demo accounts' screens).
   */
  healthRecords?: number | false;
  /** The country's installation (default: the configured one, Bulgaria). */
  instance?: AppDependencies['instance'];
}

/** A whole platform on a fresh database with a small synthetic population. */
export async function startTestPlatform(
  engine: TestDatabase,
  options: TestPlatformOptions = {},
): Promise<TestPlatform> {
  // Each platform keeps its private keys in a directory of its own, removed when it closes.
  const keyDir = options.env?.CIVITAS_KEY_DIR
    ? undefined
    : fs.mkdtempSync(path.join(os.tmpdir(), 'civitas-keys-'));
  const config = loadConfig(
    {
      ...(keyDir && { CIVITAS_KEY_DIR: keyDir }),
      CIVITAS_ENV: 'test',
      LOG_LEVEL: 'silent',
      // The transparency log feeds and checkpoints on demand in tests, so they are deterministic.
      CIVITAS_LOG_FEED_INTERVAL_MS: '0',
      CIVITAS_LOG_CHECKPOINT_INTERVAL_MS: '0',
      ...options.env,
    },
    options.config,
  );
  // A copy of the run's seeded snapshot when another platform was already seeded alike.
  const { database, seeded } = await engine.openSeeded({
    seed: options.seed ?? 'test-seed',
    persons: options.persons ?? 300,
    vehicles: options.vehicles ?? 120,
    healthRecords: options.healthRecords ?? 20,
    ...(options.instance && { instance: options.instance }),
  });
  try {
    const keys = await loadOrCreateIdentityKeys(database.db);
    const app = await buildApp({
      config,
      database,
      keys,
      isReady: () => true,
      logger: false,
      exchange: options.exchange,
      ...(options.backgroundWork && { backgroundWork: options.backgroundWork }),
      ...(options.instance && { instance: options.instance }),
    });
    await app.ready();
    return {
      app,
      config,
      database,
      keys,
      seeded,
      async close() {
        await app.close();
        await database.close();
        if (keyDir) fs.rmSync(keyDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await database.close();
    if (keyDir) fs.rmSync(keyDir, { recursive: true, force: true });
    throw error;
  }
}
