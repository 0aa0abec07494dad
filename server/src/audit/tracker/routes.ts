import { checkEgn } from '@civitas/contracts/ids/egn.ts';
import { toBase64 } from '@civitas/tlog/hash.ts';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { AccessPolicy } from '../../access/policy.ts';
import { principalOf } from '../../identity/auth.ts';
import { DEMO_ROLE_ORGANISATIONS } from '../../identity/demo-accounts.ts';
import type { StaffName } from '../../identity/staff.ts';
import { AppError } from '../../kernel/errors.ts';
import type { UsageRow } from '../tables.ts';
import { type HiddenCase, organisationOf, subsystemOfService, type UsageStore } from './store.ts';

export interface TrackerRoutesOptions {
  usage: UsageStore;
  /** Which administration a caller acts for, and which legal bases allow hiding an access. */
  policy: AccessPolicy;
  /** The names officials are registered under, by personal number (what citizens are shown). */
  staffNames: (egns: readonly string[]) => Promise<Map<string, StaffName>>;
  /** Feeds the exchange's newest messages in before answering, so a screen is up to date. */
  catchUp: () => Promise<unknown>;
}

const ProblemRef = Type.Object({}, { additionalProperties: true, description: 'RFC 9457 problem details' });
const errors = { 400: ProblemRef, 401: ProblemRef, 403: ProblemRef, 404: ProblemRef };
const Organisation = Type.Object({ id: Type.String(), name: Type.String(), systemName: Type.String() });

export const UsageRecord = Type.Object({
  id: Type.String(),
  logIndex: Type.Integer({ description: 'index of the entry in the transparency log' }),
  logTime: Type.String({ format: 'date-time' }),
  initiatorOrg: Organisation,
  initiatorPerson: Type.Union([Type.String(), Type.Null()], {
    description:
      "the official's name as their administration registered it (null: none named, or a name not registered); never a personal number",
  }),
  initiatorPersonLatin: Type.Union([Type.String(), Type.Null()], {
    description: "the official's name in Latin letters",
  }),
  initiatorPersonalNumber: Type.Optional(
    Type.String({ description: "the official's personal number (auditors only)" }),
  ),
  self: Type.Boolean({ description: 'the data subject asked for their own data' }),
  receiver: Type.Object({
    id: Type.String(),
    name: Type.String(),
    systemName: Type.String(),
    service: Type.String(),
  }),
  purpose: Type.String(),
  legalBasis: Type.String(),
  caseRef: Type.Union([Type.String(), Type.Null()]),
  dataCategories: Type.Array(Type.String()),
  queryId: Type.String(),
  hiddenUntil: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  hiddenReason: Type.Union([Type.String(), Type.Null()]),
  entry: Type.String({ description: 'the log entry (canonical JSON), base64' }),
  nonce: Type.String({ description: "the salt of the entry's commitment to the data subject" }),
});

const Period = {
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
  limit: Type.Optional(
    Type.String({ pattern: '^([1-9][0-9]?|[1-4][0-9]{2}|500)$', description: '1–500, default 100' }),
  ),
  offset: Type.Optional(Type.String({ pattern: '^(0|[1-9][0-9]{0,5})$', description: 'default 0' })),
};

function dateOf(value: string | undefined): Date | undefined {
  return value === undefined ? undefined : new Date(value);
}

export function usageView(
  row: UsageRow & { entry: Uint8Array },
  viewer: 'subject' | 'auditor',
  names: ReadonlyMap<string, StaffName>,
) {
  const hiddenNow = row.hidden_until !== null && row.hidden_until > new Date();
  const receiver = organisationOf(subsystemOfService(row.receiver));
  const self = row.initiator_person === row.data_subject;
  const official = row.initiator_person && !self ? names.get(row.initiator_person) : undefined;
  return {
    id: row.id,
    logIndex: Number(row.log_index),
    logTime: row.logged_at.toISOString(),
    initiatorOrg: organisationOf(row.initiator_org),
    initiatorPerson: official?.name ?? null,
    initiatorPersonLatin: official?.nameLatin ?? null,
    ...(viewer === 'auditor' && row.initiator_person
      ? { initiatorPersonalNumber: row.initiator_person }
      : {}),
    self,
    receiver: {
      id: receiver.id,
      name: receiver.name,
      systemName: receiver.systemName,
      service: row.receiver,
    },
    purpose: row.purpose,
    legalBasis: row.legal_basis,
    caseRef: row.case_ref,
    dataCategories: row.data_categories,
    queryId: row.query_id,
    hiddenUntil: row.hidden_until?.toISOString() ?? null,
    // The reason of a hidden record is disclosed with it, not before.
    hiddenReason: viewer === 'auditor' || !hiddenNow ? row.hidden_reason : null,
    entry: toBase64(row.entry),
    nonce: row.nonce,
  };
}

/** The registered names of the officials who made these accesses. */
async function namesIn(
  options: TrackerRoutesOptions,
  rows: ReadonlyArray<Pick<UsageRow, 'initiator_person'>>,
): Promise<Map<string, StaffName>> {
  return options.staffNames(rows.flatMap((row) => (row.initiator_person ? [row.initiator_person] : [])));
}

/** The data tracker: "who used my data" for citizens, the audit view, and lawful hiding. */
async function trackerRoutes(app: FastifyInstance, options: TrackerRoutesOptions): Promise<void> {
  const { usage } = options;

  app.get(
    '/api/me/data-usage',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['citizen'],
        summary: "Who used my data: every access to the signed-in person's data, newest first",
        security: [{ eid: [] }],
        querystring: Type.Object(
          {
            organisation: Type.Optional(Type.String({ maxLength: 200 })),
            purpose: Type.Optional(Type.String({ maxLength: 200 })),
            ...Period,
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            total: Type.Integer(),
            items: Type.Array(UsageRecord),
            organisations: Type.Array(Organisation),
            purposes: Type.Array(Type.String()),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const query = request.query as Record<string, string | number | undefined>;
      const subject = principalOf(request).subject;
      await options.catchUp();
      const [found, facets] = await Promise.all([
        usage.find({
          subject,
          organisation: query.organisation as string | undefined,
          purpose: query.purpose as string | undefined,
          from: dateOf(query.from as string | undefined),
          to: dateOf(query.to as string | undefined),
          onlyVisible: true,
          limit: Number(query.limit ?? 100),
          offset: Number(query.offset ?? 0),
        }),
        usage.facets(subject),
      ]);
      const names = await namesIn(options, found.rows);
      return {
        total: found.total,
        items: found.rows.map((row) => usageView(row, 'subject', names)),
        organisations: facets.organisations.map(organisationOf),
        purposes: facets.purposes,
      };
    },
  );

  app.get(
    '/api/audit/usage',
    {
      config: { access: { roles: ['auditor'] } },
      schema: {
        tags: ['audit'],
        summary:
          'All usage records, hidden ones included (auditors, with a stated purpose; the view is itself logged)',
        security: [{ eid: [] }],
        querystring: Type.Object(
          {
            purpose: Type.String({ minLength: 3, maxLength: 200, description: "the auditor's purpose" }),
            legalBasis: Type.String({ minLength: 3, maxLength: 200 }),
            subject: Type.Optional(Type.String({ maxLength: 10 })),
            organisation: Type.Optional(Type.String({ maxLength: 200 })),
            usagePurpose: Type.Optional(Type.String({ maxLength: 200 })),
            ...Period,
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(UsageRecord) }), ...errors },
      },
    },
    async (request) => {
      const query = request.query as Record<string, string | number | undefined>;
      const subject = query.subject as string | undefined;
      if (subject !== undefined && checkEgn(subject)) {
        throw new AppError(
          'invalid-personal-number',
          `The personal number is not valid (${checkEgn(subject)}).`,
        );
      }
      const principal = principalOf(request);
      const filter = {
        subject,
        organisation: query.organisation as string | undefined,
        purpose: query.usagePurpose as string | undefined,
        from: dateOf(query.from as string | undefined),
        to: dateOf(query.to as string | undefined),
      };
      await usage.recordAuditView({
        auditor: principal.subject,
        organisation: organisationOfRole('auditor'),
        purpose: String(query.purpose),
        legalBasis: String(query.legalBasis),
        filter,
        subject,
      });
      await options.catchUp();
      const found = await usage.find({
        ...filter,
        onlyVisible: false,
        limit: Number(query.limit ?? 100),
        offset: Number(query.offset ?? 0),
      });
      request.log.info(
        { event: 'usage.audit-view', purpose: query.purpose },
        'usage records viewed by an auditor',
      );
      const names = await namesIn(options, found.rows);
      return { total: found.total, items: found.rows.map((row) => usageView(row, 'auditor', names)) };
    },
  );

  const Hiding = {
    hiddenUntil: Type.String({ format: 'date-time' }),
    reason: Type.String({ minLength: 3, maxLength: 500 }),
  };

  app.post(
    '/api/audit/usage/:id/hide',
    {
      config: { access: { roles: ['police', 'official'] } },
      schema: {
        tags: ['audit'],
        summary:
          'Hide a usage record from its data subject until a date, with a lawful reason (the official who made the access, on a legal basis that allows hiding)',
        security: [{ eid: [] }],
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: Type.Object(Hiding, { additionalProperties: false }),
        response: { 200: Type.Object({ hidden: Type.Integer() }), ...errors },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const body = request.body as { hiddenUntil: string; reason: string };
      const until = futureDate(body.hiddenUntil);
      const principal = principalOf(request);
      const organisations = await options.policy.clientsOf(principal);
      const hidden = await usage.hide(
        { id },
        { person: principal.subject, organisations },
        until,
        body.reason.trim(),
      );
      return { hidden };
    },
  );

  const HiddenCase = Type.Object({
    caseRef: Type.String(),
    organisation: Type.String({
      description:
        'the organisation whose accesses are hidden: its exchange client subsystem, e.g. BG/GOV/000695235/sofia-police',
    }),
    organisationName: Type.String({ description: 'that organisation as the exchange catalogue names it' }),
    systemName: Type.String({
      description: "the name of the organisation's information system (its subsystem)",
    }),
    legalBasis: Type.String({ description: 'the legal basis code that allows hiding' }),
    hiddenUntil: Type.String({ format: 'date-time' }),
    reason: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
  });

  app.post(
    '/api/audit/hidden-cases',
    {
      config: { access: { roles: ['police', 'official'] } },
      schema: {
        tags: ['audit'],
        summary:
          "Hide, from the start, every access the caller's administration makes under a case reference on a legal basis that allows hiding, until a date",
        security: [{ eid: [] }],
        body: Type.Object(
          {
            caseRef: Type.String({ minLength: 1, maxLength: 100 }),
            legalBasis: Type.String({
              minLength: 1,
              maxLength: 100,
              pattern: '^[a-z0-9-]+$',
              description: 'a legal basis code that allows hiding (hideable in GET /api/access/purposes)',
            }),
            ...Hiding,
          },
          { additionalProperties: false },
        ),
        response: { 200: HiddenCase, ...errors },
      },
    },
    async (request) => {
      const body = request.body as {
        caseRef: string;
        legalBasis: string;
        hiddenUntil: string;
        reason: string;
      };
      const until = futureDate(body.hiddenUntil);
      const principal = principalOf(request);
      const organisation = await options.policy.hidingClient(principal, body.legalBasis.trim());
      const hiding = {
        organisation,
        caseRef: body.caseRef.trim(),
        legalBasis: body.legalBasis.trim(),
        actor: principal.subject,
        until,
        reason: body.reason.trim(),
      };
      await usage.hideCase(hiding);
      const stored = (await usage.hiddenCases([organisation])).find(
        (row) => row.case_ref === hiding.caseRef && row.legal_basis === hiding.legalBasis,
      );
      return hiddenCaseView(stored!);
    },
  );

  app.get(
    '/api/audit/hidden-cases',
    {
      config: { access: { roles: ['auditor', 'police', 'official'] } },
      schema: {
        tags: ['audit'],
        summary:
          "Hidden cases: every organisation's for auditors, the caller's own administration's for police and officials",
        security: [{ eid: [] }],
        response: { 200: Type.Object({ items: Type.Array(HiddenCase) }), ...errors },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const rows = principal.roles.includes('auditor')
        ? await usage.hiddenCases('all')
        : await usage.hiddenCases(await options.policy.clientsOf(principal));
      return { items: rows.map(hiddenCaseView) };
    },
  );
}

function hiddenCaseView(row: HiddenCase) {
  const organisation = organisationOf(row.initiator_org);
  return {
    caseRef: row.case_ref,
    organisation: row.initiator_org,
    organisationName: organisation.name,
    systemName: organisation.systemName,
    legalBasis: row.legal_basis,
    hiddenUntil: row.hidden_until.toISOString(),
    reason: row.reason,
    createdAt: row.created_at.toISOString(),
  };
}

/** A hiding date must lie ahead, and not beyond the longest lawful period (10 years). */
export function futureDate(value: string): Date {
  const date = new Date(value);
  const now = Date.now();
  if (Number.isNaN(date.getTime()) || date.getTime() <= now) {
    throw new AppError('validation-failed', 'hiddenUntil must be a date-time in the future.');
  }
  if (date.getTime() > now + 10 * 366 * 24 * 3600 * 1000) {
    throw new AppError('validation-failed', 'hiddenUntil may be at most 10 years ahead.');
  }
  return date;
}

function organisationOfRole(role: string): string {
  return DEMO_ROLE_ORGANISATIONS.find((entry) => entry.role === role)?.organisation ?? role;
}

/** The data-tracker context's routes, as one encapsulated plugin (hooks and parsers stay inside). */
export const dataTrackerPlugin = fp(trackerRoutes, {
  name: 'data-tracker',
  dependencies: ['route-access'],
  encapsulate: true,
});
