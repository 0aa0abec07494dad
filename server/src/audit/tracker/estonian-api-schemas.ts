import { Type } from '@sinclair/typebox';

/** A personal code as the Data Tracker writes it: country prefix and the national number. */
const ProcessingType = Type.Union(
  ['DATA_REQUEST', 'DATA_RESPONSE', 'DATA_PROCESSING', 'INTERNAL_PROCESSING'].map((value) =>
    Type.Literal(value),
  ),
);
export const V3Error = Type.Object(
  { code: Type.Optional(Type.String()), message: Type.String() },
  { additionalProperties: true },
);
const V3Organisation = Type.Object({
  type: Type.Union([Type.Literal('GOV'), Type.Literal('COM'), Type.Literal('NGO'), Type.Literal('NEE')]),
  code: Type.String(),
  name: Type.String(),
  systemName: Type.String(),
});
export const UsageTransfer = Type.Object({
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
          Type.String({
            description: 'instance id + personal number (BG…, PL…): the person themselves, or for auditors',
          }),
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

/** findUsage's schema for an instance: a person code is its id and one of its personal numbers (BG + EGN, PL + PESEL). */
export function findUsageSchema(instanceId: string, personalNumberPattern: string) {
  const PersonCode = Type.String({ pattern: `^${instanceId}${personalNumberPattern.replace(/^\^/, '')}` });
  return {
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
        offset: Type.Optional(Type.String({ pattern: '^(0|[1-9][0-9]{0,8})$', description: 'default 0' })),
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
  };
}

export interface FindUsageQuery {
  userCode: string;
  processingType?: string | string[];
  logSourceSystems?: string | string[];
  periodStart?: string;
  periodEnd?: string;
  limit?: string;
  offset?: string;
}

export const discloseSchema = {
  tags: ['data tracker v3'],
  summary: 'Set when hidden usage records are disclosed, and why they were hidden (Data Tracker v3 disclose)',
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
};

export type DiscloseBody = Array<{ queryId: string; hiddenReason: string; hiddenUntil: string }>;

export const heartbeatSchema = {
  tags: ['data tracker v3'],
  summary: 'Whether the usage API is ready (Data Tracker v3 heartbeat)',
  response: {
    200: Type.Object({ status: Type.Literal('OK'), message: Type.String() }),
    500: Type.Object({ status: Type.Literal('FAIL'), message: Type.String() }),
  },
};
