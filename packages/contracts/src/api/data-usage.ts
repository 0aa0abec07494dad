import { type Static, Type } from '@sinclair/typebox';

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
