import type { TFunction } from 'i18next';

/**
 * A purpose or legal basis code in words (`purposes.<code>`, `legalBases.<code>` in the locales).
 * A code the server grants before the app learns its words still shows, as the code itself.
 */
export function purposeName(code: string, t: TFunction): string {
  return t(`purposes.${code}` as 'app.name', { defaultValue: code });
}

export function legalBasisName(code: string, t: TFunction): string {
  return t(`legalBases.${code}` as 'app.name', { defaultValue: code });
}
