import type { TFunction } from 'i18next';
import { purposeLabel } from '../data-usage/labels.tsx';

/**
 * A purpose or legal basis in words: a code granted to officials (`purposes.<code>`,
 * `legalBases.<code>` in the locales) or an auditor's (`auditConsole.grounds`), or a purpose
 * recorded before codes. A value the app has no words for still shows, as it was recorded.
 */
export function purposeName(code: string, t: TFunction): string {
  const recorded = purposeLabel(code, t);
  const auditor = t(`auditConsole.grounds.purposes.${code}` as 'app.name', { defaultValue: recorded });
  return t(`purposes.${code}` as 'app.name', { defaultValue: auditor });
}

export function legalBasisName(code: string, t: TFunction): string {
  const auditor = t(`auditConsole.grounds.legalBases.${code}` as 'app.name', { defaultValue: code });
  return t(`legalBases.${code}` as 'app.name', { defaultValue: auditor });
}
