import { setTimeout as delay } from 'node:timers/promises';
import { Command } from 'commander';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import { ensureDemoData, openDatabase, startDemoHealthRecordSeeding } from '../bootstrap.ts';
import type { BackgroundSeeding, BackgroundSeedProgress } from '../capabilities/ehealth/index.ts';
import type { DatabaseHandle } from '../db/index.ts';
import type { BackgroundWork } from '../http/index.ts';
import { listDemoAccounts, loadOrCreateIdentityKeys } from '../identity/index.ts';
import { AppError, type Config, createProgress, loadConfig } from '../kernel/index.ts';
import { parsePort } from './arguments.ts';
import { accountLines } from './demo.ts';
import { recordRunningServer } from './running-server.ts';
import { buildWebAppIfChanged } from './web-build.ts';

export function serveCommand(): Command {
  return new Command('serve')
    .description('start the platform (seeds the demo population on first start)')
    .option('-p, --port <port>', 'port to listen on (default: PORT or 3000)', parsePort)
    .option('--build', 'first build the web app if its sources changed since the last build (npm start)')
    .action(async (options: { port?: number; build?: boolean }) => {
      const config = loadConfig(process.env, options.port === undefined ? {} : { port: options.port });
      await serve(config, { build: options.build === true });
    });
}

async function serve(config: Config, options: { build: boolean }): Promise<void> {
  const started = performance.now();
  const opened = await openDatabaseWhileBuilding(config, options.build);
  const { database } = opened;
  const keys = await loadOrCreateIdentityKeys(database.db);
  const startup = { ready: false, starting: 'starting' };
  let healthRecords: BackgroundSeeding | null = null;
  const app = await buildApp({
    config,
    database,
    keys,
    isReady: () => startup.ready,
    backgroundWork: (): Record<string, BackgroundWork> =>
      healthRecords ? { healthRecords: backgroundWorkOf(healthRecords) } : {},
  });
  const requests = countRequestsInFlight(app);
  // The server listens before the demo population is loaded, so /readyz can say it is loading;
  // until it is ready every other path answers 503 with the same reason.
  app.addHook('onRequest', (request, _reply, done) => {
    if (startup.ready || ALWAYS_ANSWERED.test(request.url)) return done();
    done(new AppError('not-ready', `Civitas is ${startup.starting}; try again in a moment.`));
  });
  let forgetServer = () => {};
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    forgetServer();
    // The batch being written commits (or rolls back) whole; the next start goes on from there.
    await healthRecords?.stop();
    await app.close();
    await opened.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ host: config.host, port: config.port });
  // The command line finds the server here (`civitas demo accounts`, `token`), whatever its port.
  if (!config.databaseUrl) {
    const addresses = app.addresses().filter((address) => typeof address === 'object');
    forgetServer = recordRunningServer(config.dataDir, addresses);
  }
  await loadDemoPopulation(database, config, (starting) => {
    startup.starting = starting;
  });
  const accounts = config.demo ? await listDemoAccounts(database.db) : [];
  startup.ready = true;
  if (!closing) {
    healthRecords = await startDemoHealthRecordSeeding(database, config, {
      beforeBatch: () => requests.idle(BATCH_WAIT_MS),
      busy: requests.busy,
      onProgress: logSeedingProgress(app.log),
    });
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  // Last, in one write, and nothing after it (requests are logged at `warn` in development):
  // the address and the accounts stay on screen.
  console.log(
    [
      `\nCivitas is ready at ${config.publicUrl.replace(/:\d+$/, `:${port}`)} (${database.kind}, ${((performance.now() - started) / 1000).toFixed(1)} s)`,
      `API documentation: ${config.publicUrl}/docs`,
      ...(config.demo ? accountLines(accounts, config) : []),
      ...(healthRecords ? healthRecordLines(healthRecords) : []),
    ].join('\n'),
  );
}

/**
 * The web app builds in its own process while the database opens (and, on a first start, is
 * created): on two cores the two overlap instead of one waiting for the other.
 */
async function openDatabaseWhileBuilding(config: Config, build: boolean) {
  const stopBuild = new AbortController();
  const webBuild = build
    ? buildWebAppIfChanged(undefined, stopBuild.signal)
    : Promise.resolve({ built: false } as const);
  let opened: Awaited<ReturnType<typeof openDatabase>>;
  try {
    opened = await openDatabase(config);
  } catch (error) {
    stopBuild.abort();
    throw error;
  }
  const built = await webBuild;
  if ('failed' in built) {
    await opened.close();
    process.stderr.write(built.output);
    throw new Error('the web app did not build (Vite said why above)');
  }
  if (built.built) console.log(`Built the web app in ${built.seconds.toFixed(1)} s.`);
  return opened;
}

/** Seeds the demo population on a first start, telling `/readyz` how far it got. */
async function loadDemoPopulation(
  database: DatabaseHandle,
  config: Config,
  report: (starting: string) => void,
): Promise<void> {
  report('loading the demo population');
  const totals = { persons: config.demoPersons, vehicles: config.demoVehicles };
  const progress = createProgress('Seeding the demo population', totals);
  const seeded = await ensureDemoData(database, config, (written) => {
    report(
      `loading the demo population (${written.persons} of ${totals.persons} persons, ${written.vehicles} of ${totals.vehicles} vehicles)`,
    );
    progress.update(written);
    // Seeding would otherwise hold the event loop until it ends: let requests in between.
    return new Promise((resolve) => setImmediate(resolve));
  });
  progress.stop();
  if (seeded) {
    console.log(
      `Seeded ${seeded.persons} persons and ${seeded.vehicles} vehicles (${seeded.rows} rows) in ${seeded.seconds.toFixed(1)} s.`,
    );
  }
}

/** What answers while the server starts: liveness, readiness (with why not yet) and metrics. */
const ALWAYS_ANSWERED = /^\/(healthz|readyz|metrics)(\?|$)/;

/** How long a batch of the background seeding waits at most for the requests in flight to finish. */
const BATCH_WAIT_MS = 250;

/** How long after a request the server counts as busy (background work goes slowly meanwhile). */
const BUSY_FOR_MS = 2_000;

/** Counts the requests being answered, so background work can let them have the database first. */
function countRequestsInFlight(app: FastifyInstance) {
  let inFlight = 0;
  let lastSeen = Number.NEGATIVE_INFINITY;
  app.addHook('onRequest', (request, reply, done) => {
    // Probes (an orchestrator's every few seconds) are no one waiting.
    if (ALWAYS_ANSWERED.test(request.url)) return done();
    inFlight++;
    lastSeen = performance.now();
    reply.raw.once('close', () => {
      inFlight--;
      lastSeen = performance.now();
    });
    done();
  });
  return {
    /** Whether a request is in flight or was answered a moment ago. */
    busy: () => inFlight > 0 || performance.now() - lastSeen < BUSY_FOR_MS,
    /** Resolves once no request is in flight, or after `maxMs` (background work never starves). */
    async idle(maxMs: number): Promise<void> {
      const until = performance.now() + maxMs;
      while (inFlight > 0 && performance.now() < until) await delay(2);
    },
  };
}

function backgroundWorkOf(seeding: BackgroundSeeding): BackgroundWork {
  const progress = seeding.progress();
  return {
    state: progress.state === 'seeding' ? 'running' : progress.state,
    done: progress.seeded,
    total: progress.total,
    detail:
      progress.state === 'failed'
        ? `the health records stopped at ${progress.seeded} of ${progress.total} persons: ${progress.error}`
        : `health records: ${progress.seeded} of ${progress.total} persons`,
  };
}

/** Logs the background seeding at each tenth of the way, and how it ended. */
function logSeedingProgress(log: FastifyBaseLogger) {
  let lastTenth = -1;
  return (progress: BackgroundSeedProgress) => {
    const fields = { seeded: progress.seeded, total: progress.total, resources: progress.resources };
    if (progress.state === 'failed') {
      log.error({ ...fields, error: progress.error }, 'seeding the health records in the background failed');
    } else if (progress.state === 'done' || progress.state === 'stopped') {
      log.info(
        { ...fields, seconds: Math.round(progress.seconds) },
        progress.state === 'done'
          ? 'seeded the health records in the background'
          : 'stopped seeding the health records (the next start goes on)',
      );
    } else {
      const tenth = Math.floor((progress.seeded / Math.max(progress.total, 1)) * 10);
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      log.info(
        fields,
        `seeding the health records in the background: ${progress.seeded} of ${progress.total} persons`,
      );
    }
  };
}

function healthRecordLines(seeding: BackgroundSeeding): string[] {
  const { seeded, total, state } = seeding.progress();
  if (state === 'done') return [];
  return [
    `Health records: ${seeded.toLocaleString('en')} of ${total.toLocaleString('en')} persons; the others are being seeded in the background (progress: /readyz, the administrator's console).`,
  ];
}
