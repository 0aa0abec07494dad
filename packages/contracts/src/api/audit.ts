import { type Static, Type } from '@sinclair/typebox';
import { UsageRecord } from './data-usage.ts';

/** The auditors' console: every access record, hidden ones too, and the cases hidden for a while. */

/** GET /api/audit/usage */
export const AuditUsagePage = Type.Object({ total: Type.Integer(), items: Type.Array(UsageRecord) });
export type AuditUsagePage = Static<typeof AuditUsagePage>;

/** A case whose accesses are hidden from the persons concerned (GET and POST /api/audit/hidden-cases). */
export const HiddenCase = Type.Object({
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
export type HiddenCase = Static<typeof HiddenCase>;

export const HiddenCases = Type.Object({ items: Type.Array(HiddenCase) });
export type HiddenCases = Static<typeof HiddenCases>;
