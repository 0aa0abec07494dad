import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { sql } from 'kysely';
import type { AccessPolicy } from '../../access/policy.ts';
import type { Connection } from '../../db/connection.ts';
import { principalOf } from '../../identity/auth.ts';
import type { StaffName } from '../../identity/staff.ts';
import { AppError } from '../../kernel/errors.ts';
import type { UsageRow } from '../tables.ts';
import { futureDate } from './routes.ts';
import { type OrganisationRef, organisationOf, subsystemOfService, type UsageStore } from './store.ts';

export interface DataTrackerApiOptions {
  db: Connection;
  usage: UsageStore;
  /** Which administration a caller acts for (only its own accesses can be hidden). */
  policy: AccessPolicy;
  /** The names officials are registered under, by personal number. */
  staffNames: (egns: readonly string[]) => Promise<Map<string, StaffName>>;
  catchUp: () => Promise<unknown>;
}

/** A personal code as the Data Tracker writes it: country prefix and the national number. */
const PersonCode = Type.String({ pattern: '^BG[0-9]{10}$' });
const ProcessingType = Type.Union(
  ['DATA_REQUEST', 'DATA_RESPONSE', 'DATA_PROCESSING', 'INTERNAL_PROCESSING'].map((value) =>
    Type.Literal(value),
  ),
);
const V3Error = Type.Object(
  { code: Type.Optional(Type.String()), message: Type.String() },
  { additionalProperties: true },
);
const V3Organisation = Type.Object({
  type: Type.Union([Type.Literal('GOV'), Type.Literal('COM'), Type.Literal('NGO'), Type.Literal('NEE')]),
  code: Type.String(),
  name: Type.String(),
  systemName: Type.String(),
});
const UsageTransfer = Type.Object({
  logTime: Type.String({ format: 'date-time' }),
  purpose: Type.String(),
  logSourceSystem: Type.String(),
  bulkProcessing: Type.Boolean(),
  legalBasis: Type.Union([Type.String(), Type.Null()]),
  consentReference: Type.Null(),
  queryId: Type.String(),
  queryGroupId: Type.Union([Type.String(), Type.Null()]),
  hiddenReason: Type.Union([Type.String(), Type.Null()]),
  hiddenUntil: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  initiatorOrg: V3Organisation,
  initiatorPerson: Type.Union(
    [
      Type.Object({
        code: Type.Optional(
          Type.String({ description: 'BG + personal number: the person themselves, or for auditors' }),
        ),
        name: Type.Optional(Type.String({ description: "the official's registered name" })),
      }),
      Type.Null(),
    ],
    {
      description:
        'Civitas deviation: an official is named, never shown by personal number to the data subject',
    },
  ),
  target: V3Organisation,
});

function v3Organisation(organisation: OrganisationRef) {
  const type = ['GOV', 'COM', 'NGO', 'NEE'].includes(organisation.memberClass)
    ? organisation.memberClass
    : 'GOV';
  return {
    type: type as 'GOV',
    code: organisation.memberCode,
    name: organisation.name,
    systemName: organisation.systemName,
  };
}

function usageTransfer(row: UsageRow, names: ReadonlyMap<string, StaffName>, auditor: boolean) {
  const self = row.initiator_person === row.data_subject;
  const name = row.initiator_person ? names.get(row.initiator_person)?.name : undefined;
  return {
    logTime: row.logged_at.toISOString(),
    purpose: row.purpose,
    logSourceSystem: 'Civitas',
    bulkProcessing: false,
    legalBasis: row.legal_basis,
    consentReference: null,
    queryId: row.query_id,
    queryGroupId: row.case_ref,
    hiddenReason: row.hidden_reason,
    hiddenUntil: row.hidden_until?.toISOString() ?? null,
    initiatorOrg: v3Organisation(organisationOf(row.initiator_org)),
    initiatorPerson: !row.initiator_person
      ? null
      : self || auditor
        ? { code: `BG${row.initiator_person}`, ...(name ? { name } : {}) }
        : name
          ? { name }
          : null,
    target: v3Organisation(organisationOf(subsystemOfService(row.receiver))),
  };
}

/**
 * The usage API of Estonia's Data Tracker (Andmejälgija, e-gov/AJ dumonitor v3: `findUsage`,
 * `disclose`, `heartbeat`), so a national portal can gather usage from Civitas with the client
 * it already has. Civitas registers answer requests, so every record is a data response.
 */
async function dataTrackerApi(app: FastifyInstance, options: DataTrackerApiOptions): Promise<void> {
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
      schema: {
        tags: ['data tracker v3'],
        summary: "Usage of a person's data (Data Tracker v3 findUsage); the person themselves, or an auditor",
        security: [{ eid: [] }],
        querystring: Type.Object(
          {
            userCode: PersonCode,
            processingType: Type.Optional(
              Type.Union([ProcessingType, Type.Array(ProcessingType, { maxItems: 4 })], {
                description: 'repeat the parameter for several (explode)',
              }),
            ),
            includeBulkProcessing: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
            logSourceSystems: Type.Optional(
              Type.Union([
                Type.String({ maxLength: 100 }),
                Type.Array(Type.String({ maxLength: 100 }), { maxItems: 50 }),
              ]),
            ),
            periodStart: Type.Optional(Type.String({ format: 'date-time' })),
            periodEnd: Type.Optional(Type.String({ format: 'date-time' })),
            limit: Type.Optional(
              Type.String({ pattern: '^([1-9][0-9]{0,3}|10000)$', description: '1–10000, default 1000' }),
            ),
            offset: Type.Optional(
              Type.String({ pattern: '^(0|[1-9][0-9]{0,8})$', description: 'default 0' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            totalUsages: Type.Integer(),
            returnedUsages: Type.Integer(),
            dataRequests: Type.Null(),
            dataResponses: Type.Array(UsageTransfer),
            dataProcessings: Type.Null(),
            internalProcessings: Type.Null(),
          }),
          400: V3Error,
          401: V3Error,
          403: V3Error,
        },
      },
    },
    async (request) => {
      const query = request.query as {
        userCode: string;
        processingType?: string | string[];
        logSourceSystems?: string | string[];
        periodStart?: string;
        periodEnd?: string;
        limit?: string;
        offset?: string;
      };
      const types = query.processingType === undefined ? undefined : [query.processingType].flat();
      const systems = query.logSourceSystems === undefined ? undefined : [query.logSourceSystems].flat();
      const subject = query.userCode.slice(2);
      const principal = principalOf(request);
      const ownData = principal.subject === subject;
      if (!ownData && !principal.roles.includes('auditor')) {
        throw new AppError('role-forbidden', 'A person may ask only for the usage of their own data.');
      }
      const wanted = (!types || types.includes('DATA_RESPONSE')) && (!systems || systems.includes('Civitas'));
      await options.catchUp();
      const found = wanted
        ? await options.usage.find({
            subject,
            from: query.periodStart ? new Date(query.periodStart) : undefined,
            to: query.periodEnd ? new Date(query.periodEnd) : undefined,
            onlyVisible: ownData,
            limit: Number(query.limit ?? 1000),
            offset: Number(query.offset ?? 0),
          })
        : { total: 0, rows: [] };
      const names = await options.staffNames(
        found.rows.flatMap((row) => (row.initiator_person ? [row.initiator_person] : [])),
      );
      return {
        totalUsages: found.total,
        returnedUsages: found.rows.length,
        dataRequests: null,
        dataResponses: found.rows.map((row) => usageTransfer(row, names, !ownData)),
        dataProcessings: null,
        internalProcessings: null,
      };
    },
  );

  app.post(
    '/api/data-tracker/v3/disclose',
    {
      config: { access: { roles: ['police', 'official'] } },
      schema: {
        tags: ['data tracker v3'],
        summary:
          'Set when hidden usage records are disclosed, and why they were hidden (Data Tracker v3 disclose)',
        security: [{ eid: [] }],
        body: Type.Array(
          Type.Object(
            {
              queryId: Type.String({ minLength: 1, maxLength: 200 }),
              hiddenReason: Type.String({ minLength: 3, maxLength: 500 }),
              hiddenUntil: Type.String({ format: 'date-time' }),
            },
            { additionalProperties: false },
          ),
          { minItems: 1, maxItems: 10_000 },
        ),
        response: { 200: Type.Null(), 400: V3Error, 403: V3Error, 404: V3Error },
      },
    },
    async (request, reply) => {
      const items = request.body as Array<{ queryId: string; hiddenReason: string; hiddenUntil: string }>;
      const principal = principalOf(request);
      const actor = { person: principal.subject, organisations: await options.policy.clientsOf(principal) };
      await options.catchUp();
      for (const item of items) {
        await options.usage.hide(
          { queryId: item.queryId },
          actor,
          futureDate(item.hiddenUntil),
          item.hiddenReason,
        );
      }
      return reply.code(200).send(null);
    },
  );

  app.get(
    '/api/data-tracker/v3/heartbeat',
    {
      config: { access: 'public' },
      schema: {
        tags: ['data tracker v3'],
        summary: 'Whether the usage API is ready (Data Tracker v3 heartbeat)',
        response: {
          200: Type.Object({ status: Type.Literal('OK'), message: Type.String() }),
          500: Type.Object({ status: Type.Literal('FAIL'), message: Type.String() }),
        },
      },
    },
    async (_request, reply) => {
      try {
        await sql`SELECT 1 FROM audit.usage LIMIT 1`.execute(options.db);
        return { status: 'OK' as const, message: 'API is ready' };
      } catch {
        return reply.code(500).send({ status: 'FAIL' as const, message: 'the usage store is not reachable' });
      }
    },
  );
}

/** The estonian-data-tracker context's routes, as one encapsulated plugin (hooks and parsers stay inside). */
export const estonianDataTrackerPlugin = fp(dataTrackerApi, {
  name: 'estonian-data-tracker',
  dependencies: ['route-access'],
  encapsulate: true,
});
