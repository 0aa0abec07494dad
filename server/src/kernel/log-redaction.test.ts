import { Writable } from 'node:stream';
import { makeEgn } from '@civitas/contracts/ids/egn.ts';
import { makePesel } from '@civitas/contracts/ids/pesel.ts';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { platformLoggerOptions } from './log-redaction.ts';

const EGN = makeEgn('1985-03-14', 'M', 123);
const PESEL = makePesel('1985-03-14', 'F', 1234);

function capturedApp() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const app = Fastify({ logger: { ...platformLoggerOptions('info'), stream } });
  app.get('/api/persons/:personalNumber', async (request) => {
    const { personalNumber } = request.params as { personalNumber: string };
    request.log.warn(
      { subject: personalNumber, nested: { owner: personalNumber } },
      `looked up ${personalNumber}`,
    );
    return { ok: true };
  });
  app.get('/fail/:personalNumber', async (request) => {
    throw new Error(`no person ${(request.params as { personalNumber: string }).personalNumber}`);
  });
  return { app, lines };
}

describe('the platform log', () => {
  it.each([
    ['an 11-digit PESEL', PESEL],
    ['a 10-digit EGN', EGN],
  ])('masks %s in the request URL, the message and the fields', async (_name, personalNumber) => {
    const { app, lines } = capturedApp();
    const response = await app.inject({
      method: 'GET',
      url: `/api/persons/${personalNumber}?again=${personalNumber}`,
    });
    expect(response.statusCode).toBe(200);
    await app.close();
    const log = lines.join('\n');
    expect(log).toContain(`/api/persons/${'*'.repeat(personalNumber.length)}?again=`);
    expect(log).toContain(`looked up ${'*'.repeat(personalNumber.length)}`);
    expect(log).not.toContain(personalNumber);
    // Every line is still JSON: numbers (response times) are not touched.
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  });

  it("masks a personal number in an error's message and stack", async () => {
    const { app, lines } = capturedApp();
    const response = await app.inject({ method: 'GET', url: `/fail/${PESEL}` });
    expect(response.statusCode).toBe(500);
    await app.close();
    const errorLine = lines.map((line) => JSON.parse(line)).find((entry) => entry.err);
    expect(errorLine?.err.message).toBe(`no person ${'*'.repeat(11)}`);
    expect(lines.join('\n')).not.toContain(PESEL);
  });

  it('keeps other digit runs (request ids, VIN digits, report numbers)', async () => {
    const { app, lines } = capturedApp();
    await app.inject({ method: 'GET', url: '/api/persons/123456789' });
    await app.close();
    expect(lines.join('\n')).toContain('/api/persons/123456789');
  });
});
