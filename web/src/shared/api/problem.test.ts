import { describe, expect, it } from 'vitest';
import { parseProblem } from './problem.ts';

describe('parseProblem', () => {
  it('reads an RFC 9457 problem with its Civitas code', () => {
    const body = JSON.stringify({
      type: 'urn:civitas:problem:token-expired',
      title: 'The access token has expired',
      status: 401,
      detail: 'Sign in again',
      code: 'token-expired',
    });
    expect(parseProblem(401, 'application/problem+json; charset=utf-8', body)).toEqual({
      type: 'urn:civitas:problem:token-expired',
      title: 'The access token has expired',
      status: 401,
      detail: 'Sign in again',
      code: 'token-expired',
    });
  });

  it('defaults type to about:blank and status to the HTTP status', () => {
    expect(parseProblem(503, 'application/problem+json', '{"title":"Not ready"}')).toEqual({
      type: 'about:blank',
      title: 'Not ready',
      status: 503,
    });
  });

  it('accepts plain application/json error bodies that have a title', () => {
    expect(parseProblem(404, 'application/json', '{"title":"No such resource","status":404}')?.title).toBe(
      'No such resource',
    );
  });

  it('rejects an HTML error page from a proxy', () => {
    expect(parseProblem(502, 'text/html', '<h1>Bad gateway</h1>')).toBeNull();
  });

  it('rejects malformed JSON, arrays and bodies without a title', () => {
    expect(parseProblem(500, 'application/problem+json', '{"title":')).toBeNull();
    expect(parseProblem(500, 'application/problem+json', '[]')).toBeNull();
    expect(parseProblem(500, 'application/problem+json', '{"status":500}')).toBeNull();
    expect(parseProblem(500, null, '{"title":"x"}')).toBeNull();
  });

  it('drops members that are not strings instead of rendering them', () => {
    const body = JSON.stringify({ title: 'Bad', detail: { nested: true }, code: 42, status: '400' });
    expect(parseProblem(400, 'application/problem+json', body)).toEqual({
      type: 'about:blank',
      title: 'Bad',
      status: 400,
    });
  });
});
