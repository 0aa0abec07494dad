/**
 * SMART App Launch 2.0 scopes, parsed (browser-safe, shared by the eID node that grants them and
 * the health record that enforces them): `<patient|user|system>/<Type|*>.<cruds>` (v2) and the v1
 * forms `.read`, `.write`, `.*` (mapped to v2). Anything else is no resource scope.
 */

export const SMART_CONTEXTS = ['patient', 'user', 'system'] as const;
export type SmartContext = (typeof SMART_CONTEXTS)[number];
export const SMART_LETTERS = ['c', 'r', 'u', 'd', 's'] as const;
export type SmartLetter = (typeof SMART_LETTERS)[number];

export interface ParsedSmartScope {
  context: SmartContext;
  /** A resource type, or `*`. */
  resourceType: string;
  /** The permitted interactions, in `cruds` order, each once. */
  letters: SmartLetter[];
}

const TYPE = /^(\*|[A-Z][A-Za-z]{1,63})$/;
const V2 = /^c?r?u?d?s?$/;
const V1: Readonly<Record<string, string>> = { read: 'rs', write: 'cud', '*': 'cruds' };

/** The identity and launch scopes a SMART app may ask for besides resource scopes. */
export const SMART_LAUNCH_SCOPES = [
  'openid',
  'profile',
  'fhirUser',
  'launch/patient',
  'offline_access',
] as const;

export function parseSmartScope(scope: string): ParsedSmartScope | null {
  const slash = scope.indexOf('/');
  const dot = scope.lastIndexOf('.');
  if (slash < 0 || dot < slash) return null;
  const context = scope.slice(0, slash);
  const resourceType = scope.slice(slash + 1, dot);
  const permissions = scope.slice(dot + 1);
  if (!(SMART_CONTEXTS as readonly string[]).includes(context) || !TYPE.test(resourceType)) return null;
  const letters = V1[permissions] ?? (permissions.length > 0 && V2.test(permissions) ? permissions : null);
  if (letters === null) return null;
  return { context: context as SmartContext, resourceType, letters: [...letters] as SmartLetter[] };
}

/** The resource types the health record serves, as SMART scopes name them. */
export const SMART_RESOURCE_TYPES = [
  '*',
  'AllergyIntolerance',
  'AuditEvent',
  'CarePlan',
  'Composition',
  'Condition',
  'Consent',
  'DiagnosticReport',
  'DocumentReference',
  'Encounter',
  'Immunization',
  'Medication',
  'MedicationDispense',
  'MedicationRequest',
  'MedicationStatement',
  'Observation',
  'Organization',
  'Patient',
  'Practitioner',
  'PractitionerRole',
  'Procedure',
  'ServiceRequest',
] as const;

/** Every v2 permission string (a non-empty subsequence of `cruds`). */
export function permissionStrings(): string[] {
  const all: string[] = [];
  for (let mask = 1; mask < 32; mask++) {
    all.push(SMART_LETTERS.filter((_, i) => mask & (1 << i)).join(''));
  }
  return all;
}

/** Every resource scope the eID node may grant for the health record (patient and user contexts). */
export function supportedResourceScopes(): string[] {
  const permissions = [...permissionStrings(), 'read', 'write', '*'];
  return (['patient', 'user'] as const).flatMap((context) =>
    SMART_RESOURCE_TYPES.flatMap((type) =>
      permissions.map((permission) => `${context}/${type}.${permission}`),
    ),
  );
}
