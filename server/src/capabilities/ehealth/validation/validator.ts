import type { ResourceValidator } from '../ports.ts';

/**
 * Validates every resource written. PLACEHOLDER (validation/ replaces it): finds no issue.
 */
export function createResourceValidator(): ResourceValidator {
  return { validate: async () => [] };
}
