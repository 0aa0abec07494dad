import type { PersonalNumberSchemeId } from '@civitas/contracts/ids/personal-number.ts';
import type { Identifier, Resource } from '@medplum/fhirtypes';

/**
 * The identifier system of a country's personal number on Patient and Practitioner resources
 * (`identifier[].system`): the instance's scheme decides which one a Patient's link row uses.
 */
export const PERSONAL_NUMBER_SYSTEMS: Readonly<Record<PersonalNumberSchemeId, string>> = {
  egn: 'https://civitas.example/fhir/sid/egn',
  pesel: 'https://civitas.example/fhir/sid/pesel',
};

/** The personal number a Patient carries in the scheme's system, or null. */
export function personalNumberOf(resource: Resource, scheme: PersonalNumberSchemeId): string | null {
  if (resource.resourceType !== 'Patient') return null;
  const system = PERSONAL_NUMBER_SYSTEMS[scheme];
  const identifiers: Identifier[] = Array.isArray(resource.identifier) ? resource.identifier : [];
  return identifiers.find((identifier) => identifier?.system === system)?.value ?? null;
}
