import { describe, expect, it } from 'vitest';
import type { AuthSession } from './session.ts';
import { sessionSubject } from './session-subject.ts';

const base64url = (value: unknown) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(value))))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');

const withIdToken = (idToken: string | null): AuthSession => ({
  accessToken: 'at',
  expiresAt: 0,
  idToken,
  endSessionEndpoint: null,
  dpopKeyId: null,
});

describe('sessionSubject', () => {
  it("reads the subject from the session's ID token", () => {
    const token = `${base64url({ alg: 'ES256' })}.${base64url({ sub: '7501020018', name: 'Иван Ђ?>' })}.sig`;
    expect(sessionSubject(withIdToken(token))).toBe('7501020018');
  });

  it('answers null without an ID token, or for one without a readable subject', () => {
    expect(sessionSubject(withIdToken(null))).toBeNull();
    expect(sessionSubject(withIdToken('not-a-jwt'))).toBeNull();
    expect(sessionSubject(withIdToken(`x.${base64url({ sub: 42 })}.y`))).toBeNull();
    expect(sessionSubject(withIdToken('x.%%%.y'))).toBeNull();
  });
});
