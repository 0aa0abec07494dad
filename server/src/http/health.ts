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
}

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
        response: {
          200: Type.Object({
            status: Type.Literal('ready'),
            checks: Type.Record(Type.String(), Check),
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
      return { status: 'ready' as const, checks };
    },
  );
}

/** The health context's routes, as one encapsulated plugin (hooks and parsers stay inside). */
export const healthPlugin = fp(health, { name: 'health', encapsulate: true });
