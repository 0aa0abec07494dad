/**
 * The auditor's usage search: whose records (optional), over which period, and the auditor's own
 * purpose and legal basis, which the API requires and records (the person searched for sees the
 * auditor's look in "Who used my data"). The checks here spare a round trip; the server decides.
 */
import { checkEgn } from '@civitas/contracts/ids/egn.ts';
import { dayBoundary } from '../data-usage/usage-query.ts';
import { normalisePersonalNumber } from '../workspace/lookup-form.ts';

/**
 * The grounds on which a data protection authority looks at usage records: purpose–basis pairs
 * of the platform's code catalogue (the locales' `purposes` and `legalBases`).
 */
export const AUDIT_GROUNDS = [{ purpose: 'data-protection-supervision', legalBasis: 'gdpr-art-58' }] as const;

export type AuditPurpose = (typeof AUDIT_GROUNDS)[number]['purpose'];
export type AuditLegalBasis = (typeof AUDIT_GROUNDS)[number]['legalBasis'];

export const AUDIT_PURPOSES: readonly AuditPurpose[] = [
  ...new Set(AUDIT_GROUNDS.map((ground) => ground.purpose)),
];

export function auditBasesFor(purpose: string): AuditLegalBasis[] {
  return AUDIT_GROUNDS.filter((ground) => ground.purpose === purpose).map((ground) => ground.legalBasis);
}

export interface AuditSearchDraft {
  purpose: string;
  legalBasis: string;
  subject: string;
  from: string;
  to: string;
}

export const EMPTY_AUDIT_SEARCH: AuditSearchDraft = {
  purpose: '',
  legalBasis: '',
  subject: '',
  from: '',
  to: '',
};

export type AuditSearchField = keyof AuditSearchDraft;
export type AuditSearchProblem =
  | 'required'
  | 'not-granted'
  | 'personal-number-digits'
  | 'personal-number-invalid'
  | 'date-invalid'
  | 'period-reversed';

export interface AuditSearchError {
  field: AuditSearchField;
  problem: AuditSearchProblem;
}

/** A valid search: the personal number normalised (null: across persons), dates as typed. */
export interface AuditSearch {
  purpose: string;
  legalBasis: string;
  subject: string | null;
  from: string;
  to: string;
}

export function validateAuditSearch(
  draft: AuditSearchDraft,
): { ok: true; search: AuditSearch } | { ok: false; errors: AuditSearchError[] } {
  const errors: AuditSearchError[] = [];
  if (draft.purpose === '') errors.push({ field: 'purpose', problem: 'required' });
  if (draft.legalBasis === '') errors.push({ field: 'legalBasis', problem: 'required' });
  else if (
    draft.purpose !== '' &&
    !auditBasesFor(draft.purpose).includes(draft.legalBasis as AuditLegalBasis)
  )
    errors.push({ field: 'legalBasis', problem: 'not-granted' });
  const subject = normalisePersonalNumber(draft.subject);
  if (subject !== '' && !/^\d{10}$/.test(subject))
    errors.push({ field: 'subject', problem: 'personal-number-digits' });
  else if (subject !== '' && checkEgn(subject))
    errors.push({ field: 'subject', problem: 'personal-number-invalid' });
  for (const field of ['from', 'to'] as const) {
    if (draft[field] !== '' && dayBoundary(draft[field]) === null)
      errors.push({ field, problem: 'date-invalid' });
  }
  if (
    !errors.some((error) => error.field === 'from' || error.field === 'to') &&
    draft.from &&
    draft.to &&
    draft.from > draft.to
  )
    errors.push({ field: 'to', problem: 'period-reversed' });
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    search: {
      purpose: draft.purpose,
      legalBasis: draft.legalBasis,
      subject: subject === '' ? null : subject,
      from: draft.from,
      to: draft.to,
    },
  };
}

export const AUDIT_PAGE_SIZE = 50;

/** The API path of one page of the search's records (the period is whole days, in local time). */
export function auditUsagePath(search: AuditSearch, offset: number, limit = AUDIT_PAGE_SIZE): string {
  const query = new URLSearchParams({ purpose: search.purpose, legalBasis: search.legalBasis });
  if (search.subject) query.set('subject', search.subject);
  const from = dayBoundary(search.from);
  const to = dayBoundary(search.to, true);
  if (from) query.set('from', from);
  if (to) query.set('to', to);
  query.set('limit', String(limit));
  query.set('offset', String(offset));
  return `/api/audit/usage?${query}`;
}
