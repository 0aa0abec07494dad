import type { ValidatorType } from '@rjsf/utils';

/**
 * An rjsf validator that leaves the checking to the server. The app's Content-Security-Policy
 * (`script-src 'self'`) forbids the `new Function` Ajv compiles schemas with, and the schemas
 * arrive at run time, so they cannot be precompiled: the form is checked by the server's Ajv 8
 * against the same declared schema (`POST /api/eservices/services/:code/check`), and its errors
 * are shown beside their fields (rjsf's `extraErrors`). The declared forms use no `oneOf`/`anyOf`
 * (the one thing rjsf asks a validator about while rendering).
 */
export const serverCheckedValidator: ValidatorType = {
  validateFormData: () => ({ errors: [], errorSchema: {} }),
  isValid: () => true,
  rawValidation: () => ({ errors: [] }),
};
