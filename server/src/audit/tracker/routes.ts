import type { FastifyInstance } from 'fastify';
import { principalOf } from '../../identity/index.ts';
import {
  type AuditUsageQuery,
  auditUsageSchema,
  type CitizenSessionsQuery,
  type CitizenUsageQuery,
  citizenSessionsSchema,
  citizenUsageSchema,
  type HideCaseBody,
  type HidingBody,
  hiddenCasesSchema,
  hideCaseSchema,
  hideRecordSchema,
} from './schemas.ts';
import type { DataTracker } from './service.ts';

export interface TrackerRoutesOptions {
  tracker: DataTracker;
}

/** The data tracker: "who used my data" for citizens, the audit view, and lawful hiding. */
export async function trackerRoutes(app: FastifyInstance, { tracker }: TrackerRoutesOptions): Promise<void> {
  app.get(
    '/api/me/data-usage',
    { config: { access: 'signed-in' }, schema: citizenUsageSchema },
    async (request) => tracker.citizenUsage(principalOf(request).subject, request.query as CitizenUsageQuery),
  );

  app.get(
    '/api/me/data-usage/sessions',
    { config: { access: 'signed-in' }, schema: citizenSessionsSchema },
    async (request) =>
      tracker.citizenUsageSessions(principalOf(request).subject, request.query as CitizenSessionsQuery),
  );

  app.get(
    '/api/audit/usage',
    { config: { access: { roles: ['auditor'] } }, schema: auditUsageSchema },
    async (request) => {
      const query = request.query as AuditUsageQuery;
      const answer = await tracker.auditUsage(principalOf(request), query);
      request.log.info(
        { event: 'usage.audit-view', purpose: query.purpose },
        'usage records viewed by an auditor',
      );
      return answer;
    },
  );

  app.post(
    '/api/audit/usage/:id/hide',
    { config: { access: { roles: ['police', 'official'] } }, schema: hideRecordSchema },
    async (request) => {
      const { id } = request.params as { id: string };
      return { hidden: await tracker.hideRecord(principalOf(request), id, request.body as HidingBody) };
    },
  );

  app.post(
    '/api/audit/hidden-cases',
    { config: { access: { roles: ['police', 'official'] } }, schema: hideCaseSchema },
    async (request) => tracker.hideCase(principalOf(request), request.body as HideCaseBody),
  );

  app.get(
    '/api/audit/hidden-cases',
    { config: { access: { roles: ['auditor', 'police', 'official'] } }, schema: hiddenCasesSchema },
    async (request) => ({ items: await tracker.hiddenCases(principalOf(request)) }),
  );
}
