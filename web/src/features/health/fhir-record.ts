/**
 * One patient's health record as the app shows it, read through the FHIR API (`/fhir/R4`) with
 * the session's token: a search per resource type in the patient's compartment. Each answer is
 * saved for offline reading (`apiGetSaved`), so the record stays readable after the first load.
 * A type the server cannot answer leaves its section empty and is named in `unavailable`; the
 * record fails as a whole only when no type could be read at all.
 */
import type {
  AllergyIntolerance,
  AuditEvent,
  Bundle,
  Condition,
  DocumentReference,
  Encounter,
  Immunization,
  MedicationDispense,
  MedicationRequest,
  Observation,
  Patient,
  Procedure,
  Resource,
} from '@medplum/fhirtypes';
import { type Answer, apiGetSaved } from '../../shared/api/api-client.ts';

export const FHIR_BASE = '/fhir/R4';

export interface HealthRecord {
  /** The Patient resource (their GP), null when it could not be read. */
  patient: Patient | null;
  encounters: Encounter[];
  observations: Observation[];
  conditions: Condition[];
  allergies: AllergyIntolerance[];
  immunizations: Immunization[];
  documents: DocumentReference[];
  medicationRequests: MedicationRequest[];
  medicationDispenses: MedicationDispense[];
  procedures: Procedure[];
  /** The resource types the server could not answer (their sections are shown as unavailable). */
  unavailable: string[];
}

/** The search path of a type in one patient's compartment (the id is opaque, never a personal number). */
export function compartmentSearchPath(resourceType: string, patientId: string, count = 500): string {
  const query = new URLSearchParams({ patient: patientId, _count: String(count) });
  return `${FHIR_BASE}/${resourceType}?${query}`;
}

/** The resources of a search Bundle's matches (included resources and OperationOutcomes left out). */
export function bundleResources<T extends Resource>(bundle: unknown, resourceType: T['resourceType']): T[] {
  const entries = (bundle as Bundle | null)?.entry;
  if (!Array.isArray(entries)) return [];
  return entries
    .filter((entry) => entry.search?.mode !== 'include' && entry.resource?.resourceType === resourceType)
    .map((entry) => entry.resource as T);
}

const RECORD_TYPES = [
  ['encounters', 'Encounter'],
  ['observations', 'Observation'],
  ['conditions', 'Condition'],
  ['allergies', 'AllergyIntolerance'],
  ['immunizations', 'Immunization'],
  ['documents', 'DocumentReference'],
  ['medicationRequests', 'MedicationRequest'],
  ['medicationDispenses', 'MedicationDispense'],
  ['procedures', 'Procedure'],
] as const;

/** The whole record of one patient; `savedAt` is the oldest saved answer shown (null: all fresh). */
export async function fetchHealthRecord(
  patientId: string,
  signal?: AbortSignal,
): Promise<Answer<HealthRecord>> {
  const [patient, ...answers] = await Promise.allSettled([
    apiGetSaved<Patient>(`${FHIR_BASE}/Patient/${encodeURIComponent(patientId)}`, { signal }),
    ...RECORD_TYPES.map(([, type]) =>
      apiGetSaved<Bundle>(compartmentSearchPath(type, patientId), { signal }),
    ),
  ]);
  const record: HealthRecord = {
    patient:
      patient.status === 'fulfilled' && patient.value.value.resourceType === 'Patient'
        ? patient.value.value
        : null,
    encounters: [],
    observations: [],
    conditions: [],
    allergies: [],
    immunizations: [],
    documents: [],
    medicationRequests: [],
    medicationDispenses: [],
    procedures: [],
    unavailable: [],
  };
  let savedAt: number | null = null;
  answers.forEach((answer, i) => {
    const [key, type] = RECORD_TYPES[i]!;
    if (answer.status === 'rejected') {
      record.unavailable.push(type);
      return;
    }
    if (answer.value.savedAt !== null)
      savedAt = Math.min(savedAt ?? Number.POSITIVE_INFINITY, answer.value.savedAt);
    (record[key] as Resource[]) = bundleResources(answer.value.value as Bundle, type);
  });
  const failure = answers.find((answer) => answer.status === 'rejected');
  if (failure && record.unavailable.length === RECORD_TYPES.length) throw failure.reason;
  return { value: record, savedAt };
}

/** The latest accesses to the patient's record (EHDS Art. 9), newest first. */
export async function fetchAccesses(patientId: string, signal?: AbortSignal): Promise<Answer<AuditEvent[]>> {
  const query = new URLSearchParams({ patient: patientId, _count: '200', _sort: '-date' });
  const answer = await apiGetSaved<Bundle>(`${FHIR_BASE}/AuditEvent?${query}`, { signal });
  const events = bundleResources<AuditEvent>(answer.value, 'AuditEvent').toSorted((a, b) =>
    (b.recorded ?? '').localeCompare(a.recorded ?? ''),
  );
  return { value: events, savedAt: answer.savedAt };
}
