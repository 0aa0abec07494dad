import crypto from 'node:crypto';
import type { X509Signer } from '@civitas/wallet/formats.ts';
import { buildStatusListCwt } from '@civitas/wallet/status-list/cwt.ts';
import { buildStatusListToken } from '@civitas/wallet/status-list/jwt.ts';
import type { StatusListsService } from './service.ts';

export type TokenKind = 'jwt' | 'cwt';

export const MEDIA_TYPES: Record<TokenKind, string> = {
  jwt: 'application/statuslist+jwt',
  cwt: 'application/statuslist+cwt',
};

/** What both builders take (the same as `@civitas/wallet/status-list/jwt.ts`'s). */
export interface TokenInput {
  uri: string;
  statuses: Uint8Array;
  bits: 2;
  issuedAt: number;
  expiresAt: number;
  ttl: number;
  signer: X509Signer;
}

export type TokenBuilders = Record<TokenKind, (input: TokenInput) => Promise<string | Uint8Array>>;

export interface PublishedToken {
  kind: TokenKind;
  body: string | Uint8Array;
  etag: string;
  /** Seconds a fetched copy may be cached: the token's `ttl`. */
  ttl: number;
}

export interface StatusPublisherOptions {
  lists: StatusListsService;
  signer: () => Promise<X509Signer>;
  builders: TokenBuilders;
  /** The token's `ttl` and the answer's `max-age`, seconds (default 30). */
  ttlSeconds?: number;
  /** The token's lifetime (`exp` − `iat`), seconds (default 1 day); re-signed at half of it. */
  validitySeconds?: number;
  now?: () => Date;
}

interface Cached {
  version: number;
  signedAtMs: number;
  token: Promise<PublishedToken>;
}

/**
 * Signs the status list tokens and keeps the last one of each list and kind: it is signed again
 * when the list's version moves (a revocation, at the next request: within seconds) or when half
 * its lifetime has passed. One indexed read per request tells which.
 */
export class StatusPublisher {
  private readonly cache = new Map<string, Cached>();
  private readonly ttl: number;
  private readonly validity: number;
  private readonly now: () => Date;
  private readonly options: StatusPublisherOptions;

  constructor(options: StatusPublisherOptions) {
    this.options = options;
    this.ttl = options.ttlSeconds ?? 30;
    this.validity = options.validitySeconds ?? 86_400;
    this.now = options.now ?? (() => new Date());
  }

  /** The list's current token of that kind, or null when there is no such list. */
  async token(listId: string, kind: TokenKind): Promise<PublishedToken | null> {
    const list = await this.options.lists.list(listId);
    if (!list) return null;
    const key = `${listId}:${kind}`;
    const nowMs = this.now().getTime();
    const cached = this.cache.get(key);
    if (cached && cached.version === list.version && nowMs - cached.signedAtMs < (this.validity * 1000) / 2) {
      return cached.token;
    }
    const token = this.sign(listId, kind, nowMs);
    this.cache.set(key, { version: list.version, signedAtMs: nowMs, token });
    token.catch(() => this.cache.delete(key));
    return token;
  }

  private async sign(listId: string, kind: TokenKind, nowMs: number): Promise<PublishedToken> {
    const [statuses, signer] = await Promise.all([
      this.options.lists.statusValues(listId),
      this.options.signer(),
    ]);
    const issuedAt = Math.floor(nowMs / 1000);
    const body = await this.options.builders[kind]({
      uri: this.options.lists.uriOf(listId),
      statuses,
      bits: 2,
      issuedAt,
      expiresAt: issuedAt + this.validity,
      ttl: this.ttl,
      signer,
    });
    const digest = crypto.createHash('sha256').update(body).digest('base64url').slice(0, 27);
    return { kind, body, etag: `"${kind}-${digest}"`, ttl: this.ttl };
  }
}

/** The builders of `@civitas/wallet` (`status-list/jwt.ts`, `status-list/cwt.ts`). */
export const TOKEN_BUILDERS: TokenBuilders = {
  jwt: (input) => buildStatusListToken(input),
  cwt: (input) => buildStatusListCwt(input),
};
