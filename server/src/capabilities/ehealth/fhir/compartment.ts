import type { Resource } from '@medplum/fhirtypes';

/** The elements that put a resource in a Patient's compartment, in the order they are tried. */
const PATIENT_ELEMENTS = ['subject', 'patient', 'beneficiary'] as const;

/**
 * The id of the Patient whose compartment holds a resource: the Patient itself, or the Patient its
 * subject/patient reference names; null for shared resources (Practitioner, Organization, …).
 */
export function compartmentOf(resource: Resource): string | null {
  if (resource.resourceType === 'Patient') return resource.id ?? null;
  const record = resource as unknown as Record<string, { reference?: string } | undefined>;
  for (const element of PATIENT_ELEMENTS) {
    const reference = record[element]?.reference;
    if (reference?.startsWith('Patient/')) return reference.slice('Patient/'.length);
  }
  return null;
}
