import { AuditUsagePage, HiddenCase, HiddenCases } from '@civitas/contracts/api/audit.ts';
import { DataUsagePage, DataUsageSessionsPage } from '@civitas/contracts/api/data-usage.ts';
import { Type } from '@sinclair/typebox';

const ProblemRef = Type.Object({}, { additionalProperties: true, description: 'RFC 9457 problem details' });
const errors = { 400: ProblemRef, 401: ProblemRef, 403: ProblemRef, 404: ProblemRef };
const Period = {
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
  limit: Type.Optional(
    Type.String({ pattern: '^([1-9][0-9]?|[1-4][0-9]{2}|500)$', description: '1–500, default 100' }),
  ),
  offset: Type.Optional(Type.String({ pattern: '^(0|[1-9][0-9]{0,5})$', description: 'default 0' })),
};

/** A page of records within a period, as the query string carries it. */
export interface PeriodQuery {
  from?: string;
  to?: string;
  limit?: string;
  offset?: string;
}

export const citizenUsageSchema = {
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
    200: DataUsagePage,
    ...errors,
  },
};
export type CitizenUsageQuery = PeriodQuery & { organisation?: string; purpose?: string };

export const citizenSessionsSchema = {
  tags: ['citizen'],
  summary:
    "Who used my data, grouped: the signed-in person's records as sessions (the same organisation, official, purpose and data, each access within 30 minutes of the one before), newest first",
  security: [{ eid: [] }],
  querystring: Type.Object(
    {
      organisation: Type.Optional(Type.String({ maxLength: 200 })),
      purpose: Type.Optional(Type.String({ maxLength: 200 })),
      from: Period.from,
      to: Period.to,
      limit: Type.Optional(
        Type.String({ pattern: '^([1-9][0-9]?|100)$', description: 'sessions per page, 1–100, default 20' }),
      ),
      offset: Period.offset,
    },
    { additionalProperties: false },
  ),
  response: {
    200: DataUsageSessionsPage,
    ...errors,
  },
};
export type CitizenSessionsQuery = CitizenUsageQuery;

export const auditUsageSchema = {
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
  response: { 200: AuditUsagePage, ...errors },
};
export type AuditUsageQuery = PeriodQuery & {
  purpose: string;
  legalBasis: string;
  subject?: string;
  organisation?: string;
  usagePurpose?: string;
};

const Hiding = {
  hiddenUntil: Type.String({ format: 'date-time' }),
  reason: Type.String({ minLength: 3, maxLength: 500 }),
};
export interface HidingBody {
  hiddenUntil: string;
  reason: string;
}

export const hideRecordSchema = {
  tags: ['audit'],
  summary:
    'Hide a usage record from its data subject until a date, with a lawful reason (the official who made the access, on a legal basis that allows hiding)',
  security: [{ eid: [] }],
  params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
  body: Type.Object(Hiding, { additionalProperties: false }),
  response: { 200: Type.Object({ hidden: Type.Integer() }), ...errors },
};

export const hideCaseSchema = {
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
};
export type HideCaseBody = HidingBody & { caseRef: string; legalBasis: string };

export const hiddenCasesSchema = {
  tags: ['audit'],
  summary:
    "Hidden cases: every organisation's for auditors, the caller's own administration's for police and officials",
  security: [{ eid: [] }],
  response: { 200: HiddenCases, ...errors },
};
