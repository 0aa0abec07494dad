import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS: its function is the default export's `default` under Node's ESM loader.
type AddFormats = (ajv: Ajv, formats: string[]) => Ajv;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ??
  addFormatsModule) as unknown as AddFormats;

/** A form field that failed its schema: where (a path such as `address.street`) and why (Ajv's keyword). */
export interface FieldError {
  field: string;
  keyword: string;
  params: Record<string, unknown>;
}

/**
 * The form schemas of the declarations, compiled once with Ajv 8 (JSON Schema draft-07, strict: an
 * unknown keyword in a declaration fails the boot rather than being silently ignored).
 */
export function compileFormSchema(schema: object): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: true, coerceTypes: false, useDefaults: false });
  addFormats(ajv, ['date', 'email']);
  return ajv.compile(schema);
}

/** Ajv's errors as one error per field path (the web shows each beside its field). */
export function fieldErrors(errors: readonly ErrorObject[] | null | undefined): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const error of errors ?? []) {
    const base = error.instancePath
      .split('/')
      .filter(Boolean)
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (error.keyword === 'required') base.push(String(error.params.missingProperty));
    if (error.keyword === 'additionalProperties') base.push(String(error.params.additionalProperty));
    const field = base.join('.');
    if (seen.has(field)) continue;
    seen.add(field);
    out.push({ field, keyword: error.keyword, params: error.params });
  }
  return out;
}

/** Form data checked against a service's schema: each failing field with the keyword it failed. */
export function checkForm(
  service: { validate: ValidateFunction },
  data: unknown,
): { valid: boolean; errors: FieldError[] } {
  const valid = service.validate(data);
  return { valid, errors: valid ? [] : fieldErrors(service.validate.errors) };
}
