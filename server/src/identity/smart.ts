import { parseSmartScope, supportedResourceScopes } from '@civitas/contracts/api/smart-scopes.ts';
import type { Role } from './tables.ts';

/**
 * SMART on FHIR at the eID node: which of the scopes an app asks for a person's roles allow
 * (the others are dropped from the grant), and the launch context the token response carries.
 *
 * - a citizen: `patient/<type>.<r|s>` (reading their own record and their minor children's) and
 *   `launch/patient` (the token response names their Patient);
 * - a doctor: `user/<type>.<cruds>`;
 * - a pharmacist: `user/MedicationRequest.rs` and `user/MedicationDispense.cruds` (or less);
 * - nobody: `system/...` (other systems reach the record through the exchange);
 * - anyone: `openid`, `profile`, `fhirUser`.
 */

/** The identity and launch scopes the eID node knows besides `openid profile`. */
export const SMART_OIDC_SCOPES = ['fhirUser', 'launch/patient'] as const;

/** Every resource scope the node grants for the Civitas API (the resource server's scope list). */
export const SMART_RESOURCE_SCOPES: readonly string[] = supportedResourceScopes();

const PHARMACIST_SCOPES: Readonly<Record<string, string>> = {
  MedicationRequest: 'rs',
  MedicationDispense: 'cruds',
};

/** Whether a person with these roles may be granted a resource scope. */
export function roleAllowsScope(roles: readonly Role[], scope: string): boolean {
  const parsed = parseSmartScope(scope);
  if (!parsed) return false;
  if (parsed.context === 'patient') return parsed.letters.every((letter) => letter === 'r' || letter === 's');
  if (parsed.context !== 'user') return false;
  if (roles.includes('doctor')) return true;
  if (roles.includes('pharmacist')) {
    const allowed = PHARMACIST_SCOPES[parsed.resourceType];
    return allowed !== undefined && parsed.letters.every((letter) => allowed.includes(letter));
  }
  return false;
}

/** The scopes of a request the person's roles allow: `openid profile` and the SMART ones they may have. */
export function grantedSmartScopes(
  requested: readonly string[],
  roles: readonly Role[],
): {
  oidc: string[];
  resource: string[];
} {
  const oidc = SMART_OIDC_SCOPES.filter(
    (scope) => requested.includes(scope) && (scope !== 'launch/patient' || roles.includes('citizen')),
  );
  const resource = [...new Set(requested)].filter((scope) => roleAllowsScope(roles, scope));
  return { oidc, resource };
}

/** The health record's answer to "who is this person in the record" (`patient`, `fhirUser`). */
export interface SmartLaunchContext {
  /** The person's Patient id (for `launch/patient`), if they have a record. */
  patient?: string;
  /** `Patient/<id>` or `Practitioner/<id>`: who the person is in the record. */
  fhirUser?: string;
}

/** Given by the composition: the eHealth context answers it (the eID node reads no health table). */
export type SmartLaunch = (accountId: string, roles: readonly Role[]) => Promise<SmartLaunchContext>;
