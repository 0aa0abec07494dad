import { GlobalConfigurationError } from './errors.ts';
import type { GlobalConfiguration } from './types.ts';
import { verifyGlobalConfiguration } from './verify.ts';

export interface GlobalConfigurationCacheOptions {
  anchorCertificatePem: string;
  /** Downloads the published JWS; may throw. */
  fetch: () => Promise<string>;
  refreshMs: number;
  clock?: () => Date;
}

/** What one refresh did: 'updated' took a newer serial, the others kept what was held. */
export type RefreshOutcome = 'updated' | 'unchanged' | 'older-ignored' | 'rejected';

export interface GlobalConfigurationStatus {
  /** A configuration is held and has not expired. */
  valid: boolean;
  serial?: number;
  expiresAt?: string;
  lastError?: string;
}

/**
 * A node's copy of the global configuration. It only moves forward: a configuration that fails
 * verification never replaces the held one, and neither does an older serial (which would let a
 * stale mirror, or an attacker replaying an old signed copy, bring back a revoked certificate).
 */
export class GlobalConfigurationCache {
  readonly #options: GlobalConfigurationCacheOptions;
  readonly #clock: () => Date;
  #conf: GlobalConfiguration | null = null;
  #lastError: string | undefined;
  #timer: NodeJS.Timeout | undefined;

  constructor(options: GlobalConfigurationCacheOptions) {
    this.#options = options;
    this.#clock = options.clock ?? (() => new Date());
  }

  /** Loads now, then refreshes every `refreshMs` without keeping the process alive. */
  start(): Promise<RefreshOutcome> {
    if (!this.#timer) {
      this.#timer = setInterval(() => void this.refresh(), this.#options.refreshMs);
      this.#timer.unref();
    }
    return this.refresh();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Never throws: a failure is kept in `status().lastError` and the held configuration stays. */
  async refresh(): Promise<RefreshOutcome> {
    let check: Awaited<ReturnType<typeof verifyGlobalConfiguration>>;
    try {
      const jws = await this.#options.fetch();
      check = await verifyGlobalConfiguration(jws, {
        anchorCertificatePem: this.#options.anchorCertificatePem,
        now: this.#clock(),
      });
    } catch (error) {
      this.#lastError = `fetch failed: ${error instanceof Error ? error.message : String(error)}`;
      return 'rejected';
    }
    if (!check.ok) {
      this.#lastError = `configuration rejected: ${check.reason}`;
      return 'rejected';
    }
    // Compared after the await, so concurrent refreshes cannot move the serial backwards.
    const held = this.#conf;
    if (held && check.conf.serial < held.serial) {
      this.#lastError = `older serial ${check.conf.serial} ignored, holding ${held.serial}`;
      return 'older-ignored';
    }
    this.#lastError = undefined;
    if (held && check.conf.serial === held.serial) return 'unchanged';
    this.#conf = check.conf;
    return 'updated';
  }

  /** The held configuration, even if expired: for display, not for deciding to exchange. */
  current(): GlobalConfiguration | null {
    return this.#conf;
  }

  status(): GlobalConfigurationStatus {
    const conf = this.#conf;
    return {
      valid: conf !== null && !this.#isExpired(conf),
      ...(conf && { serial: conf.serial, expiresAt: conf.expiresAt }),
      ...(this.#lastError !== undefined && { lastError: this.#lastError }),
    };
  }

  /** Called before every exchange: a node without a current configuration must not exchange. */
  requireValid(): GlobalConfiguration {
    const conf = this.#conf;
    if (!conf) throw new GlobalConfigurationError('missing', 'No global configuration has been loaded');
    if (this.#isExpired(conf)) {
      throw new GlobalConfigurationError('expired', `The global configuration expired at ${conf.expiresAt}`);
    }
    return conf;
  }

  #isExpired(conf: GlobalConfiguration): boolean {
    return this.#clock().getTime() >= Date.parse(conf.expiresAt);
  }
}
