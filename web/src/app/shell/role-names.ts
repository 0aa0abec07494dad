import type { TFunction } from 'i18next';
import { formattingLocaleOf } from '../../shared/i18n/languages.ts';

const KNOWN_ROLES = ['citizen', 'official', 'doctor', 'pharmacist', 'police', 'auditor', 'admin'] as const;
type KnownRole = (typeof KNOWN_ROLES)[number];

const isKnownRole = (role: string): role is KnownRole => (KNOWN_ROLES as readonly string[]).includes(role);

/**
 * Roles in words, listed as the language lists ("officials and police officers"): `holders`
 * names the people who hold them, `titles` the roles themselves ("Citizen, Doctor").
 */
export function roleNames(
  roles: readonly string[],
  form: 'holders' | 'titles',
  t: TFunction,
  language: string,
): string {
  const names = roles.map((role) => {
    if (!isKnownRole(role)) return role;
    return form === 'holders' ? t(`roleAccess.holders.${role}`) : t(`roles.${role}`);
  });
  return new Intl.ListFormat(formattingLocaleOf(language), { type: 'conjunction' }).format(names);
}
