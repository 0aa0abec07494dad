/**
 * The patient app's calls besides the record's searches: whose records the person may open, the
 * prescriptions with their QR payload, the restrictions (EHDS Art. 8), the break-glass notices,
 * and the PDFs (a document, the patient summary). All as the signed-in person, with the session's
 * token; the reads are saved for offline reading like the record.
 */
import type { DocumentReference, MedicationRequest, Patient } from '@medplum/fhirtypes';
import { type Answer, apiGetFile, apiGetSaved, apiSend } from '../../shared/api/api-client.ts';
import { ApiError } from '../../shared/api/api-error.ts';
import type { DownloadedFile } from '../../shared/api/downloaded-file.ts';
import { bundleResources, compartmentSearchPath, FHIR_BASE } from './fhir-record.ts';
import type {
  AccessRestriction,
  BreakGlassNotice,
  HealthPatient,
  NewRestriction,
  PatientPrescription,
} from './health-api.ts';
import { readNotices, readPatients, readPrescriptions, readRestrictions } from './read-api.ts';

const mapAnswer = <T, U>(answer: Answer<T>, map: (value: T) => U): Answer<U> => ({
  value: map(answer.value),
  savedAt: answer.savedAt,
});

/** A person's name as the record writes it: given names, then family name. */
export function patientName(patient: Patient): string {
  const name = patient.name?.find((candidate) => candidate.use === 'official') ?? patient.name?.[0];
  if (!name) return '';
  return name.text ?? [...(name.given ?? []), name.family].filter(Boolean).join(' ');
}

/**
 * The records the person may open: their own and their minor children's. From
 * `/api/health/patients`; where the server has no such route (404), from the Patients the
 * person's token can read, the eldest being the person themself (children are minors).
 */
export async function fetchPatients(signal?: AbortSignal): Promise<Answer<HealthPatient[]>> {
  try {
    return mapAnswer(await apiGetSaved<unknown>('/api/health/patients', { signal }), readPatients);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) throw error;
  }
  const answer = await apiGetSaved<unknown>(`${FHIR_BASE}/Patient?_count=20`, { signal });
  return mapAnswer(answer, (bundle) => {
    const patients = bundleResources<Patient>(bundle, 'Patient')
      .filter((patient) => patient.id)
      .toSorted((a, b) => (a.birthDate ?? '9999').localeCompare(b.birthDate ?? '9999'));
    return patients.map((patient, i) => ({
      patientId: patient.id!,
      name: patientName(patient),
      self: i === 0,
    }));
  });
}

export async function fetchPrescriptions(signal?: AbortSignal): Promise<Answer<PatientPrescription[]>> {
  return mapAnswer(await apiGetSaved<unknown>('/api/health/prescriptions', { signal }), readPrescriptions);
}

/** The prescriptions service's list and the patient's MedicationRequests, read together (so they match). */
export interface PrescriptionView {
  /** null when the prescriptions service could not answer (the record's requests are still shown). */
  fromService: PatientPrescription[] | null;
  requests: MedicationRequest[];
}

/**
 * The prescriptions of one record, fresh each time the list is opened: the service's (numbers, QR
 * payloads, dispenses) matched to the MedicationRequests of this patient read at the same moment,
 * so that one issued or dispensed a minute ago shows as it is now.
 */
export async function fetchPrescriptionView(
  patientId: string,
  signal?: AbortSignal,
): Promise<Answer<PrescriptionView>> {
  const [service, requests] = await Promise.all([
    fetchPrescriptions(signal).catch((error: unknown) => {
      if (signal?.aborted) throw error;
      return null;
    }),
    apiGetSaved<unknown>(compartmentSearchPath('MedicationRequest', patientId), { signal }),
  ]);
  const savedAt = [service?.savedAt ?? null, requests.savedAt].reduce<number | null>(
    (oldest, at) => (at === null ? oldest : oldest === null ? at : Math.min(oldest, at)),
    null,
  );
  return {
    value: {
      fromService: service?.value ?? null,
      requests: bundleResources<MedicationRequest>(requests.value, 'MedicationRequest'),
    },
    savedAt,
  };
}

export async function fetchRestrictions(signal?: AbortSignal): Promise<Answer<AccessRestriction[]>> {
  return mapAnswer(await apiGetSaved<unknown>('/api/health/restrictions', { signal }), readRestrictions);
}

export async function fetchNotices(signal?: AbortSignal): Promise<Answer<BreakGlassNotice[]>> {
  return mapAnswer(await apiGetSaved<unknown>('/api/health/notices', { signal }), readNotices);
}

export async function addRestriction(restriction: NewRestriction): Promise<void> {
  await apiSend('POST', '/api/health/restrictions', restriction);
}

export async function removeRestriction(id: string): Promise<void> {
  await apiSend('DELETE', `/api/health/restrictions/${encodeURIComponent(id)}`);
}

/**
 * A document as PDF: its PDF attachment when the record holds one on this server, else the
 * server's PDF rendition of the document (`DocumentReference/{id}/$pdf`).
 */
export function downloadDocumentPdf(document: DocumentReference, language: string): Promise<DownloadedFile> {
  const attachment = document.content
    ?.map((content) => content.attachment)
    .find((candidate) => candidate?.contentType === 'application/pdf' && candidate.url);
  const local =
    attachment?.url && /^Binary\/[A-Za-z0-9.-]{1,64}$/.test(attachment.url) ? attachment.url : null;
  const path = local
    ? `${FHIR_BASE}/${local}`
    : `${FHIR_BASE}/DocumentReference/${encodeURIComponent(document.id ?? '')}/$pdf`;
  return apiGetFile(path, { accept: 'application/pdf', headers: { 'Accept-Language': language } });
}

/** The International Patient Summary as PDF, in the language chosen for the doctor who will read it. */
export function downloadSummaryPdf(patientId: string, language: string): Promise<DownloadedFile> {
  const query = new URLSearchParams({ _language: language });
  return apiGetFile(`${FHIR_BASE}/Patient/${encodeURIComponent(patientId)}/$summary?${query}`, {
    accept: 'application/pdf',
    headers: { 'Accept-Language': language },
  });
}
