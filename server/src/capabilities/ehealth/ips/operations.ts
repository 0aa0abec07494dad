import type { FhirOperation } from '../ports.ts';

/** Patient/$summary and Patient/$everything. PLACEHOLDER (ips/ fills it). */
export function patientOperations(): FhirOperation[] {
  return [];
}
