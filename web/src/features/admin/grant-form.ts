import type { AccessRightBody, Pair } from '@civitas/contracts/api/exchange-admin.ts';

/** The grant form as typed so far. */
export interface GrantDraft {
  client: string;
  serviceId: string;
  endpoint: string;
  /** The pairs added to the right. */
  pairs: Pair[];
  /** The pair being chosen. */
  purpose: string;
  legalBasis: string;
}

export const EMPTY_GRANT: GrantDraft = {
  client: '',
  serviceId: '',
  endpoint: '',
  pairs: [],
  purpose: '',
  legalBasis: '',
};

export type GrantField = 'client' | 'serviceId' | 'endpoint' | 'pairs';
export type GrantProblem = 'client' | 'service' | 'endpoint' | 'pairs';

const ENDPOINT = /^(GET|POST) \/\S*$/;

/** Adds the chosen purpose and basis as a pair; refuses half a pair or one already listed. */
export function addPair(draft: GrantDraft): GrantDraft | 'incomplete' | 'duplicate' {
  if (!draft.purpose || !draft.legalBasis) return 'incomplete';
  const pair = { purpose: draft.purpose, legalBasis: draft.legalBasis };
  if (draft.pairs.some((seen) => seen.purpose === pair.purpose && seen.legalBasis === pair.legalBasis))
    return 'duplicate';
  return { ...draft, pairs: [...draft.pairs, pair], purpose: '', legalBasis: '' };
}

export function removePair(draft: GrantDraft, index: number): GrantDraft {
  return { ...draft, pairs: draft.pairs.filter((_pair, at) => at !== index) };
}

/**
 * The right to grant, or what is wrong with the form, field by field. A pair chosen but not yet
 * added counts as added: nobody means to grant a right without the pair they just picked.
 */
export function checkGrant(
  draft: GrantDraft,
): { right: AccessRightBody } | { problems: Array<{ field: GrantField; problem: GrantProblem }> } {
  const withChosen = addPair(draft);
  const pairs = typeof withChosen === 'object' ? withChosen.pairs : draft.pairs;
  const endpoint = draft.endpoint.trim();
  const problems: Array<{ field: GrantField; problem: GrantProblem }> = [];
  if (!draft.client) problems.push({ field: 'client', problem: 'client' });
  if (!draft.serviceId) problems.push({ field: 'serviceId', problem: 'service' });
  if (endpoint && !ENDPOINT.test(endpoint)) problems.push({ field: 'endpoint', problem: 'endpoint' });
  if (pairs.length === 0) problems.push({ field: 'pairs', problem: 'pairs' });
  if (problems.length > 0) return { problems };
  return { right: { client: draft.client, serviceId: draft.serviceId, endpoint: endpoint || null, pairs } };
}
