import type { EligibilityRule, LocalText } from '@civitas/contracts/eservices/declaration.ts';
import jsonLogic from 'json-logic-js';

/**
 * Eligibility from register data, decided before the citizen types anything: each rule of the
 * declaration is a json-logic rule over `{ sources: { <register>: { <endpoint>: answer } } }`.
 * Two date operations are added (json-logic has none): `days_since` and `years_since` an ISO date.
 */

const DAY_MS = 86_400_000;

function parseDate(value: unknown): Date | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return null;
  const date = new Date(`${value.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

jsonLogic.add_operation('days_since', (value: unknown) => {
  const date = parseDate(value);
  return date ? Math.floor((Date.now() - date.getTime()) / DAY_MS) : null;
});
jsonLogic.add_operation('years_since', (value: unknown) => {
  const date = parseDate(value);
  if (!date) return null;
  const now = new Date();
  let years = now.getUTCFullYear() - date.getUTCFullYear();
  const beforeBirthday =
    now.getUTCMonth() < date.getUTCMonth() ||
    (now.getUTCMonth() === date.getUTCMonth() && now.getUTCDate() < date.getUTCDate());
  if (beforeBirthday) years -= 1;
  return years;
});

export type EligibilityStatus = 'eligible' | 'not-eligible' | 'unknown';

export interface EligibilityDecision {
  status: EligibilityStatus;
  /** The rules that failed, with their text in every language. */
  reasons: Array<{ reason: string; text: LocalText }>;
}

/**
 * The decision. A rule that reads a source which did not answer is not applied (a missing answer
 * never makes anyone ineligible): the result is then `unknown` unless another rule already failed.
 */
export function decideEligibility(
  rules: readonly EligibilityRule[],
  sources: Record<string, Record<string, unknown>>,
  unanswered: ReadonlySet<string>,
): EligibilityDecision {
  const reasons: EligibilityDecision['reasons'] = [];
  let undecided = false;
  for (const rule of rules) {
    if (readsOf(rule.rule).some((key) => unanswered.has(key))) {
      undecided = true;
      continue;
    }
    if (!jsonLogic.truthy(jsonLogic.apply(rule.rule as never, { sources }))) {
      reasons.push({ reason: rule.reason, text: rule.text });
    }
  }
  if (reasons.length > 0) return { status: 'not-eligible', reasons };
  return { status: undecided ? 'unknown' : 'eligible', reasons: [] };
}

/** The `<register>.<endpoint>` sources a rule reads. */
export function readsOf(rule: unknown): string[] {
  if (Array.isArray(rule)) return rule.flatMap(readsOf);
  if (rule === null || typeof rule !== 'object') return [];
  return Object.entries(rule).flatMap(([operator, argument]) => {
    const name = operator === 'var' ? (Array.isArray(argument) ? argument[0] : argument) : null;
    if (typeof name === 'string')
      return name.startsWith('sources.') ? [name.split('.').slice(1, 3).join('.')] : [];
    return readsOf(argument);
  });
}
