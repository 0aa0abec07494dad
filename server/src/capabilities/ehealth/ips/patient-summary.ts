import type { Kysely } from 'kysely';
import type { StoredResource } from '../ports.ts';
import type { EhealthTables } from '../tables.ts';
import type { SummaryLanguage } from './labels.ts';
import { readCompartment, readReferenced } from './record.ts';
import { buildSummary, type PatientSummary, type SummaryInput } from './summary.ts';

/** The types a summary is made from (the Patient and its sections' sources). */
export const SUMMARY_SOURCE_TYPES = [
  'Patient',
  'Condition',
  'AllergyIntolerance',
  'MedicationRequest',
  'MedicationStatement',
  'Immunization',
  'Observation',
  'Procedure',
] as const;

export interface SummaryReader {
  /** The stored resources among these the reader may see (the policy, or the patient's restrictions). */
  visible(rows: readonly StoredResource[]): Promise<StoredResource[]>;
  language: SummaryLanguage;
  addressing: SummaryInput['addressing'];
  now?: Date;
}

/**
 * A patient's summary as one reader may see it, read from the store: null when the patient does
 * not exist or the reader may not see them. What the reader may not see is left out, and the
 * narrative says that something is (never what).
 */
export async function summaryOfPatient(
  db: Kysely<EhealthTables>,
  patientId: string,
  reader: SummaryReader,
): Promise<PatientSummary | null> {
  const rows = await readCompartment(db, patientId, { types: SUMMARY_SOURCE_TYPES });
  const patient = rows[0];
  if (patient?.resourceType !== 'Patient' || patient.id !== patientId) return null;
  const visible = await reader.visible(rows);
  if (!visible.some((row) => row === patient || (row.resourceType === 'Patient' && row.id === patientId)))
    return null;
  return buildSummary({
    patient,
    resources: visible,
    resolve: async (references) => reader.visible(await readReferenced(db, references)),
    withheld: visible.length < rows.length,
    language: reader.language,
    now: reader.now ?? new Date(),
    addressing: reader.addressing,
  });
}

/** The stored resources a summary carries (`Type/id`), for the access's record. */
export function carriedReferences(summary: PatientSummary): string[] {
  return (summary.bundle.entry ?? []).flatMap(({ resource }) =>
    resource && resource.resourceType !== 'Composition' && resource.resourceType !== 'Device'
      ? [`${resource.resourceType}/${resource.id}`]
      : [],
  );
}
