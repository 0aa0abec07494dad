/**
 * Which stored documents answer a verifier's DCQL query (OpenID4VP 1.0 §6), and which of the
 * asked claims the citizen may leave out. With `claim_sets`, the last set is the least the
 * verifier accepts: its claims are required, the others optional. With `credential_sets`, the
 * first option the wallet can answer is taken.
 */
import { credentialConfiguration, type Localised } from '@civitas/wallet/catalogue.ts';
import type { DcqlQueryJson } from '@civitas/wallet/checks.ts';
import { valueAt } from './claim-values.ts';
import type { StoredCredential } from './vault.ts';

export interface RequestedClaim {
  id: string;
  path: string[];
  optional: boolean;
  /** The catalogue's label; null for a claim the catalogue does not know (shown by its path). */
  label: Localised | null;
}

export interface CredentialMatch {
  queryId: string;
  credential: StoredCredential;
  claims: RequestedClaim[];
}

export type MatchResult = { ok: true; matches: CredentialMatch[] } | { ok: false; missing: string[] };

type CredentialQuery = DcqlQueryJson['credentials'][number];

function typeMatches(query: CredentialQuery, credential: StoredCredential): boolean {
  const configuration = credentialConfiguration(credential.configurationId);
  if (!configuration || configuration.format !== query.format) return false;
  return 'vct_values' in query.meta
    ? configuration.vct !== undefined && query.meta.vct_values.includes(configuration.vct)
    : configuration.doctype === query.meta.doctype_value;
}

function requestedClaims(query: CredentialQuery, credential: StoredCredential): RequestedClaim[] {
  const configuration = credentialConfiguration(credential.configurationId);
  const sets = query.claim_sets;
  const required = new Set(
    sets && sets.length > 0 ? sets[sets.length - 1] : query.claims.map((claim) => claim.id),
  );
  return query.claims.map((claim) => ({
    id: claim.id,
    path: [...claim.path],
    optional: !required.has(claim.id),
    label:
      configuration?.claims.find((known) => known.path.join('.') === claim.path.join('.'))?.display ?? null,
  }));
}

function answer(
  query: CredentialQuery,
  stored: readonly StoredCredential[],
  formats: ReadonlySet<string>,
): CredentialMatch | null {
  if (!formats.has(query.format)) return null;
  for (const credential of stored) {
    if (!typeMatches(query, credential)) continue;
    const claims = requestedClaims(query, credential);
    const held = claims.every(
      (claim) => claim.optional || valueAt(credential.claims, claim.path) !== undefined,
    );
    if (held) return { queryId: query.id, credential, claims };
  }
  return null;
}

export function matchQuery(
  query: DcqlQueryJson,
  stored: readonly StoredCredential[],
  formats: ReadonlySet<string> = new Set(['dc+sd-jwt', 'mso_mdoc']),
): MatchResult {
  const byId = new Map(
    query.credentials.map((credential) => [credential.id, answer(credential, stored, formats)]),
  );
  const sets = query.credential_sets ?? [
    { options: [query.credentials.map((credential) => credential.id)], required: true },
  ];
  const matches: CredentialMatch[] = [];
  const missing: string[] = [];
  for (const set of sets) {
    const option = set.options.find((ids) => ids.every((id) => byId.get(id)));
    if (option) matches.push(...option.map((id) => byId.get(id) as CredentialMatch));
    else if (set.required !== false) missing.push(...(set.options[0] ?? []));
  }
  return missing.length > 0 ? { ok: false, missing } : { ok: true, matches };
}

/** The claim paths to disclose: the required ones and the optional ones the citizen kept. */
export function chosenPaths(match: CredentialMatch, leftOut: ReadonlySet<string>): string[][] {
  return match.claims.filter((claim) => !claim.optional || !leftOut.has(claim.id)).map((claim) => claim.path);
}
