import type { FastifyInstance } from 'fastify';
import type { Caller } from '../../access/index.ts';
import type { StaffName } from '../../identity/index.ts';
import { principalOf } from '../../identity/index.ts';
import {
  type DiscloseBody,
  discloseSchema,
  type FindUsageQuery,
  findUsageSchema,
  heartbeatSchema,
} from './estonian-api-schemas.ts';
import { usageTransfer } from './estonian-api-views.ts';
import { usagePolicy } from './policy.ts';
import type { DataTracker } from './service.ts';

export interface DataTrackerApiOptions {
  tracker: DataTracker;
}

/** The v3 findUsage answer: Civitas registers answer requests, so every record is a data response. */
async function findUsage(tracker: DataTracker, caller: Caller, query: FindUsageQuery, instanceId: string) {
  const types = query.processingType === undefined ? undefined : [query.processingType].flat();
  const systems = query.logSourceSystems === undefined ? undefined : [query.logSourceSystems].flat();
  const subject = query.userCode.slice(instanceId.length);
  const viewer = usagePolicy.findUsageViewer(caller, subject);
  const wanted = (!types || types.includes('DATA_RESPONSE')) && (!systems || systems.includes('Civitas'));
  const found = wanted
    ? await tracker.usageOf(subject, viewer, {
        from: query.periodStart ? new Date(query.periodStart) : undefined,
        to: query.periodEnd ? new Date(query.periodEnd) : undefined,
        limit: Number(query.limit ?? 1000),
        offset: Number(query.offset ?? 0),
      })
    : { total: 0, rows: [], names: new Map<string, StaffName>() };
  return {
    totalUsages: found.total,
    returnedUsages: found.rows.length,
    dataRequests: null,
    dataResponses: found.rows.map((row) =>
      usageTransfer(row, found.names, viewer, tracker.usage.organisationOf, instanceId),
    ),
    dataProcessings: null,
    internalProcessings: null,
  };
}

/**
 * The usage API of Estonia's Data Tracker (Andmejälgija, e-gov/AJ dumonitor v3: `findUsage`,
 * `disclose`, `heartbeat`), so a national portal can gather usage from Civitas with the client
 * it already has.
 */
export async function dataTrackerApi(
  app: FastifyInstance,
  { tracker }: DataTrackerApiOptions,
): Promise<void> {
  const instanceId = app.instance.id;
  // Errors stay problem+json with a stable code, and also carry the v3 Error's `message`.
  app.addHook('preSerialization', async (_request, reply, payload) => {
    if (reply.statusCode < 400 || typeof payload !== 'object' || payload === null) return payload;
    const problem = payload as { detail?: string; title?: string; message?: string };
    return { ...problem, message: problem.message ?? problem.detail ?? problem.title ?? 'error' };
  });

  app.get(
    '/api/data-tracker/v3/findUsage',
    {
      config: { access: 'signed-in' },
      schema: findUsageSchema(instanceId, app.instance.personalNumbers.pattern),
    },
    async (request) => findUsage(tracker, principalOf(request), request.query as FindUsageQuery, instanceId),
  );

  app.post(
    '/api/data-tracker/v3/disclose',
    { config: { access: { roles: ['police', 'official'] } }, schema: discloseSchema },
    async (request, reply) => {
      await tracker.disclose(principalOf(request), request.body as DiscloseBody);
      return reply.code(200).send(null);
    },
  );

  app.get(
    '/api/data-tracker/v3/heartbeat',
    { config: { access: 'public' }, schema: heartbeatSchema },
    async (_request, reply) => {
      if (await tracker.usage.reachable()) return { status: 'OK' as const, message: 'API is ready' };
      return reply.code(500).send({ status: 'FAIL' as const, message: 'the usage store is not reachable' });
    },
  );
}
