import {
  parseSmartScope,
  SMART_CONTEXTS,
  SMART_LETTERS,
  type SmartLetter,
} from '@civitas/contracts/api/smart-scopes.ts';
import type { HealthAccessContext, Interaction, ScopeDecision, SmartScope } from '../ports.ts';

/**
 * SMART App Launch 2.0 scopes (https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html):
 * `<context>/<type or *>.<cruds>` (v2) and `<context>/<type or *>.<read|write|*>` (v1, mapped to
 * v2), beside the launch and identity scopes (`launch/patient`, `openid`, `fhirUser`,
 * `offline_access`, `profile`). Our own small parser: a scope that is neither is ignored.
 */

export const LETTERS = SMART_LETTERS;
export type Letter = SmartLetter;

/** One scope parsed, or null when it is no resource scope (`openid`, `launch/patient`, garbage). */
export function parseScope(scope: string): SmartScope | null {
  const parsed = parseSmartScope(scope);
  if (!parsed) return null;
  return {
    context: parsed.context,
    resourceType: parsed.resourceType,
    interactions: new Set(parsed.letters),
  };
}

/** The resource scopes among a token's scopes (the others are dropped). */
export function parseScopes(scopes: Iterable<string>): SmartScope[] {
  const parsed: SmartScope[] = [];
  for (const scope of scopes) {
    const one = parseScope(scope);
    if (one) parsed.push(one);
  }
  return parsed;
}

/** A scope in its v2 text form (`patient/Observation.rs`). */
export function scopeText(scope: SmartScope): string {
  const letters = LETTERS.filter((letter) => scope.interactions.has(letter)).join('');
  return `${scope.context}/${scope.resourceType}.${letters}`;
}

/** The permission letter an interaction needs; an operation needs `r` on its type. */
export function letterOf(interaction: Interaction): Letter {
  switch (interaction) {
    case 'create':
      return 'c';
    case 'update':
      return 'u';
    case 'delete':
      return 'd';
    case 'search':
      return 's';
    default:
      return 'r';
  }
}

/** Whether some scope grants `letter` on `resourceType`, in one of `contexts`. */
export function grants(
  scopes: readonly SmartScope[],
  resourceType: string,
  letter: Letter,
  contexts: readonly SmartScope['context'][] = SMART_CONTEXTS,
): boolean {
  return scopes.some(
    (scope) =>
      contexts.includes(scope.context) &&
      (scope.resourceType === '*' || scope.resourceType === resourceType) &&
      scope.interactions.has(letter),
  );
}

/**
 * Whether the token's scopes allow an interaction on a type, before any data is read: the
 * platform itself always; a patient through `patient/` (or `user/`) scopes; a doctor through
 * `user/` (or `patient/`) scopes; no one through `system/` scopes at the FHIR API (other systems
 * use the exchange); a pharmacist's reads go through the prescriptions service, not here.
 */
export function checkScopes(
  ctx: HealthAccessContext,
  resourceType: string,
  interaction: Interaction,
): ScopeDecision {
  const { actor } = ctx;
  if (actor.kind === 'internal') return { allowed: true };
  if (actor.kind === 'system')
    return { allowed: false, reason: 'Other systems read the health record through the exchange.' };
  const letter = letterOf(interaction);
  const contexts: SmartScope['context'][] =
    actor.kind === 'patient'
      ? ['patient', 'user']
      : actor.kind === 'practitioner'
        ? ['user', 'patient']
        : ['user'];
  if (grants(ctx.scopes, resourceType, letter, contexts)) return { allowed: true };
  return {
    allowed: false,
    reason: `The access token's scopes do not allow "${letter}" on ${resourceType}.`,
  };
}
