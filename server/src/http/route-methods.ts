import type { FastifyInstance } from 'fastify';
import FindMyWay from 'find-my-way';

const ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

function byUsualOrder(a: string, b: string): number {
  const rank = (method: string) => (ORDER.includes(method) ? ORDER.indexOf(method) : ORDER.length);
  return rank(a) - rank(b) || a.localeCompare(b);
}

/** Which methods each known path takes, to answer a wrong method with 405 and `Allow`. */
export interface RouteMethods {
  /** The methods routed for this URL (path and optional query), in the usual order; empty if none. */
  allowed(url: string): string[];
}

const tables = new WeakMap<FastifyInstance, RouteMethods>();

/** The route table recorded for this instance or the instance it was made from (plugins' scopes). */
export function routeMethodsOf(app: FastifyInstance): RouteMethods | undefined {
  for (let scope: object | null = app; scope; scope = Object.getPrototypeOf(scope)) {
    const table = tables.get(scope as FastifyInstance);
    if (table) return table;
  }
  return undefined;
}

/**
 * Records every route as it is added (an `onRoute` hook on the root instance, so plugins
 * registered afterwards are seen too) in a router of its own: Fastify's router, find-my-way, with
 * Fastify's default options, so a path matches here exactly when it would match there.
 */
export function recordRouteMethods(app: FastifyInstance): RouteMethods {
  const router = FindMyWay({ maxParamLength: 100 });
  const methods = new Set<string>();
  const noop = () => {};
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      try {
        router.on(method as FindMyWay.HTTPMethod, route.url ?? route.path, noop);
        methods.add(method);
      } catch {
        // The same method and path twice (a constraint variant), or a method the router lacks.
      }
    }
  });
  const table: RouteMethods = {
    allowed(url) {
      const found: string[] = [];
      for (const method of methods) {
        try {
          if (router.find(method as FindMyWay.HTTPMethod, url)) found.push(method);
        } catch {
          return [];
        }
      }
      return found.sort(byUsualOrder);
    },
  };
  tables.set(app, table);
  return table;
}
