import net from 'node:net';
import path from 'node:path';
import { type Static, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/**
 * The platform's whole configuration, read once from the environment and validated at boot.
 * A bad value stops the process with a message that names the variable.
 */
const EnvSchema = Type.Object({
  CIVITAS_ENV: Type.Union([Type.Literal('development'), Type.Literal('test'), Type.Literal('production')], {
    default: 'development',
  }),
  // A built-in instance (`bg`, `pl`: registers/instance/<name>/instance.json) or the path of a JSON file of one's own.
  CIVITAS_INSTANCE: Type.String({ pattern: '^([a-z]{2}|.+\\.json)$', default: 'bg' }),
  HOST: Type.String({ minLength: 1, default: 'localhost' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  CIVITAS_PUBLIC_URL: Type.Optional(Type.String({ pattern: '^https?://[^/]+$' })),
  CIVITAS_DATA_DIR: Type.String({ minLength: 1, default: './data' }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  // Default: `warn` in development (no line per request on the console), `info` in production.
  LOG_LEVEL: Type.Optional(
    Type.Union(
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)),
    ),
  ),
  CIVITAS_SEED: Type.String({ minLength: 1, maxLength: 64, default: 'civitas' }),
  CIVITAS_DEMO_PERSONS: Type.Integer({ minimum: 7, maximum: 10_000_000, default: 10_000 }),
  CIVITAS_DEMO_VEHICLES: Type.Integer({ minimum: 2, maximum: 10_000_000, default: 6_000 }),
  // How many persons get a synthetic health record: `all` (default) or a count; the demo persons'
  // come first, the others in the background after the server is ready.
  CIVITAS_DEMO_HEALTH_RECORDS: Type.String({ pattern: '^(all|[0-9]{1,8})$', default: 'all' }),
  CIVITAS_DEMO_PIN: Type.String({ pattern: '^[0-9]{4,8}$', default: '1234' }),
  // Threads that validate FHIR resources beside the main one (default none: on two cores they slowed the import).
  CIVITAS_VALIDATION_WORKERS: Type.Optional(Type.Integer({ minimum: 0, maximum: 16 })),
  CIVITAS_BODY_LIMIT: Type.Integer({ minimum: 1024, maximum: 64 * 1024 * 1024, default: 1024 * 1024 }),
  CIVITAS_RATE_LIMIT: Type.Integer({ minimum: 0, default: 1200 }),
  CIVITAS_HEADERS_TIMEOUT_MS: Type.Integer({ minimum: 1000, maximum: 600_000, default: 10_000 }),
  CIVITAS_REQUEST_TIMEOUT_MS: Type.Integer({ minimum: 1000, maximum: 3_600_000, default: 30_000 }),
  CIVITAS_CONNECTION_TIMEOUT_MS: Type.Integer({ minimum: 1000, maximum: 3_600_000, default: 120_000 }),
  CIVITAS_EXCHANGE_CLIENT_ADDRESSES: Type.String({ pattern: '^[0-9A-Fa-f:.,]+$', default: '127.0.0.1,::1' }),
  CIVITAS_EXCHANGE_BODY_LOGGING: Type.Union([Type.Literal('metadata'), Type.Literal('full')], {
    default: 'metadata',
  }),
  CIVITAS_LOG_ORIGIN: Type.Optional(Type.String({ pattern: '^[!-*,-~]{1,200}$' })),
  CIVITAS_LOG_CHECKPOINT_INTERVAL_MS: Type.Integer({ minimum: 0, maximum: 86_400_000, default: 10_000 }),
  CIVITAS_LOG_FEED_INTERVAL_MS: Type.Integer({ minimum: 0, maximum: 60_000, default: 500 }),
  CIVITAS_LOG_TILE_CACHE_MB: Type.Integer({ minimum: 0, maximum: 1_048_576, default: 512 }),
  CIVITAS_TRUSTED_PROXIES: Type.String({ maxLength: 4096, default: '' }),
  CIVITAS_KEY_DIR: Type.Optional(Type.String({ minLength: 1 })),
  CIVITAS_METRICS_TOKEN: Type.Optional(Type.String({ pattern: '^[!-~]{32,256}$' })),
});

type Env = Static<typeof EnvSchema>;

export interface Config {
  env: Env['CIVITAS_ENV'];
  production: boolean;
  /** Demo conveniences (demo eID login, `civitas token`, seeded demo accounts) are off in production. */
  demo: boolean;
  /**
   * Which country's installation this is: the name of a built-in instance configuration (`bg`,
   * `pl`) or a JSON file's path. Loaded and validated by `registers/instance` at boot.
   */
  instance: string;
  host: string;
  port: number;
  publicUrl: string;
  dataDir: string;
  databaseUrl: string | undefined;
  logLevel: string;
  seed: string;
  demoPersons: number;
  demoVehicles: number;
  /**
   * How many persons get a synthetic health record (at most the population): the demo persons'
   * while the server starts, the others in the background once it is ready.
   */
  demoHealthRecords: number | 'all';
  demoPin: string;
  bodyLimit: number;
  /** Worker threads that validate FHIR resources written (0: validated on the main thread). */
  validationWorkers: number;
  /** Requests per minute per client address; 0 turns the limit off (benchmarks only). */
  rateLimit: number;
  /** How long a client may take to send a request's headers. */
  headersTimeoutMs: number;
  /** How long a client may take to send a whole request, headers and body (a trickled body is cut off). */
  requestTimeoutMs: number;
  /** How long a connection may stay silent both ways before it is closed. */
  connectionTimeoutMs: number;
  /** Whether exchange nodes keep message bodies in the message log, or only metadata and hashes. */
  exchangeBodyLogging: 'metadata' | 'full';
  /** Addresses of the information systems allowed to call this node's client interface (`/r1/…`). */
  exchangeClientAddresses: string[];
  /** The transparency log's origin line (its key's name), used when the log is created. */
  logOrigin: string;
  /** How often a checkpoint is signed while the log grows; 0 = only on demand. */
  logCheckpointIntervalMs: number;
  /** How often the exchange's logs are fed into the transparency log; 0 = only on demand. */
  logFeedIntervalMs: number;
  /** The memory budget of the transparency log's cache of hash tiles, in bytes (proofs from memory). */
  logTileCacheBytes: number;
  /**
   * Addresses (IPs or CIDR ranges) of the reverse proxies whose `X-Forwarded-*` headers are
   * believed; empty: none, every answer is about the connection as it is.
   */
  trustedProxies: string[];
  /** Where the private keys kept out of the database live (files readable by the owner only). */
  keyDir: string;
  /** The bearer token `/metrics` asks for (required in production, where it is otherwise off). */
  metricsToken: string | undefined;
}

export class ConfigError extends Error {
  readonly variable: string;

  constructor(variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}

const integerVariables = new Set([
  'PORT',
  'CIVITAS_DEMO_PERSONS',
  'CIVITAS_DEMO_VEHICLES',
  'CIVITAS_BODY_LIMIT',
  'CIVITAS_VALIDATION_WORKERS',
  'CIVITAS_RATE_LIMIT',
  'CIVITAS_HEADERS_TIMEOUT_MS',
  'CIVITAS_REQUEST_TIMEOUT_MS',
  'CIVITAS_CONNECTION_TIMEOUT_MS',
  'CIVITAS_LOG_CHECKPOINT_INTERVAL_MS',
  'CIVITAS_LOG_FEED_INTERVAL_MS',
  'CIVITAS_LOG_TILE_CACHE_MB',
]);

export function loadConfig(source: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(EnvSchema.properties)) {
    const value = source[key];
    if (value === undefined || value === '') continue;
    if (integerVariables.has(key)) {
      if (!/^-?\d+$/.test(value.trim())) throw new ConfigError(key, `must be an integer, got "${value}"`);
      raw[key] = Number(value.trim());
    } else {
      raw[key] = value;
    }
  }
  const withDefaults = Value.Default(EnvSchema, raw) as Env;
  const firstError = Value.Errors(EnvSchema, withDefaults).First();
  if (firstError) {
    const variable = firstError.path.replace(/^\//, '') || 'environment';
    throw new ConfigError(variable, `${firstError.message} (got ${JSON.stringify(firstError.value)})`);
  }
  if (withDefaults.CIVITAS_HEADERS_TIMEOUT_MS > withDefaults.CIVITAS_REQUEST_TIMEOUT_MS) {
    throw new ConfigError(
      'CIVITAS_HEADERS_TIMEOUT_MS',
      `must not be longer than CIVITAS_REQUEST_TIMEOUT_MS (${withDefaults.CIVITAS_REQUEST_TIMEOUT_MS})`,
    );
  }
  const production = withDefaults.CIVITAS_ENV === 'production';
  const port = overrides.port ?? withDefaults.PORT;
  const config: Config = {
    env: withDefaults.CIVITAS_ENV,
    production,
    demo: !production,
    instance: withDefaults.CIVITAS_INSTANCE,
    host: withDefaults.HOST,
    port,
    publicUrl: publicUrlOf(withDefaults, port),
    dataDir: path.resolve(withDefaults.CIVITAS_DATA_DIR),
    databaseUrl: withDefaults.DATABASE_URL,
    logLevel: withDefaults.LOG_LEVEL ?? (production ? 'info' : 'warn'),
    seed: withDefaults.CIVITAS_SEED,
    demoPersons: withDefaults.CIVITAS_DEMO_PERSONS,
    demoVehicles: withDefaults.CIVITAS_DEMO_VEHICLES,
    demoHealthRecords:
      withDefaults.CIVITAS_DEMO_HEALTH_RECORDS === 'all'
        ? 'all'
        : Number(withDefaults.CIVITAS_DEMO_HEALTH_RECORDS),
    demoPin: withDefaults.CIVITAS_DEMO_PIN,
    bodyLimit: withDefaults.CIVITAS_BODY_LIMIT,
    validationWorkers: withDefaults.CIVITAS_VALIDATION_WORKERS ?? 0,
    rateLimit: withDefaults.CIVITAS_RATE_LIMIT,
    headersTimeoutMs: withDefaults.CIVITAS_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: withDefaults.CIVITAS_REQUEST_TIMEOUT_MS,
    connectionTimeoutMs: withDefaults.CIVITAS_CONNECTION_TIMEOUT_MS,
    exchangeBodyLogging: withDefaults.CIVITAS_EXCHANGE_BODY_LOGGING,
    exchangeClientAddresses: withDefaults.CIVITAS_EXCHANGE_CLIENT_ADDRESSES.split(',')
      .map((address) => address.trim())
      .filter(Boolean),
    logOrigin:
      withDefaults.CIVITAS_LOG_ORIGIN ?? `${new URL(publicUrlOf(withDefaults, port)).hostname}/civitas/log`,
    logCheckpointIntervalMs: withDefaults.CIVITAS_LOG_CHECKPOINT_INTERVAL_MS,
    logFeedIntervalMs: withDefaults.CIVITAS_LOG_FEED_INTERVAL_MS,
    logTileCacheBytes: withDefaults.CIVITAS_LOG_TILE_CACHE_MB * 2 ** 20,
    trustedProxies: parseTrustedProxies(withDefaults.CIVITAS_TRUSTED_PROXIES),
    keyDir: path.resolve(withDefaults.CIVITAS_KEY_DIR ?? path.join(withDefaults.CIVITAS_DATA_DIR, 'keys')),
    metricsToken: withDefaults.CIVITAS_METRICS_TOKEN,
    ...overrides,
  };
  if (config.production) assertProductionReady(config);
  return config;
}

/**
 * `CIVITAS_TRUSTED_PROXIES`: a comma-separated list of IP addresses and CIDR ranges
 * (`10.0.0.5`, `10.0.0.0/8`, `2001:db8::/32`). Anything else stops the start: a typo here would
 * silently trust nobody, or everybody.
 */
export function parseTrustedProxies(value: string): string[] {
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address = '', prefix, ...rest] = entry.split('/');
    const family = net.isIP(address);
    const maxPrefix = family === 4 ? 32 : 128;
    const prefixOk =
      prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= maxPrefix && rest.length === 0);
    if (family === 0 || !prefixOk) {
      throw new ConfigError(
        'CIVITAS_TRUSTED_PROXIES',
        `"${entry}" is not an IP address or CIDR range (e.g. 10.0.0.5, 10.0.0.0/8, 2001:db8::/32)`,
      );
    }
  }
  return entries;
}

function publicUrlOf(env: Env, port: number): string {
  return env.CIVITAS_PUBLIC_URL ?? `http://localhost:${port}`;
}

/** Insecure defaults shout: production refuses to start on settings meant for a laptop. */
function assertProductionReady(config: Config): void {
  if (!config.databaseUrl) {
    throw new ConfigError(
      'DATABASE_URL',
      'is required when CIVITAS_ENV=production (the embedded database is for demos)',
    );
  }
  if (!config.publicUrl.startsWith('https://')) {
    throw new ConfigError('CIVITAS_PUBLIC_URL', 'must be an https:// URL when CIVITAS_ENV=production');
  }
}
