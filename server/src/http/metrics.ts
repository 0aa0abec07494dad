import crypto from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { AppError } from '../kernel/index.ts';

export interface MetricsOptions {
  /** `CIVITAS_METRICS_TOKEN`: when set, /metrics answers only `Authorization: Bearer <token>`. */
  token?: string | undefined;
  /** In production /metrics is not public: without a token it is not served at all. */
  production?: boolean;
}

/**
 * Prometheus metrics at /metrics: process metrics and request latency per route. Route names,
 * counts and the process's memory say much about a deployment: in production only a scraper
 * holding the metrics token reads them.
 */
async function metrics(app: FastifyInstance, options: MetricsOptions = {}): Promise<void> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'civitas_' });
  const duration = new Histogram({
    name: 'civitas_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  app.decorate('metricsRegistry', registry);
  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, never the raw URL: URLs carry personal numbers and would explode cardinality.
    const route = request.routeOptions.url ?? 'unmatched';
    duration.observe(
      { method: request.method, route, status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  if (options.production && !options.token) return;
  app.get(
    '/metrics',
    {
      schema: { hide: true },
      ...(options.token && { preHandler: async (request) => checkMetricsToken(request, options.token!) }),
    },
    async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()),
  );
}

async function checkMetricsToken(request: FastifyRequest, token: string): Promise<void> {
  const header = request.headers.authorization;
  if (!header)
    throw new AppError('token-missing', 'Send the metrics token: "Authorization: Bearer <token>".');
  const match = /^bearer +(\S+)$/i.exec(header);
  // Compared as digests: equal lengths, and no early exit that would tell how much was right.
  const digest = (value: string) => crypto.createHash('sha256').update(value).digest();
  if (!match || !crypto.timingSafeEqual(digest(match[1]!), digest(token))) {
    throw new AppError('token-invalid', 'This is not the metrics token.');
  }
}

/** Registered without encapsulation: its hook must see every route of the app. */
export const metricsPlugin = fp(metrics, { name: 'civitas-metrics' });

declare module 'fastify' {
  interface FastifyInstance {
    metricsRegistry: Registry;
  }
}
