import type { ParkingPermitPrefill, PrefillSource } from '@civitas/contracts/api/parking-permit.ts';
import type { FieldDefinition, FieldName } from './parking-permit-fields.ts';

/** Why a field has no value from the registers: its register did not answer, or had nothing for it. */
export type MissingReason = 'register-unanswered' | 'no-value';

/** One field of the form as the registers filled it in. */
export interface PrefillRow {
  field: FieldDefinition;
  /** The register the value came from, or (when it is missing) the one that should have supplied it. */
  source: PrefillSource | null;
  /** The register's value; null when the citizen has to enter it. */
  registerValue: string | null;
  missing: MissingReason | null;
}

/**
 * Lays the prefill over the fields the form knows. A known field the answer lacks is never
 * dropped: it becomes a missing row the citizen fills in. Fields the form does not know are ignored.
 */
export function prefillRows(prefill: ParkingPermitPrefill, fields: readonly FieldDefinition[]): PrefillRow[] {
  const sources = new Map(prefill.sources.map((source) => [source.key, source]));
  const supplied = new Map<string, { value: string; source: string }>();
  for (const field of prefill.fields) {
    if (typeof field.value === 'string' && field.value.trim() !== '' && !supplied.has(field.name)) {
      supplied.set(field.name, { value: field.value, source: field.source });
    }
  }

  return fields.map((field) => {
    const found = supplied.get(field.name);
    if (found) {
      return { field, source: sources.get(found.source) ?? null, registerValue: found.value, missing: null };
    }
    const source = sources.get(field.source) ?? null;
    const answered = source?.status === 'ok';
    return { field, source, registerValue: null, missing: answered ? 'no-value' : 'register-unanswered' };
  });
}

/** The registers that were asked but did not answer (timed out or failed). */
export function unansweredSources(prefill: ParkingPermitPrefill): PrefillSource[] {
  return prefill.sources.filter((source) => source.status !== 'ok');
}

/** The form's starting values: the registers' values, and empty text where the citizen must type. */
export function initialValues(rows: readonly PrefillRow[]): Record<FieldName, string> {
  return Object.fromEntries(rows.map((row) => [row.field.name, row.registerValue ?? ''])) as Record<
    FieldName,
    string
  >;
}
