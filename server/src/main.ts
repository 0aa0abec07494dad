import os from 'node:os';
import { Command, InvalidArgumentError } from 'commander';
import { buildApp, problemTable } from './app.ts';
import { storedLogVerifierKey } from './audit/log/keys.ts';
import { verifyLog } from './audit/log/verify.ts';
import { embeddedDatabaseExists, ensureDemoData, openDatabase, seedDemoData } from './bootstrap.ts';
import { CommandError, NOTHING_HERE, TRY_AGAIN_LATER } from './cli/command-error.ts';
import { findRunningServer, recordRunningServer } from './cli/running-server.ts';
import { buildWebAppIfChanged } from './cli/web-build.ts';
import type { DatabaseHandle } from './db/connect.ts';
import { lockHolder } from './db/lock.ts';
import { PORTAL_CLIENT } from './exchange/catalogue.ts';
import { ExchangeClient } from './exchange/client.ts';
import { parseSubsystemId } from './exchange/ids.ts';
import { startLocalExchange } from './exchange/local-node.ts';
import { AccessRights, accessRightView } from './exchange/node/access-rights.ts';
import { startNodeProcess } from './exchange/node-process.ts';
import { tokenAuthenticator } from './identity/auth.ts';
import { listDemoAccounts } from './identity/demo-accounts.ts';
import { loadOrCreateIdentityKeys } from './identity/keys.ts';
import { exchangePersonDirectory, type PersonDirectory } from './identity/person-directory.ts';
import { issueDemoToken } from './identity/routes.ts';
import { createAccessTokenVerifier, eidIssuer } from './identity/tokens.ts';
import { type Config, ConfigError, loadConfig } from './kernel/config.ts';
import { AppError } from './kernel/errors.ts';
import { KeyStore } from './kernel/key-store.ts';
import { createProgress } from './kernel/progress.ts';
import { type PurposePair, unknownCodeIn } from './kernel/purposes.ts';

/** `civitas`: the platform's command line. */
const program = new Command()
  .name('civitas')
  .description('Civitas e-government platform')
  .showHelpAfterError()
  .configureOutput({ outputError: (message, write) => write(message) });

program
  .command('serve', { isDefault: true })
  .description('start the platform (seeds the demo population on first start)')
  .option('-p, --port <port>', 'port to listen on (default: PORT or 3000)', parsePort)
  .option('--build', 'first build the web app if its sources changed since the last build (npm start)')
  .action(async (options: { port?: number; build?: boolean }) => {
    const config = loadConfig(process.env, options.port === undefined ? {} : { port: options.port });
    await serve(config, { build: options.build === true });
  });

program
  .command('seed')
  .description('replace the register data with a freshly generated synthetic population')
  .option('--persons <n>', 'number of persons', parseCount)
  .option('--vehicles <n>', 'number of vehicles', parseCount)
  .option('--seed <seed>', 'generator seed (same seed, same data)')
  .action(async (options: { persons?: number; vehicles?: number; seed?: string }) => {
    const config = loadConfig();
    refuseInProduction(config, 'seed');
    const opened = await openDatabase(config);
    try {
      const persons = options.persons ?? config.demoPersons;
      const vehicles = options.vehicles ?? config.demoVehicles;
      const progress = createProgress('Seeding', { persons, vehicles });
      const result = await seedDemoData(opened.database, {
        seed: options.seed ?? config.seed,
        persons,
        vehicles,
        onProgress: progress.update,
      });
      progress.stop();
      console.log(
        `Seeded ${result.persons} persons and ${result.vehicles} vehicles: ${result.rows} rows in ${result.seconds.toFixed(1)} s (${Math.round(result.rows / result.seconds)} rows/s) on ${opened.database.kind}.`,
      );
    } finally {
      await opened.close();
    }
  });

program
  .command('demo')
  .description('demo helpers (not in production)')
  .command('accounts')
  .description('list the demo accounts, one per role')
  .option('--json', 'print JSON')
  .action(async (options: { json?: boolean }) => {
    const config = loadConfig();
    refuseInProduction(config, 'demo accounts');
    const accounts = (await withDatabaseOrServer(
      config,
      'demo accounts',
      async (database) => listDemoAccounts(database.db),
      async (baseUrl) => fetchJson(`${baseUrl}/api/demo/accounts`, { method: 'GET' }),
    )) as Awaited<ReturnType<typeof listDemoAccounts>>;
    if (accounts.length === 0) {
      throw new CommandError(
        `No demo accounts in ${config.databaseUrl ? 'the PostgreSQL database' : config.dataDir}: the demo population has not been seeded. Start the platform with \`npm start\` (it seeds on first start) or run \`npx civitas seed\`.`,
        NOTHING_HERE,
      );
    }
    if (options.json) console.log(JSON.stringify(accounts, null, 2));
    else printAccounts(accounts, config);
  });

program
  .command('token')
  .description('print an access token for API scripting (demo only)')
  .requiredOption('--person <personalNumber>', 'the personal number (EGN) of a seeded person')
  .action(async (options: { person: string }) => {
    const config = loadConfig();
    refuseInProduction(config, 'token');
    const token = await withDatabaseOrServer(
      config,
      'person to make a token for',
      async (database, directory) => {
        const keys = await loadOrCreateIdentityKeys(database.db);
        return issueDemoToken(database.db, keys, config, directory, options.person);
      },
      async (baseUrl) =>
        (
          (await fetchJson(`${baseUrl}/api/demo/tokens`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ personalNumber: options.person }),
          })) as { accessToken: string }
        ).accessToken,
    );
    console.log(token);
  });

const rights = program
  .command('exchange')
  .description('operate the register exchange on this database')
  .command('rights')
  .description(
    'access rights: who may call which service, for which purpose–legal basis pairs (every change audited)',
  );

rights
  .command('list')
  .description('list the access rights')
  .option('--json', 'print JSON')
  .action(async (options: { json?: boolean }) => {
    await withExchangeDatabase(async (accessRights) => {
      const rows = await accessRights.list();
      if (options.json) {
        console.log(
          JSON.stringify(
            rows.map((row) => ({ ...accessRightView(row), grantedBy: row.granted_by })),
            null,
            2,
          ),
        );
        return;
      }
      for (const row of rows) {
        console.log(
          `${row.id}  ${row.client} -> ${row.service_id}${row.endpoint ? ` [${row.endpoint}]` : ''}`,
        );
        for (const pair of row.pairs) console.log(`    ${pair.purpose}  on  ${pair.legalBasis}`);
      }
    });
  });

rights
  .command('grant')
  .description('grant a client subsystem (or group:CODE) access to a service')
  .requiredOption('--client <id>', 'client subsystem id, e.g. BG/GOV/177547175/civitas-portal, or group:CODE')
  .requiredOption('--service <id>', 'service id, e.g. BG/GOV/000695235/vehicle-register/vehicles')
  .option('--endpoint <endpoint>', 'only this endpoint, e.g. "GET /{vin}"')
  .requiredOption(
    '--pair <purpose=CODE,basis=CODE>',
    'a purpose and the legal basis it is granted on, e.g. "purpose=address-verification,basis=civil-registration-act-art-106" (repeat for more pairs)',
    collectPair,
    [],
  )
  .action(async (options: { client: string; service: string; endpoint?: string; pair: PurposePair[] }) => {
    if (!options.client.startsWith('group:') && !parseSubsystemId(options.client)) {
      throw new AppError(
        'validation-failed',
        'The client must be a subsystem id INSTANCE/CLASS/MEMBER/SUBSYSTEM or group:CODE.',
      );
    }
    const unknown = options.pair.map(unknownCodeIn).find((problem) => problem !== null);
    if (unknown) throw new AppError('validation-failed', `${unknown} of the catalogue (docs/exchange.md).`);
    if (options.endpoint && !/^(GET|POST) \/\S*$/.test(options.endpoint)) {
      throw new AppError('validation-failed', 'The endpoint must look like "GET /{vin}".');
    }
    await withExchangeDatabase(async (accessRights) => {
      if (!(await accessRights.isRegisteredService(options.service)))
        throw new AppError('validation-failed', `No service ${options.service} is registered.`);
      const row = await accessRights.grant(
        {
          client: options.client,
          serviceId: options.service,
          endpoint: options.endpoint ?? null,
          pairs: options.pair,
        },
        `cli:${os.userInfo().username}`,
      );
      console.log(row.id);
    });
  });

rights
  .command('revoke')
  .description('revoke an access right by its id')
  .argument('<id>', 'the access right id (see "rights list")')
  .action(async (id: string) => {
    await withExchangeDatabase(async (accessRights) => {
      if (!(await accessRights.revoke(id, `cli:${os.userInfo().username}`))) {
        throw new AppError('route-not-found', `No access right ${id}.`);
      }
      console.log(`Revoked ${id}.`);
    });
  });

/** `purpose=CODE,basis=CODE` (or `legalBasis=CODE`), one pair of a repeated `--pair`. */
function collectPair(value: string, pairs: PurposePair[]): PurposePair[] {
  const fields = new Map(
    value.split(',').map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
    }),
  );
  const purpose = fields.get('purpose');
  const legalBasis = fields.get('basis') ?? fields.get('legalBasis');
  if (!purpose || !legalBasis || fields.size !== 2) {
    throw new AppError(
      'validation-failed',
      `--pair takes "purpose=CODE,basis=CODE", not "${value}" (codes: docs/exchange.md).`,
    );
  }
  return [...pairs, { purpose, legalBasis }];
}

/** The exchange's tables, opened directly; the embedded database must not be in use by a server. */
async function withExchangeDatabase(work: (rights: AccessRights) => Promise<void>): Promise<void> {
  const config = loadConfig();
  if (!config.databaseUrl && lockHolder(config.dataDir) !== null) {
    throw new AppError(
      'validation-failed',
      'A running server holds the embedded database: use the admin API /api/exchange/access-rights, or stop it first.',
    );
  }
  const opened = await openDatabase(config);
  try {
    await work(new AccessRights(opened.database.db));
  } finally {
    await opened.close();
  }
}

const logCommand = program.command('log').description('the transparency log: verify it, sign a checkpoint');

logCommand
  .command('verify')
  .description(
    'recompute the tree from the stored entries and check it against every stored hash, the tree head and every signed checkpoint; check consistency between checkpoints; name the first bad index',
  )
  .option('--from <size>', 'check consistency from the checkpoint of this size…', parseCount)
  .option('--to <size>', '…to the checkpoint of this size', parseCount)
  .option(
    '--key <vkey>',
    "the log's verifier key to trust (default: the key store's, CIVITAS_KEY_DIR; else the one stored beside the log)",
  )
  .option('--json', 'print JSON')
  .action(async (options: { from?: number; to?: number; key?: string; json?: boolean }) => {
    if ((options.from === undefined) !== (options.to === undefined)) {
      throw new AppError('validation-failed', 'Give both --from and --to, or neither.');
    }
    await withLogDatabase(async (db) => {
      // The key to trust: the one given, else the key store's (not the database's, which whoever
      // could rewrite the log could rewrite too), else the one stored beside the log.
      const vkey = options.key ?? storedLogVerifierKey(new KeyStore(loadConfig().keyDir));
      const report = await verifyLog(db, {
        ...(vkey ? { vkey } : {}),
        ...(options.from !== undefined && options.to !== undefined
          ? { from: options.from, to: options.to }
          : {}),
      });
      if (options.json) console.log(JSON.stringify(report, null, 2));
      else {
        for (const problem of report.problems) console.log(`BAD  ${problem.kind}: ${problem.detail}`);
        console.log(
          report.problems.length === 0
            ? `OK   ${report.size} entries recomputed; they match every stored hash and ${report.checkpoints} signed checkpoints, which are consistent.`
            : `FAILED: ${report.problems.length} problem(s)${report.firstBadIndex === null ? '' : `; first bad index: ${report.firstBadIndex}`}`,
        );
      }
      // Thrown, not process.exitCode: closing the embedded database resets the exit code.
      if (report.problems.length > 0) throw new Error('the transparency log did not verify');
    });
  });

/**
 * The transparency log, read straight from the database: what `log verify` checks must not come
 * through the server it checks. The embedded database is refused while a server holds it.
 */
async function withLogDatabase(work: (db: DatabaseHandle['db']) => Promise<void>): Promise<void> {
  const config = loadConfig();
  if (!config.databaseUrl) {
    const holder = lockHolder(config.dataDir);
    if (holder !== null) {
      const server = findRunningServer(config.dataDir);
      throw new CommandError(
        `The server (process ${holder}${server ? ` at ${server.url}` : ''}) holds the embedded database in ${config.dataDir}, and \`civitas log verify\` reads every entry from the database itself, not through the server it checks. Stop the server (Ctrl+C where it runs), run \`npx civitas log verify\`, then start it again.${server ? ` Meanwhile the log's latest signed checkpoint is at ${server.url}/log/checkpoint.` : ''}`,
        TRY_AGAIN_LATER,
      );
    }
    if (!embeddedDatabaseExists(config)) {
      throw new CommandError(
        `There is no database in ${config.dataDir} yet, so no transparency log to verify. Start the platform with \`npm start\`, or set CIVITAS_DATA_DIR or DATABASE_URL to the one to check.`,
        NOTHING_HERE,
      );
    }
  }
  const opened = await openDatabase(config);
  try {
    await work(opened.database.db);
  } finally {
    await opened.close();
  }
}

program
  .command('migrate')
  .description('bring the database schema up to date and exit')
  .action(async () => {
    const opened = await openDatabase(loadConfig());
    await opened.close();
    console.log('The database schema is up to date.');
  });

program
  .command('node')
  .summary('start a separate exchange node (X-Road security server) in its own process')
  .description('Start a separate exchange node (X-Road security server) in its own process.')
  .addHelpText(
    'after',
    `
The node registers its address https://<host>:<port> and the members it hosts with the central
registry, which issues its TLS certificate from the platform CA (a member is hosted by one node at
a time: the members named move here from the node that hosted them). It follows the signed global
configuration the registry publishes at <registry>/exchange/global-conf, answers other nodes on
POST /exchange/v1/messages over mutual TLS, and, with --client-port, serves its hosted clients'
information systems on plain HTTP: /r1/{instance}/{class}/{member}/{subsystem}/{service}[/path].

Needs DATABASE_URL: a PostgreSQL database shared with the central registry (civitas serve), from
which it reads its TLS certificate, its members' signing keys and the registry's anchor. The
embedded PGlite database cannot be shared between processes.

Example: the registry and the portal's node (civitas serve on :3000), then a node for the МВР
registers and the population register:
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/civitas civitas node --id node-b --port 8443 \\
    --client-port 8081 --members BG/GOV/000695235,BG/GOV/831661388`,
  )
  .requiredOption('--id <nodeId>', 'node id, e.g. node-b (letters, digits . _ -)')
  .requiredOption('--port <port>', 'port of the mutual-TLS listener for other nodes', parseNodePort)
  .option(
    '--members <memberIds>',
    'comma-separated member ids it hosts, e.g. BG/GOV/000695235 (default: those already registered for this node)',
    parseMemberList,
  )
  .option('--registry <url>', "the central registry's base URL", 'http://127.0.0.1:3000')
  .option('--client-port <port>', 'port of the HTTP interface for information systems (/r1/…)', parsePort)
  .option('--host <host>', 'address to listen on and to register (an IP address)', '127.0.0.1')
  .option(
    '--conf-refresh <seconds>',
    'how often to fetch the global configuration again (default: 60)',
    parseCount,
  )
  .action(async (options: NodeCommandOptions) => {
    const config = loadConfig();
    if (!config.databaseUrl) {
      throw new ConfigError(
        'DATABASE_URL',
        'civitas node needs a PostgreSQL database shared with the central registry (postgres://…). The embedded PGlite database cannot be shared between processes.',
      );
    }
    await runNode(config, options);
  });

async function serve(config: Config, options: { build: boolean }): Promise<void> {
  const started = performance.now();
  // The web app builds in its own process while the database opens (and, on a first start,
  // is created): on two cores the two overlap instead of one waiting for the other.
  const stopBuild = new AbortController();
  const webBuild = options.build
    ? buildWebAppIfChanged(undefined, stopBuild.signal)
    : Promise.resolve({ built: false } as const);
  let opened: Awaited<ReturnType<typeof openDatabase>>;
  try {
    opened = await openDatabase(config);
  } catch (error) {
    stopBuild.abort();
    throw error;
  }
  const { database } = opened;
  const build = await webBuild;
  if ('failed' in build) {
    await opened.close();
    process.stderr.write(build.output);
    throw new Error('the web app did not build (Vite said why above)');
  }
  if (build.built) console.log(`Built the web app in ${build.seconds.toFixed(1)} s.`);

  const keys = await loadOrCreateIdentityKeys(database.db);
  let ready = false;
  let starting = 'starting';
  const app = await buildApp({ config, database, keys, isReady: () => ready });
  // The server listens before the demo population is loaded, so /readyz can say it is loading;
  // until it is ready every other path answers 503 with the same reason.
  app.addHook('onRequest', (request, _reply, done) => {
    if (ready || ALWAYS_ANSWERED.test(request.url)) return done();
    done(new AppError('not-ready', `Civitas is ${starting}; try again in a moment.`));
  });
  let forgetServer = () => {};
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    forgetServer();
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

  starting = 'loading the demo population';
  const totals = { persons: config.demoPersons, vehicles: config.demoVehicles };
  const progress = createProgress('Seeding the demo population', totals);
  const seeded = await ensureDemoData(database, config, (written) => {
    starting = `loading the demo population (${written.persons} of ${totals.persons} persons, ${written.vehicles} of ${totals.vehicles} vehicles)`;
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
  const accounts = config.demo ? await listDemoAccounts(database.db) : [];
  ready = true;
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  // Last, in one write, and nothing after it (requests are logged at `warn` in development):
  // the address and the accounts stay on screen.
  console.log(
    [
      `\nCivitas is ready at ${config.publicUrl.replace(/:\d+$/, `:${port}`)} (${database.kind}, ${((performance.now() - started) / 1000).toFixed(1)} s)`,
      `API documentation: ${config.publicUrl}/docs`,
      ...(config.demo ? accountLines(accounts, config) : []),
    ].join('\n'),
  );
}

/** What answers while the server starts: liveness, readiness (with why not yet) and metrics. */
const ALWAYS_ANSWERED = /^\/(healthz|readyz|metrics)(\?|$)/;

interface NodeCommandOptions {
  id: string;
  port: number;
  members?: string[];
  registry: string;
  clientPort?: number;
  host: string;
  confRefresh?: number;
}

async function runNode(config: Config, options: NodeCommandOptions): Promise<void> {
  const opened = await openDatabase(config);
  let node: Awaited<ReturnType<typeof startNodeProcess>>;
  try {
    const keys = await loadOrCreateIdentityKeys(opened.database.db);
    node = await startNodeProcess(opened.database.db, {
      nodeId: options.id,
      port: options.port,
      host: options.host,
      registryUrl: options.registry,
      ...(options.members && { members: options.members }),
      ...(options.confRefresh !== undefined && { confRefreshMs: options.confRefresh * 1000 }),
      ...(options.clientPort !== undefined && { clientPort: options.clientPort, clientHost: config.host }),
      limits: config,
      authenticate: tokenAuthenticator(
        createAccessTokenVerifier(keys, eidIssuer(config.publicUrl), {
          db: opened.database.db,
          publicUrl: config.publicUrl,
          acceptScriptingTokens: config.demo,
        }),
      ),
      changedBy: (request) => request.principal!.subject,
      problemTable,
      report: (error) => console.error('civitas node: fault:', error),
    });
  } catch (error) {
    await opened.close();
    throw error;
  }
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await node.close();
    await opened.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
  const hosted = node.node.context.trust.hostedMembers();
  console.log(
    `Exchange node ${options.id} is listening at ${node.address} (mutual TLS), hosting ${hosted.join(', ')}.`,
  );
  if (node.clientApi) {
    console.log(`Information systems: http://${config.host}:${options.clientPort}/r1/…`);
  }
}

function parseNodePort(value: string): number {
  const port = parsePort(value);
  if (port === 0) throw new InvalidArgumentError('must be a fixed port (1-65535): it is registered.');
  return port;
}

function parseMemberList(value: string): string[] {
  const members = value
    .split(',')
    .map((member) => member.trim())
    .filter((member) => member.length > 0);
  if (members.length === 0 || !members.every((member) => /^[^/\s]+\/[^/\s]+\/[^/\s]+$/.test(member))) {
    throw new InvalidArgumentError('must be member ids INSTANCE/CLASS/CODE separated by commas.');
  }
  return members;
}

function accountLines(accounts: Awaited<ReturnType<typeof listDemoAccounts>>, config: Config): string[] {
  return [
    `\nDemo accounts (sign in with the personal number and PIN ${config.demoPin}):`,
    ...accounts.map(
      (account) =>
        `  ${account.role.padEnd(11)} ${account.personalNumber}  ${account.nameLatin}${account.organisation ? ` (${account.organisation})` : ''}`,
    ),
  ];
}

function printAccounts(accounts: Awaited<ReturnType<typeof listDemoAccounts>>, config: Config): void {
  console.log(accountLines(accounts, config).join('\n'));
}

/**
 * The embedded database admits one process: while a server holds it, ask that server (it wrote
 * where it answers into the data directory). A data directory without a database is reported,
 * not silently created.
 */
async function withDatabaseOrServer<T>(
  config: Config,
  wanted: string,
  direct: (
    database: Awaited<ReturnType<typeof openDatabase>>['database'],
    directory: PersonDirectory,
  ) => Promise<T>,
  viaServer: (baseUrl: string) => Promise<T>,
): Promise<T> {
  if (!config.databaseUrl) {
    const holder = lockHolder(config.dataDir);
    if (holder !== null) {
      const server = findRunningServer(config.dataDir);
      if (!server) {
        throw new CommandError(
          `The server (process ${holder}) on ${config.dataDir} is still starting: run this again once it prints "Civitas is ready".`,
          TRY_AGAIN_LATER,
        );
      }
      return viaServer(server.url);
    }
    if (!embeddedDatabaseExists(config)) {
      throw new CommandError(
        `There is no database in ${config.dataDir} yet, so no ${wanted}. Start the platform with \`npm start\` (it seeds the demo population on first start), or run \`npx civitas seed\`.`,
        NOTHING_HERE,
      );
    }
  }
  const opened = await openDatabase(config);
  // Even the command line reads the population register through the exchange.
  const exchange = await startLocalExchange(opened.database.db, {
    address: 'https://node-1.invalid',
    report: (error) => console.error(error),
  });
  try {
    return await direct(
      opened.database,
      exchangePersonDirectory(new ExchangeClient(exchange, PORTAL_CLIENT)),
    );
  } finally {
    await exchange.close();
    await opened.close();
  }
}

async function fetchJson(url: string, init: RequestInit): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new CommandError(
      `The server holding the database does not answer at ${new URL(url).origin}: is it stopping? Try again in a moment.`,
      TRY_AGAIN_LATER,
    );
  }
  const body = (await response.json()) as { code?: string; detail?: string };
  if (body.code === 'not-ready')
    throw new CommandError(body.detail ?? 'The server is starting.', TRY_AGAIN_LATER);
  if (!response.ok) throw new AppError((body.code ?? 'internal') as AppError['code'], body.detail);
  return body;
}

function refuseInProduction(config: Config, command: string): void {
  if (config.production)
    throw new AppError(
      'demo-disabled',
      `'civitas ${command}' is a demo convenience, refused when CIVITAS_ENV=production.`,
    );
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535)
    throw new InvalidArgumentError('must be a port number (0-65535).');
  return port;
}

function parseCount(value: string): number {
  const count = Number(value);
  if (!/^\d+$/.test(value) || count < 1 || count > 10_000_000) {
    throw new InvalidArgumentError('must be a whole number from 1 to 10000000.');
  }
  return count;
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommandError) {
    console.error(`civitas: ${error.message}`);
    process.exit(error.exitStatus);
  }
  if (error instanceof ConfigError) {
    console.error(`civitas: configuration error: ${error.message}`);
    process.exit(78);
  }
  if (error instanceof AppError) {
    console.error(`civitas: ${error.code}: ${error.message}`);
    process.exit(2);
  }
  console.error(`civitas: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
