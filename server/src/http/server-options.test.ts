import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { requestIdOf } from './server-options.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const withId = (value?: string) =>
  ({ headers: value === undefined ? {} : { 'x-request-id': value } }) as IncomingMessage;

describe('request ids', () => {
  it("keep a caller's plain X-Request-Id, and replace anything else with a fresh UUID (an id is repeated in every answer)", () => {
    expect(requestIdOf(withId('trace-me-123'))).toBe('trace-me-123');
    expect(requestIdOf(withId('a1b2:c3.d4_e5'))).toBe('a1b2:c3.d4_e5');
    expect(requestIdOf(withId())).toMatch(UUID);
    for (const junk of ['', 'x'.repeat(129), '<script>', 'a b', '8503146785\u0000', 'ид'])
      expect(requestIdOf(withId(junk))).toMatch(UUID);
  });
});
