import type {
  AllergyIntolerance,
  Condition,
  DocumentReference,
  Encounter,
  Immunization,
  MedicationRequest,
  Observation,
  Patient,
  Practitioner,
  PractitionerRole,
  Resource,
  ServiceRequest,
} from '@medplum/fhirtypes';
import { apiGet, apiGetFile, apiSend } from '../../shared/api/api-client.ts';
import { ApiError } from '../../shared/api/api-error.ts';
import type { DownloadedFile } from '../../shared/api/downloaded-file.ts';
import { idTokenClaims } from '../../shared/auth/id-token-claims.ts';
import { currentSessionStatus } from '../../shared/auth/session-store.ts';
import { FHIR_BASE, FhirError, fhirRead, fhirSearch } from './fhir-client.ts';

/** The signed-in doctor as the health record knows them. */
export interface Clinician {
  /** `Practitioner/<id>`. */
  practitioner: string;
  /** A GP has a list of patients; a specialist sees patients referred to them. */
  generalPractitioner: boolean;
  /** Their open emergency accesses: patient id → until when (ISO). */
  emergencies: ReadonlyMap<string, string>;
}

/** GET /api/health/me (the `access` part): the doctor's Practitioner, found by the token's subject on the server. */
interface PractitionerMe {
  practitionerId: string;
  generalPractitioner: boolean;
  breakGlass?: Array<{ patientId: string; expiresAt: string }>;
}

/**
 * Who the signed-in doctor is in the record: `GET /api/health/me`, which finds their Practitioner
 * by the token's subject on the server (their personal number never travels in a URL) and says
 * whether they are a GP and which emergency accesses they hold. Should it be unavailable, the
 * `fhirUser` claim of the ID token (`Practitioner/<id>`) still names them.
 */
export async function whoAmI(signal: AbortSignal): Promise<Clinician> {
  try {
    const me = await apiGet<PractitionerMe>('/api/health/me', { signal });
    return {
      practitioner: `Practitioner/${me.practitionerId}`,
      generalPractitioner: me.generalPractitioner,
      emergencies: new Map((me.breakGlass ?? []).map((grant) => [grant.patientId, grant.expiresAt])),
    };
  } catch (error) {
    if (signal.aborted || (error instanceof ApiError && error.status === 401)) throw error;
    const status = currentSessionStatus();
    const claim = status.kind === 'active' ? idTokenClaims(status.session)?.fhirUser : undefined;
    const practitioner = typeof claim === 'string' ? practitionerReference(claim) : null;
    if (!practitioner) throw error;
    return { practitioner, generalPractitioner: true, emergencies: new Map() };
  }
}

/** `Practitioner/<id>` out of a reference or an absolute `…/Practitioner/<id>` URL. */
export function practitionerReference(value: string): string | null {
  const match = /(?:^|\/)Practitioner\/([A-Za-z0-9\-.]{1,64})$/.exec(value);
  return match ? `Practitioner/${match[1]}` : null;
}

/** A patient on a list, with why they are there. */
export interface ListedPatient {
  patient: Patient;
  /** The referral that brought them to this doctor (a specialist's list). */
  referral?: ServiceRequest;
}

/** The doctor's own patients (those whose GP they are), optionally those whose name matches. */
export async function patientsOf(me: Clinician, name: string, signal: AbortSignal): Promise<ListedPatient[]> {
  const params: Record<string, string> = {
    'general-practitioner': me.practitioner,
    _sort: 'family',
    _count: '50',
  };
  if (name.trim()) params.name = name.trim();
  const { matches } = await fhirSearch<Patient>('Patient', params, signal);
  return matches.map((patient) => ({ patient }));
}

/** The patients referred to the doctor (active referrals naming them as the performer). */
export async function referredTo(me: Clinician, signal: AbortSignal): Promise<ListedPatient[]> {
  const { matches, included } = await fhirSearch<ServiceRequest>(
    'ServiceRequest',
    { performer: me.practitioner, status: 'active', _include: 'ServiceRequest:subject', _count: '50' },
    signal,
  );
  const patients = new Map(
    included
      .filter((resource): resource is Patient => resource.resourceType === 'Patient')
      .map((patient) => [`Patient/${patient.id}`, patient]),
  );
  const listed: ListedPatient[] = [];
  for (const referral of matches) {
    const patient = referral.subject?.reference ? patients.get(referral.subject.reference) : undefined;
    if (patient && !listed.some((entry) => entry.patient.id === patient.id))
      listed.push({ patient, referral });
  }
  return listed;
}

/**
 * Finds a patient by their personal number, typed by the doctor, sent in a form body. None found
 * means "no access": a patient outside the doctor's care is not found, just like no patient.
 */
export async function findByPersonalNumber(
  personalNumber: string,
  signal: AbortSignal,
): Promise<Patient | null> {
  const { matches } = await fhirSearch<Patient>('Patient', { identifier: personalNumber }, signal);
  return matches[0] ?? null;
}

/** An emergency access granted: to which patient, until when. */
export interface BreakGlassGrant {
  patientId: string;
  expiresAt: string;
}

/**
 * Break-glass (`POST /api/health/break-glass`): access to a patient outside the doctor's care for
 * a limited time, with a reason the patient is told, recorded as an emergency access.
 */
export async function breakGlass(personalNumber: string, reason: string): Promise<BreakGlassGrant> {
  const response = await apiSend('POST', '/api/health/break-glass', { personalNumber, reason });
  const body = (await response.json()) as Partial<BreakGlassGrant>;
  if (typeof body.patientId !== 'string' || typeof body.expiresAt !== 'string') throw new ApiError(502, null);
  return { patientId: body.patientId, expiresAt: body.expiresAt };
}

/** A patient's chart: each part loaded on its own, so one refusal does not hide the rest. */
export interface Chart {
  patient: Patient;
  conditions: Section<Condition>;
  allergies: Section<AllergyIntolerance>;
  medications: Section<MedicationRequest>;
  labs: Section<Observation>;
  vitals: Section<Observation>;
  immunizations: Section<Immunization>;
  encounters: Section<Encounter>;
  documents: Section<DocumentReference>;
}

export type Section<T> = { ok: true; items: T[] } | { ok: false; error: unknown };

async function section<T extends Resource>(
  type: string,
  params: Record<string, string>,
  signal: AbortSignal,
): Promise<Section<T>> {
  try {
    return { ok: true, items: (await fhirSearch<T>(type, params, signal)).matches };
  } catch (error) {
    if (signal.aborted) throw error;
    if (error instanceof ApiError && error.status === 401) throw error;
    return { ok: false, error };
  }
}

/** Loads a patient's chart; a patient the doctor may not see is a FhirError 404. */
export async function loadChart(patientId: string, signal: AbortSignal): Promise<Chart> {
  const patient = await fhirRead<Patient>(`Patient/${patientId}`, signal);
  const of = { patient: `Patient/${patientId}` };
  const [conditions, allergies, medications, labs, vitals, immunizations, encounters, documents] =
    await Promise.all([
      section<Condition>('Condition', { ...of, _count: '100' }, signal),
      section<AllergyIntolerance>('AllergyIntolerance', { ...of, _count: '100' }, signal),
      section<MedicationRequest>('MedicationRequest', { ...of, _sort: '-authoredon', _count: '50' }, signal),
      section<Observation>(
        'Observation',
        { ...of, category: 'laboratory', _sort: '-date', _count: '100' },
        signal,
      ),
      section<Observation>(
        'Observation',
        { ...of, category: 'vital-signs', _sort: '-date', _count: '30' },
        signal,
      ),
      section<Immunization>('Immunization', { ...of, _sort: '-date', _count: '100' }, signal),
      section<Encounter>('Encounter', { ...of, _sort: '-date', _count: '30' }, signal),
      section<DocumentReference>('DocumentReference', { ...of, _sort: '-date', _count: '30' }, signal),
    ]);
  return { patient, conditions, allergies, medications, labs, vitals, immunizations, encounters, documents };
}

/**
 * A document as PDF: the rendition its content names (an attachment of type application/pdf with
 * a URL on the FHIR API), or else the `DocumentReference/<id>/$pdf` operation; fetched with the
 * token, policy-checked and recorded on the server like any read.
 */
export function documentPdf(document: DocumentReference, language: string): Promise<DownloadedFile> {
  const attachment = document.content
    ?.map((content) => content.attachment)
    .find((candidate) => candidate?.contentType === 'application/pdf' && candidate.url);
  const path = attachment?.url ? apiPath(attachment.url) : null;
  return apiGetFile(path ?? `${FHIR_BASE}/DocumentReference/${document.id}/$pdf`, {
    accept: 'application/pdf',
    headers: { 'Accept-Language': language },
  });
}

/** A URL on this origin's FHIR API as a path; anything elsewhere is not fetched with the token. */
function apiPath(url: string): string | null {
  try {
    const parsed = new URL(url, `${location.origin}${FHIR_BASE}/`);
    return parsed.origin === location.origin && parsed.pathname.startsWith(`${FHIR_BASE}/`)
      ? `${parsed.pathname}${parsed.search}`
      : null;
  } catch {
    return null;
  }
}

/** A specialist to refer to: their Practitioner and where they work. */
export interface Specialist {
  practitioner: string;
  name: Practitioner['name'];
  organisation: string | null;
}

/** The specialists of a specialty (PractitionerRole by specialty, their Practitioners included). */
export async function specialistsOf(specialty: string, signal: AbortSignal): Promise<Specialist[]> {
  const { matches, included } = await fhirSearch<PractitionerRole>(
    'PractitionerRole',
    { specialty, _include: 'PractitionerRole:practitioner', _count: '50' },
    signal,
  );
  const people = new Map(
    included
      .filter((resource): resource is Practitioner => resource.resourceType === 'Practitioner')
      .map((practitioner) => [`Practitioner/${practitioner.id}`, practitioner]),
  );
  return matches.flatMap((role) => {
    const reference = role.practitioner?.reference;
    if (!reference) return [];
    return [
      {
        practitioner: reference,
        name: people.get(reference)?.name,
        organisation: role.organization?.display ?? null,
      },
    ];
  });
}

/** Whether an error is the API's "not found" (how a patient outside the doctor's care answers). */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.status === 410);
}

export { FhirError };
