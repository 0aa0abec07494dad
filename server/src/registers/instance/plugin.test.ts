import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { loadInstance } from './load.ts';
import { instancePlugin } from './plugin.ts';

describe('GET /api/instance', () => {
  it.each([
    [
      'bg',
      {
        id: 'BG',
        defaultLocale: 'bg',
        personalNumber: { scheme: 'egn', length: 10, pattern: '^[0-9]{10}$' },
      },
    ],
    [
      'pl',
      {
        id: 'PL',
        defaultLocale: 'pl',
        personalNumber: { scheme: 'pesel', length: 11, pattern: '^[0-9]{11}$' },
      },
    ],
  ])('tells the web which country %s is, its language and its personal numbers', async (name, expected) => {
    const app = Fastify({ logger: false });
    const instance = loadInstance(name);
    await app.register(instancePlugin, { instance });
    const response = await app.inject({ method: 'GET', url: '/api/instance' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ...expected, names: instance.names });
    expect(app.instance).toBe(instance);
    await app.close();
  });
});
