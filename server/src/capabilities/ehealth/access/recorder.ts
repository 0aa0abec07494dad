import type { HealthAccess, HealthAccessRecorder } from '../ports.ts';

/**
 * Records every use of a patient's data (AuditEvent + transparency log). PLACEHOLDER (access/
 * replaces it): records nothing.
 */
export function createAccessRecorder(): HealthAccessRecorder {
  return { record: async (_access: HealthAccess) => {} };
}
