import { type Static, Type } from '@sinclair/typebox';

/** The most records a session of GET /api/me/data-usage/sessions carries. */
export const SESSION_RECORDS_LIMIT = 200;

/**
 * "Who used my data" (GET /api/me/data-usage) and the auditors' search (GET /api/audit/usage):
 * the data tracker's records of every access to a person's data. The web verifies each record
 * against the public transparency log (`entry`, `nonce`), so its fields are part of the contract.
 */

/** An exchange subsystem, e.g. `BG/GOV/177547175/civitas-portal`, with the catalogue's names. */
export const Organisation = Type.Object({
  id: Type.String(),
  name: Type.String(),
  systemName: Type.String(),
});
export type Organisation = Static<typeof Organisation>;

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
export type UsageRecord = Static<typeof UsageRecord>;

/** GET /api/me/data-usage: one page, newest first, with every organisation and purpose for the filters. */
export const DataUsagePage = Type.Object({
  total: Type.Integer({ description: 'how many records match the filters (all pages)' }),
  items: Type.Array(UsageRecord),
  organisations: Type.Array(Organisation, {
    description: "every organisation in the person's visible records (not only this page's)",
  }),
  purposes: Type.Array(Type.String()),
});
export type DataUsagePage = Static<typeof DataUsagePage>;

/**
 * Accesses grouped into a session (`log/access-sessions.ts`): the same organisation, official,
 * purpose, legal basis, register, case and data, each access within 30 minutes of the one before.
 * Those fields are the same in every record of the session: read them from `records[0]`. An
 * emergency (break-glass) access never shares a session with an ordinary one.
 */
export const UsageSession = Type.Object({
  id: Type.String({ description: "the session's oldest record's id: stable while the session grows" }),
  count: Type.Integer({ minimum: 1, description: 'how many accesses the session holds' }),
  firstTime: Type.String({ format: 'date-time' }),
  lastTime: Type.String({ format: 'date-time' }),
  emergency: Type.Boolean({ description: 'an emergency (break-glass) access to the health record' }),
  records: Type.Array(UsageRecord, {
    description: `the accesses, newest first: all of them, up to ${SESSION_RECORDS_LIMIT} (then the newest ${SESSION_RECORDS_LIMIT})`,
  }),
});
export type UsageSession = Static<typeof UsageSession>;

/** GET /api/me/data-usage/sessions: one page of sessions, newest first, with the filters' choices. */
export const DataUsageSessionsPage = Type.Object({
  total: Type.Integer({ description: 'how many sessions match the filters (all pages)' }),
  records: Type.Integer({ description: 'how many records those sessions hold' }),
  items: Type.Array(UsageSession),
  organisations: Type.Array(Organisation, {
    description: "every organisation in the person's visible records (not only this page's)",
  }),
  purposes: Type.Array(Type.String()),
});
export type DataUsageSessionsPage = Static<typeof DataUsageSessionsPage>;
