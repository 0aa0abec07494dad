import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { sql } from 'kysely';
import type { Connection } from '../db/index.ts';
import { sendProblem } from './problem.ts';

export interface HealthOptions {
  db: Connection;
  /** True once migrations ran and the registers hold data. */
  isReady: () => boolean;
  /** Work going on after the server became ready, by name (it does not make the server unready). */
  backgroundWork?: () => Record<string, BackgroundWork>;
}

export interface BackgroundWork {
  state: 'running' | 'done' | 'stopped' | 'failed';
  /** How far it got, in the work's own unit (persons for the demo's health records). */
  done: number;
  total: number;
  detail: string;
}

const BackgroundWorkSchema = Type.Object({
  state: Type.Union([
    Type.Literal('running'),
    Type.Literal('done'),
    Type.Literal('stopped'),
    Type.Literal('failed'),
  ]),
  done: Type.Integer({ minimum: 0 }),
  total: Type.Integer({ minimum: 0 }),
  detail: Type.String(),
});

const Check = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('failing')]),
  detail: Type.Optional(Type.String()),
});

/** Liveness (/healthz: the process answers) and readiness (/readyz: it can serve traffic). */
async function health(app: FastifyInstance, options: HealthOptions): Promise<void> {
  app.get(
    '/healthz',
    {
      config: { rateLimit: false },
      schema: {
        tags: ['operations'],
        summary: 'Liveness: the process is up',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      config: { rateLimit: false },
      schema: {
        tags: ['operations'],
        summary: 'Readiness: the database answers and the registers are loaded',
        description:
          'With `background`, what the server is still doing while it serves: e.g. `healthRecords`, the demo health records seeded after the start (done of total persons).',
        response: {
          200: Type.Object({
            status: Type.Literal('ready'),
            checks: Type.Record(Type.String(), Check),
            background: Type.Optional(Type.Record(Type.String(), BackgroundWorkSchema)),
          }),
        },
      },
    },
    async (_request, reply) => {
      const checks: Record<string, { status: 'ok' | 'failing'; detail?: string }> = {};
      try {
        await sql`SELECT 1`.execute(options.db);
        checks.database = { status: 'ok' };
      } catch {
        checks.database = { status: 'failing', detail: 'the database does not answer' };
      }
      checks.registers = options.isReady()
        ? { status: 'ok' }
        : { status: 'failing', detail: 'the registers are still being loaded' };
      const failing = Object.entries(checks).filter(([, check]) => check.status === 'failing');
      if (failing.length > 0) {
        return sendProblem(
          reply,
          'not-ready',
          failing.map(([name, check]) => `${name}: ${check.detail}`).join('; '),
          {
            checks,
          },
        );
      }
      // Which database product answers is nobody's business outside: no engine, version or host.
      const background = options.backgroundWork?.();
      const busy = background && Object.keys(background).length > 0;
      return { status: 'ready' as const, checks, ...(busy ? { background } : {}) };
    },
  );
}

/** The health context's routes, as one encapsulated plugin (hooks and parsers stay inside). */
export const healthPlugin = fp(health, { name: 'health', encapsulate: true });
