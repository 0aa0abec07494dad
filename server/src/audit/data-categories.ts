/** The categories of personal data each register service answers with, for the data tracker. */
const BY_SERVICE_CODE: Record<string, string[]> = {
  persons: ['identity'],
  documents: ['identity-documents'],
  licences: ['driving-licence'],
  vehicles: ['vehicles'],
  inspections: ['vehicle-inspections'],
  policies: ['insurance'],
  fines: ['fines'],
  'vehicle-tax': ['taxes'],
  'insured-persons': ['health-insurance'],
  // The health record's register service (the patient summary) and its FHIR API (access-outbox.ts).
  records: ['health'],
  fhir: ['health'],
};

/** Categories of an access to `service` (full service id) at `path` (which is never stored). */
export function dataCategoriesOf(service: string, path: string | null): string[] {
  const code = service.slice(service.lastIndexOf('/') + 1);
  if (code === 'persons' && path?.endsWith('/addresses')) return ['addresses'];
  if (code === 'documents' && path?.endsWith('/portrait')) return ['photo'];
  return BY_SERVICE_CODE[code] ?? ['other'];
}
