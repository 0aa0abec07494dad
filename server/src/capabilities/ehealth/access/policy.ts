import { sql } from 'kysely';
import type { HealthPolicy } from '../ports.ts';

/**
 * The one access policy of the health record. PLACEHOLDER (access/ replaces it): lets only the
 * platform itself through, so nothing leaks before the real rules exist.
 */
export function createHealthPolicy(): HealthPolicy {
  const internal = (kind: string) => kind === 'internal';
  return {
    checkScopes: (ctx) =>
      internal(ctx.actor.kind) ? { allowed: true } : { allowed: false, reason: 'no access rules yet' },
    canRead: async (ctx) => internal(ctx.actor.kind),
    filterReadable: async (ctx, resources) => (internal(ctx.actor.kind) ? [...resources] : []),
    visibleWhere: async (ctx) => (internal(ctx.actor.kind) ? sql<boolean>`true` : false),
    canWrite: async (ctx) => internal(ctx.actor.kind),
  };
}
