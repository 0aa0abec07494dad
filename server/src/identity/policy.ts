import type { Config } from '../kernel/index.ts';
import { AppError } from '../kernel/index.ts';
import type { AccessTokenClaims } from './tokens.ts';

/**
 * Who may use what of the identity context, decided here rather than in its routes: demo
 * conveniences exist only outside production (architecture invariant 6), `civitas token`'s
 * endpoint answers only this machine, and userinfo gives each token the claims its scopes name.
 */
export const identityPolicy = {
  /** The demo sign-in, scripting tokens and the demo account list: refused in production. */
  requireDemo(config: Pick<Config, 'demo'>): void {
    if (!config.demo) throw new AppError('demo-disabled');
  },

  /**
   * `civitas token` while the server holds the embedded database: loopback callers only. The
   * client's address as a configured proxy reports it too: a proxy on this machine does not
   * make every client behind it local.
   */
  requireLocalCaller(socketAddress: string | undefined, clientAddress: string): void {
    if (!isLoopback(socketAddress) || !isLoopback(clientAddress))
      throw new AppError('demo-disabled', 'Only from this machine.');
  },

  /** userinfo answers tokens issued for OpenID Connect; the profile claims only with the `profile` scope. */
  userinfoScope(principal: Pick<AccessTokenClaims, 'scopes'>): { profile: boolean } {
    if (!principal.scopes.includes('openid'))
      throw new AppError('token-invalid', 'The access token was not issued for OpenID Connect.');
    return { profile: principal.scopes.includes('profile') };
  },
};

export function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}
