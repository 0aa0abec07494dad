import { describe, expect, it } from 'vitest';
import type { AuthSession } from './session.ts';
import { sessionRoles } from './session-roles.ts';

const base64url = (value: unknown) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(value))))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');

const withClaims = (claims: unknown): AuthSession => ({
  accessToken: 'at',
  expiresAt: 0,
  idToken: `${base64url({ alg: 'ES256' })}.${base64url(claims)}.sig`,
  endSessionEndpoint: null,
  dpopKeyId: 'key-1',
});

describe('sessionRoles', () => {
  it("reads the roles the eID node put in the session's ID token", () => {
    expect(sessionRoles(withClaims({ sub: '7501020018', roles: ['citizen', 'police'] }))).toEqual([
      'citizen',
      'police',
    ]);
  });

  it('keeps only strings, and answers no roles for a token without them or an unreadable one', () => {
    expect(sessionRoles(withClaims({ roles: ['citizen', 7, null, 'auditor'] }))).toEqual([
      'citizen',
      'auditor',
    ]);
    expect(sessionRoles(withClaims({ roles: 'auditor' }))).toEqual([]);
    expect(sessionRoles(withClaims({ sub: 'x' }))).toEqual([]);
    expect(sessionRoles(withClaims(['auditor']))).toEqual([]);
    expect(sessionRoles({ ...withClaims({}), idToken: null })).toEqual([]);
    expect(sessionRoles({ ...withClaims({}), idToken: 'x.%%%.y' })).toEqual([]);
  });
});
