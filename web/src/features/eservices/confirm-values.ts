import type { FieldName } from './parking-permit-fields.ts';
import type { PrefillRow } from './prefill-rows.ts';

/** The fields left empty, in form order: the citizen must fill each one before confirming. */
export function emptyFields(rows: readonly PrefillRow[], values: Record<FieldName, string>): FieldName[] {
  return rows.map((row) => row.field.name).filter((name) => (values[name] ?? '').trim() === '');
}

/** Where a confirmed value came from, so the review can say what the citizen changed. */
export type ValueOrigin = 'register' | 'corrected' | 'entered';

export function valueOrigin(row: PrefillRow, value: string): ValueOrigin {
  if (row.registerValue === null) return 'entered';
  return value.trim() === row.registerValue.trim() ? 'register' : 'corrected';
}
