import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { GlobalConfigurationCache } from './cache.ts';
import { GlobalConfigurationError } from './errors.ts';
import {
  createSampleRegistry,
  type SampleRegistry,
  sampleGlobalConfiguration,
} from './sample-configuration.ts';
import { signGlobalConfiguration } from './sign.ts';

const hourMs = 60 * 60 * 1000;
let registry: SampleRegistry;
const start = new Date('2030-01-01T00:00:00Z');

beforeAll(async () => {
  registry = await createSampleRegistry();
});

afterEach(() => {
  vi.useRealTimers();
});

/** A cache fed from a queue of publications, on a clock the test moves. */
function setUp() {
  const published: Array<string | Error> = [];
  const clock = { now: start };
  const cache = new GlobalConfigurationCache({
    anchorCertificatePem: registry.signer.certificatePem,
    fetch: async () => {
      const next = published.shift();
      if (next === undefined) throw new Error('nothing published');
      if (next instanceof Error) throw next;
      return next;
    },
    refreshMs: 60_000,
    clock: () => clock.now,
  });
  const publish = async (serial: number, generatedAt = clock.now) =>
    published.push(
      await signGlobalConfiguration(
        sampleGlobalConfiguration(registry, { serial, generatedAt, validMs: hourMs }),
        registry.signer,
      ),
    );
  return { cache, clock, published, publish };
}

function errorOf(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('GlobalConfigurationCache', () => {
  it('refuses exchange with code missing before any configuration is loaded', () => {
    const { cache } = setUp();
    const error = errorOf(() => cache.requireValid());
    expect(error).toBeInstanceOf(GlobalConfigurationError);
    expect(error).toMatchObject({ code: 'missing' });
    expect(cache.current()).toBeNull();
    expect(cache.status()).toEqual({ valid: false });
  });

  it('loads a valid configuration and lets the node exchange', async () => {
    const { cache, publish } = setUp();
    await publish(3);
    expect(await cache.refresh()).toBe('updated');
    expect(cache.requireValid().serial).toBe(3);
    expect(cache.status()).toEqual({
      valid: true,
      serial: 3,
      expiresAt: new Date(start.getTime() + hourMs).toISOString(),
    });
  });

  it('refuses exchange with code expired once the held configuration expires by the clock', async () => {
    const { cache, clock, publish } = setUp();
    await publish(1);
    await cache.refresh();
    clock.now = new Date(start.getTime() + hourMs);

    expect(errorOf(() => cache.requireValid())).toMatchObject({
      name: 'GlobalConfigurationError',
      code: 'expired',
    });
    expect(cache.status()).toMatchObject({ valid: false, serial: 1 });
    expect(cache.current()?.serial).toBe(1);
  });

  it('does not take a configuration that has already expired', async () => {
    const { cache, publish } = setUp();
    await publish(1, new Date(start.getTime() - 2 * hourMs));
    expect(await cache.refresh()).toBe('rejected');
    expect(cache.status()).toEqual({ valid: false, lastError: 'configuration rejected: expired' });
    expect(errorOf(() => cache.requireValid())).toMatchObject({ code: 'missing' });
  });

  it('keeps the last good configuration when a fetch fails or returns a bad one', async () => {
    const { cache, published, publish } = setUp();
    await publish(1);
    await cache.refresh();

    published.push(new Error('connection refused'));
    expect(await cache.refresh()).toBe('rejected');
    expect(cache.status()).toMatchObject({
      valid: true,
      serial: 1,
      lastError: 'fetch failed: connection refused',
    });

    published.push('garbage');
    expect(await cache.refresh()).toBe('rejected');
    expect(cache.status()).toMatchObject({
      valid: true,
      serial: 1,
      lastError: 'configuration rejected: malformed',
    });
    expect(cache.requireValid().serial).toBe(1);
  });

  it('takes a newer serial and ignores an older one', async () => {
    const { cache, publish } = setUp();
    await publish(5);
    await cache.refresh();

    await publish(4);
    expect(await cache.refresh()).toBe('older-ignored');
    expect(cache.requireValid().serial).toBe(5);
    expect(cache.status().lastError).toMatch(/older serial 4/);

    await publish(5);
    expect(await cache.refresh()).toBe('unchanged');
    expect(cache.status().lastError).toBeUndefined();

    await publish(6);
    expect(await cache.refresh()).toBe('updated');
    expect(cache.requireValid().serial).toBe(6);
  });

  it('loads on start, refreshes periodically, and stops', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { cache, publish, published } = setUp();
    await publish(1);
    expect(await cache.start()).toBe('updated');

    await publish(2);
    await vi.advanceTimersByTimeAsync(60_000);
    await vi.waitFor(() => expect(cache.current()?.serial).toBe(2));

    cache.stop();
    await publish(3);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(cache.current()?.serial).toBe(2);
    expect(published).toHaveLength(1);
  });
});
