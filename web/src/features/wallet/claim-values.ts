/**
 * A credential's fields as the wallet shows them: each claim of the catalogue entry that the
 * credential holds, its value classified (date, yes/no, country, categories, image, personal
 * number, text) so the screen formats it in the user's language and never shows a raw code.
 */
import type { CredentialConfiguration, Localised } from '@civitas/wallet/catalogue.ts';

export type ClaimValue =
  | { kind: 'text'; text: string }
  | { kind: 'date'; iso: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'countries'; codes: string[] }
  | { kind: 'sex'; code: number }
  | { kind: 'personal-number'; value: string }
  | { kind: 'image'; src: string }
  | { kind: 'categories'; categories: Array<{ code: string; from: string | null; until: string | null }> };

export interface ClaimField {
  path: readonly string[];
  label: Localised;
  value: ClaimValue;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const COUNTRY = /^[A-Z]{2}$/;
const IMAGE = /^data:image\/(jpeg|png|webp);base64,[A-Za-z0-9+/=]+$/;
const COUNTRY_CLAIMS = new Set(['nationalities', 'nationality', 'issuing_country', 'un_distinguishing_sign']);

export function valueAt(claims: unknown, path: readonly string[]): unknown {
  let current = claims;
  for (const step of path) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}

function categoriesOf(value: unknown[]): ClaimValue | null {
  const categories = value.flatMap((entry) => {
    const code = valueAt(entry, ['vehicle_category_code']);
    if (typeof code !== 'string') return [];
    const date = (name: string) => {
      const text = valueAt(entry, [name]);
      return typeof text === 'string' && ISO_DATE.test(text) ? text : null;
    };
    return [{ code, from: date('issue_date'), until: date('expiry_date') }];
  });
  return categories.length > 0 ? { kind: 'categories', categories } : null;
}

function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.join(', ');
  return null;
}

/** What a value is; null when it cannot be shown (then the field is left out). */
export function classify(path: readonly string[], value: unknown, image = false): ClaimValue | null {
  const name = path[path.length - 1] ?? '';
  if (value === undefined || value === null) return null;
  if (image) return typeof value === 'string' && IMAGE.test(value) ? { kind: 'image', src: value } : null;
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (name === 'personal_administrative_number' && typeof value === 'string') {
    return { kind: 'personal-number', value };
  }
  if (name === 'sex' && typeof value === 'number') return { kind: 'sex', code: value };
  if (COUNTRY_CLAIMS.has(name)) {
    const codes = (Array.isArray(value) ? value : [value]).filter((code) => typeof code === 'string');
    if (codes.length > 0 && codes.every((code) => COUNTRY.test(code))) return { kind: 'countries', codes };
  }
  if (Array.isArray(value) && name === 'driving_privileges') return categoriesOf(value);
  if (typeof value === 'string' && ISO_DATE.test(value)) return { kind: 'date', iso: value };
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value))
    return { kind: 'date', iso: value.slice(0, 10) };
  const text = textOf(value);
  return text === null ? null : { kind: 'text', text };
}

/** The catalogue's claims the credential has, in the catalogue's order. */
export function claimFields(configuration: CredentialConfiguration, claims: unknown): ClaimField[] {
  return configuration.claims.flatMap((claim) => {
    const value = classify(claim.path, valueAt(claims, claim.path), claim.image);
    return value ? [{ path: claim.path, label: claim.display, value }] : [];
  });
}

/** The card's photo, if the credential has one. */
export function portraitOf(configuration: CredentialConfiguration, claims: unknown): string | null {
  const field = claimFields(configuration, claims).find((candidate) => candidate.value.kind === 'image');
  return field?.value.kind === 'image' ? field.value.src : null;
}

/** The name on the card: given and family name where the credential has them. */
export function holderNameOf(configuration: CredentialConfiguration, claims: unknown): string | null {
  const prefix = configuration.format === 'mso_mdoc' ? (configuration.claims[0]?.path.slice(0, 1) ?? []) : [];
  const base = configuration.id === 'vehicle-registration' ? ['holder'] : prefix;
  const given = valueAt(claims, [...base, 'given_name']);
  const family = valueAt(claims, [...base, 'family_name']);
  const parts = [given, family].filter((part): part is string => typeof part === 'string' && part !== '');
  return parts.length > 0 ? parts.join(' ') : null;
}
