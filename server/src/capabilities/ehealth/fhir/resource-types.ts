/**
 * The resource types this server holds (issue 17's list, plus ServiceRequest for referrals) and
 * what the API lets a client do with each; the CapabilityStatement says the same.
 */
export const RESOURCE_TYPES = [
  'Patient',
  'Practitioner',
  'PractitionerRole',
  'Organization',
  'Encounter',
  'Condition',
  'Observation',
  'DiagnosticReport',
  'MedicationRequest',
  'MedicationDispense',
  'Immunization',
  'AllergyIntolerance',
  'Procedure',
  'DocumentReference',
  'ServiceRequest',
  'Consent',
  'AuditEvent',
  'Provenance',
] as const;

export type HeldResourceType = (typeof RESOURCE_TYPES)[number];

const HELD: ReadonlySet<string> = new Set(RESOURCE_TYPES);

export function isHeldType(type: string): type is HeldResourceType {
  return HELD.has(type);
}

/** Types only the platform writes (the access recorder's AuditEvents): clients read and search them. */
const READ_ONLY: ReadonlySet<string> = new Set(['AuditEvent']);

export function isWritableType(type: string): boolean {
  return HELD.has(type) && !READ_ONLY.has(type);
}

/** A FHIR id (R4 `id` datatype): 1–64 of letters, digits, `-` and `.`. */
export const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

export function isFhirId(id: string): boolean {
  return FHIR_ID.test(id);
}
