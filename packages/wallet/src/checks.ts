/**
 * The verifier's checks ("over 18", "identity", "driving licence valid for category B", "vehicle
 * registration"): each is a DCQL query (OpenID4VP 1.0 §6) over the catalogue's credentials, with
 * the claims the holder may leave out, and a verdict on what was verified. Browser-safe: the
 * server's verifier, the offline verifier in the PWA and the holder read the same list.
 */
import type { Localised } from './catalogue.ts';
import type { VerifiedCredential } from './formats.ts';

export const CHECK_IDS = ['over-18', 'identity', 'driving-licence-b', 'vehicle-registration'] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export function isCheckId(value: unknown): value is CheckId {
  return typeof value === 'string' && (CHECK_IDS as readonly string[]).includes(value);
}

export interface CheckClaim {
  /** DCQL claim id (unique in its credential query). */
  id: string;
  /** SD-JWT VC: JSON path; mdoc: [namespace, element]. */
  path: readonly string[];
  /** The holder may leave it out. */
  optional?: boolean;
}

/** One credential that answers the check (a check may accept either of several). */
export interface CheckCredential {
  /** DCQL credential query id. */
  id: string;
  format: 'dc+sd-jwt' | 'mso_mdoc';
  /** vct (SD-JWT VC) or doctype (mdoc). */
  type: string;
  claims: readonly CheckClaim[];
}

export interface CheckDefinition {
  id: CheckId;
  display: Localised;
  /** Any one of these answers the check. */
  credentials: readonly CheckCredential[];
}

const L = (bg: string, en: string, pl: string): Localised => ({ bg, en, pl });
const PID_VCT = 'urn:eudi:pid:1';
const PID_DOCTYPE = 'eu.europa.ec.eudi.pid.1';
const PID_NS = 'eu.europa.ec.eudi.pid.1';
const MDL_DOCTYPE = 'org.iso.18013.5.1.mDL';
const MDL_NS = 'org.iso.18013.5.1';
const VEHICLE_VCT = 'urn:civitas:vehicle-registration:1';

export const CHECKS: readonly CheckDefinition[] = [
  {
    id: 'over-18',
    display: L('Навършени 18 години', 'Over 18', 'Pełnoletność (18+)'),
    credentials: [
      {
        id: 'pid',
        format: 'dc+sd-jwt',
        type: PID_VCT,
        claims: [{ id: 'age', path: ['age_equal_or_over', '18'] }],
      },
      {
        id: 'pid-mdoc',
        format: 'mso_mdoc',
        type: PID_DOCTYPE,
        claims: [{ id: 'age', path: [PID_NS, 'age_over_18'] }],
      },
    ],
  },
  {
    id: 'identity',
    display: L('Самоличност', 'Identity', 'Tożsamość'),
    credentials: [
      {
        id: 'pid',
        format: 'dc+sd-jwt',
        type: PID_VCT,
        claims: [
          { id: 'family_name', path: ['family_name'] },
          { id: 'given_name', path: ['given_name'] },
          { id: 'birthdate', path: ['birthdate'] },
          { id: 'picture', path: ['picture'] },
          { id: 'nationalities', path: ['nationalities'], optional: true },
        ],
      },
      {
        id: 'pid-mdoc',
        format: 'mso_mdoc',
        type: PID_DOCTYPE,
        claims: [
          { id: 'family_name', path: [PID_NS, 'family_name'] },
          { id: 'given_name', path: [PID_NS, 'given_name'] },
          { id: 'birth_date', path: [PID_NS, 'birth_date'] },
          { id: 'portrait', path: [PID_NS, 'portrait'] },
          { id: 'nationality', path: [PID_NS, 'nationality'], optional: true },
        ],
      },
    ],
  },
  {
    id: 'driving-licence-b',
    display: L(
      'Свидетелство за управление, категория B',
      'Driving licence valid for category B',
      'Prawo jazdy kategorii B',
    ),
    credentials: [
      {
        id: 'mdl',
        format: 'mso_mdoc',
        type: MDL_DOCTYPE,
        claims: [
          { id: 'family_name', path: [MDL_NS, 'family_name'] },
          { id: 'given_name', path: [MDL_NS, 'given_name'] },
          { id: 'portrait', path: [MDL_NS, 'portrait'] },
          { id: 'expiry_date', path: [MDL_NS, 'expiry_date'] },
          { id: 'driving_privileges', path: [MDL_NS, 'driving_privileges'] },
        ],
      },
    ],
  },
  {
    id: 'vehicle-registration',
    display: L('Регистрация на превозно средство', 'Vehicle registration', 'Rejestracja pojazdu'),
    credentials: [
      {
        id: 'vehicle-registration',
        format: 'dc+sd-jwt',
        type: VEHICLE_VCT,
        claims: [
          { id: 'plate', path: ['plate'] },
          { id: 'vin', path: ['vin'] },
          { id: 'make', path: ['make'] },
          { id: 'model', path: ['model'] },
          { id: 'holder_family_name', path: ['holder', 'family_name'] },
          { id: 'holder_given_name', path: ['holder', 'given_name'] },
        ],
      },
    ],
  },
];

export function checkDefinition(id: CheckId): CheckDefinition {
  const check = CHECKS.find((candidate) => candidate.id === id);
  if (!check) throw new Error(`unknown check ${id}`);
  return check;
}

/** The DCQL query a check sends (a plain JSON object; `dcql`'s `DcqlQuery.parse` accepts it). */
export function dcqlQueryFor(id: CheckId): DcqlQueryJson {
  const check = checkDefinition(id);
  const credentials = check.credentials.map((credential) => {
    const claims = credential.claims.map((claim) => ({ id: claim.id, path: [...claim.path] }));
    const required = credential.claims.filter((claim) => !claim.optional).map((claim) => claim.id);
    const all = credential.claims.map((claim) => claim.id);
    return {
      id: credential.id,
      format: credential.format,
      meta:
        credential.format === 'dc+sd-jwt'
          ? { vct_values: [credential.type] }
          : { doctype_value: credential.type },
      claims,
      // DCQL states optional claims as claim sets: the fullest first, the required ones last.
      ...(required.length < all.length && { claim_sets: [all, required] }),
    };
  });
  return {
    credentials,
    ...(credentials.length > 1 && {
      credential_sets: [{ options: credentials.map((c) => [c.id]), required: true }],
    }),
  };
}

export interface DcqlQueryJson {
  credentials: Array<{
    id: string;
    format: 'dc+sd-jwt' | 'mso_mdoc';
    meta: { vct_values: string[] } | { doctype_value: string };
    claims: Array<{ id: string; path: string[] }>;
    claim_sets?: string[][];
  }>;
  credential_sets?: Array<{ options: string[][]; required: boolean }>;
}

/** Every claim path (joined with '.', as in `VerifiedCredential.claims`) a check may ask for. */
export function claimKeysOf(id: CheckId): Set<string> {
  return new Set(
    checkDefinition(id).credentials.flatMap((c) => c.claims.map((claim) => claim.path.join('.'))),
  );
}

/** Why a verified credential still does not pass the check. */
export const VERDICT_CODES = [
  'verdict-not-over-18',
  'verdict-category-b-missing',
  'verdict-category-b-expired',
  'verdict-document-expired',
  'verdict-claims-missing',
  'verdict-credential-not-accepted',
] as const;
export type VerdictCode = (typeof VERDICT_CODES)[number];

export type Verdict = { passed: true } | { passed: false; code: VerdictCode };

/** The check's verdict on a credential that passed every cryptographic and status check. */
export function verdict(id: CheckId, verified: VerifiedCredential, now = new Date()): Verdict {
  const option = checkDefinition(id).credentials.find(
    (credential) => credential.format === verified.format && credential.type === verified.type,
  );
  if (!option) return { passed: false, code: 'verdict-credential-not-accepted' };
  const missing = option.claims.some(
    (claim) => !claim.optional && !(claim.path.join('.') in verified.claims),
  );
  if (missing) return { passed: false, code: 'verdict-claims-missing' };
  if (id === 'over-18') {
    const key = option.claims[0]?.path.join('.') ?? '';
    return verified.claims[key] === true ? { passed: true } : { passed: false, code: 'verdict-not-over-18' };
  }
  if (id === 'driving-licence-b') return drivingLicenceVerdict(verified.claims, now);
  return { passed: true };
}

function drivingLicenceVerdict(claims: Readonly<Record<string, unknown>>, now: Date): Verdict {
  const today = now.toISOString().slice(0, 10);
  const expiry = dateOf(claims[`${MDL_NS}.expiry_date`]);
  if (!expiry || expiry < today) return { passed: false, code: 'verdict-document-expired' };
  const privileges = claims[`${MDL_NS}.driving_privileges`];
  const categoryB = Array.isArray(privileges)
    ? privileges.find((privilege) => fieldOf(privilege, 'vehicle_category_code') === 'B')
    : undefined;
  if (!categoryB) return { passed: false, code: 'verdict-category-b-missing' };
  const until = dateOf(fieldOf(categoryB, 'expiry_date'));
  if (until && until < today) return { passed: false, code: 'verdict-category-b-expired' };
  return { passed: true };
}

function fieldOf(value: unknown, name: string): unknown {
  if (value instanceof Map) return value.get(name);
  if (value && typeof value === 'object') return (value as Record<string, unknown>)[name];
  return undefined;
}

/** A full-date as `YYYY-MM-DD`, whether a string, a Date or a CBOR full-date object. */
export function dateOf(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  const text = typeof value === 'string' ? value : value && typeof value === 'object' ? String(value) : '';
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(text);
  return match?.[1] ?? null;
}
