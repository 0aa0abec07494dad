/**
 * The commercial register's codes in words. A code the server adds before the app learns its name
 * still shows, as the code itself, rather than as a missing translation.
 */
import {
  COMPANY_STATUSES,
  LEGAL_FORMS,
  REPRESENTATIVE_ROLES,
} from '@civitas/contracts/registers/commercial.ts';
import type { TFunction } from 'i18next';

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T =>
  (list as readonly string[]).includes(value);

export function legalFormName(form: string, t: TFunction): string {
  return isOneOf(LEGAL_FORMS, form) ? t(`companies.legalForms.${form}`) : form;
}

export function companyStatusName(status: string, t: TFunction): string {
  return isOneOf(COMPANY_STATUSES, status) ? t(`companies.statuses.${status}`) : status;
}

export function representativeRoleName(role: string, t: TFunction): string {
  return isOneOf(REPRESENTATIVE_ROLES, role) ? t(`companies.roles.${role}`) : role;
}
