import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration from the environment', () => {
  it('has working defaults for a laptop', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      env: 'development',
      demo: true,
      port: 3000,
      publicUrl: 'http://localhost:3000',
      demoPersons: 10_000,
      demoHealthRecords: 'all',
      databaseUrl: undefined,
    });
    expect(config.dataDir).toMatch(/data$/);
  });

  it('gives everyone a health record unless CIVITAS_DEMO_HEALTH_RECORDS names a count', () => {
    expect(loadConfig({ CIVITAS_DEMO_HEALTH_RECORDS: 'all' }).demoHealthRecords).toBe('all');
    expect(loadConfig({ CIVITAS_DEMO_HEALTH_RECORDS: '2500' }).demoHealthRecords).toBe(2500);
    expect(loadConfig({ CIVITAS_DEMO_HEALTH_RECORDS: '0' }).demoHealthRecords).toBe(0);
  });

  it('logs at warn in development (no line per request on the console) and at info in production, unless LOG_LEVEL says', () => {
    expect(loadConfig({}).logLevel).toBe('warn');
    expect(
      loadConfig({
        CIVITAS_ENV: 'production',
        DATABASE_URL: 'postgres://db/civitas',
        CIVITAS_PUBLIC_URL: 'https://civitas.example.bg',
      }).logLevel,
    ).toBe('info');
    expect(loadConfig({ LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
  });

  it('derives the public URL from PORT unless given', () => {
    expect(loadConfig({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    expect(loadConfig({ PORT: '8080', CIVITAS_PUBLIC_URL: 'https://civitas.example.bg' }).publicUrl).toBe(
      'https://civitas.example.bg',
    );
  });

  it.each([
    ['PORT', { PORT: 'abc' }],
    ['PORT', { PORT: '70000' }],
    ['CIVITAS_ENV', { CIVITAS_ENV: 'staging' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }],
    ['CIVITAS_DEMO_PIN', { CIVITAS_DEMO_PIN: '12' }],
    ['CIVITAS_PUBLIC_URL', { CIVITAS_PUBLIC_URL: 'localhost:3000' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['CIVITAS_DEMO_PERSONS', { CIVITAS_DEMO_PERSONS: '3' }],
    ['CIVITAS_DEMO_HEALTH_RECORDS', { CIVITAS_DEMO_HEALTH_RECORDS: 'everyone' }],
    ['CIVITAS_DEMO_HEALTH_RECORDS', { CIVITAS_DEMO_HEALTH_RECORDS: '-5' }],
    ['CIVITAS_DEMO_HEALTH_RECORDS', { CIVITAS_DEMO_HEALTH_RECORDS: '1e4' }],
    ['CIVITAS_REQUEST_TIMEOUT_MS', { CIVITAS_REQUEST_TIMEOUT_MS: '0' }],
    ['CIVITAS_REQUEST_TIMEOUT_MS', { CIVITAS_REQUEST_TIMEOUT_MS: '30s' }],
    ['CIVITAS_HEADERS_TIMEOUT_MS', { CIVITAS_HEADERS_TIMEOUT_MS: '999' }],
    [
      'CIVITAS_HEADERS_TIMEOUT_MS',
      { CIVITAS_HEADERS_TIMEOUT_MS: '20000', CIVITAS_REQUEST_TIMEOUT_MS: '5000' },
    ],
    ['CIVITAS_CONNECTION_TIMEOUT_MS', { CIVITAS_CONNECTION_TIMEOUT_MS: '-1' }],
    ['CIVITAS_TRUSTED_PROXIES', { CIVITAS_TRUSTED_PROXIES: 'proxy.example' }],
    ['CIVITAS_TRUSTED_PROXIES', { CIVITAS_TRUSTED_PROXIES: '10.0.0.0/33' }],
    ['CIVITAS_TRUSTED_PROXIES', { CIVITAS_TRUSTED_PROXIES: '10.0.0.1, *' }],
    ['CIVITAS_TRUSTED_PROXIES', { CIVITAS_TRUSTED_PROXIES: '2001:db8::/129' }],
    ['CIVITAS_METRICS_TOKEN', { CIVITAS_METRICS_TOKEN: 'short' }],
  ])('names the bad variable %s', (variable, env) => {
    const error = configError(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(variable);
  });

  it('bounds how long a client may take to send a request, by default and as configured', () => {
    expect(loadConfig({})).toMatchObject({
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      connectionTimeoutMs: 120_000,
    });
    expect(
      loadConfig({
        CIVITAS_HEADERS_TIMEOUT_MS: '2000',
        CIVITAS_REQUEST_TIMEOUT_MS: '4000',
        CIVITAS_CONNECTION_TIMEOUT_MS: '9000',
      }),
    ).toMatchObject({ headersTimeoutMs: 2000, requestTimeoutMs: 4000, connectionTimeoutMs: 9000 });
  });

  it('refuses production without a PostgreSQL server or with a plain-http public URL', () => {
    expect(configError({ CIVITAS_ENV: 'production' }).variable).toBe('DATABASE_URL');
    expect(
      configError({
        CIVITAS_ENV: 'production',
        DATABASE_URL: 'postgres://db/civitas',
        CIVITAS_PUBLIC_URL: 'http://civitas.bg',
      }).variable,
    ).toBe('CIVITAS_PUBLIC_URL');
  });

  it('turns demo conveniences off in production', () => {
    const config = loadConfig({
      CIVITAS_ENV: 'production',
      DATABASE_URL: 'postgres://db/civitas',
      CIVITAS_PUBLIC_URL: 'https://civitas.bg',
    });
    expect(config.production).toBe(true);
    expect(config.demo).toBe(false);
  });

  it('trusts no proxy unless told, and takes addresses and CIDR ranges of both families', () => {
    expect(loadConfig({}).trustedProxies).toEqual([]);
    expect(
      loadConfig({ CIVITAS_TRUSTED_PROXIES: ' 10.0.0.5, 10.0.0.0/8 ,2001:db8::/32,::1' }).trustedProxies,
    ).toEqual(['10.0.0.5', '10.0.0.0/8', '2001:db8::/32', '::1']);
  });

  it('keeps private keys beside the data unless CIVITAS_KEY_DIR says where', () => {
    expect(loadConfig({ CIVITAS_DATA_DIR: '/srv/civitas' }).keyDir).toBe('/srv/civitas/keys');
    expect(loadConfig({ CIVITAS_KEY_DIR: '/run/secrets/civitas' }).keyDir).toBe('/run/secrets/civitas');
  });
});
