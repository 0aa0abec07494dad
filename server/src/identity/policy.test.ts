import { describe, expect, it } from 'vitest';
import { AppError } from '../kernel/errors.ts';
import { identityPolicy } from './policy.ts';

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof AppError ? error.code : 'not an AppError';
  }
  return undefined;
}

describe('who may use what of the identity context', () => {
  it('refuses the demo conveniences in production', () => {
    expect(codeOf(() => identityPolicy.requireDemo({ demo: false }))).toBe('demo-disabled');
    expect(codeOf(() => identityPolicy.requireDemo({ demo: true }))).toBeUndefined();
  });

  it('gives scripting tokens only to callers on this machine, behind a local proxy too', () => {
    expect(codeOf(() => identityPolicy.requireLocalCaller('127.0.0.1', '::1'))).toBeUndefined();
    expect(codeOf(() => identityPolicy.requireLocalCaller('::ffff:127.0.0.1', '127.0.0.1'))).toBeUndefined();
    // A proxy on this machine forwarding a remote client's request.
    expect(codeOf(() => identityPolicy.requireLocalCaller('127.0.0.1', '203.0.113.7'))).toBe('demo-disabled');
    expect(codeOf(() => identityPolicy.requireLocalCaller('203.0.113.7', '127.0.0.1'))).toBe('demo-disabled');
  });

  it('answers userinfo only for OpenID Connect tokens, with the profile only for its scope', () => {
    expect(codeOf(() => identityPolicy.userinfoScope({ scopes: ['api'] }))).toBe('token-invalid');
    expect(identityPolicy.userinfoScope({ scopes: ['openid'] })).toEqual({ profile: false });
    expect(identityPolicy.userinfoScope({ scopes: ['openid', 'profile'] })).toEqual({ profile: true });
  });
});
