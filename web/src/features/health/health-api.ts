/**
 * The JSON answers of `/api/health/*` the patient app reads, where FHIR has no verb for it: whose
 * records the person may open, their prescriptions with the pharmacy's QR payload, their access
 * restrictions (EHDS Art. 8), and the break-glass notices. The server validates what it sends; the
 * app still reads every member defensively (`read-api.ts`) so a missing part never breaks a screen.
 */

/** `GET /api/health/patients`: the signed-in person's record and their minor children's. */
export interface HealthPatient {
  /** The opaque FHIR Patient id (never the personal number). */
  patientId: string;
  name: string;
  /** The signed-in person's own record. */
  self: boolean;
}

/*
 * The shapes follow `packages/contracts/src/api/health-access.ts` (the access part) and
 * `packages/contracts/src/api/prescriptions.ts` (the e-prescription part).
 */

/** One dispense of a prescription, as the pharmacy recorded it. */
export interface PrescriptionDispense {
  whenHandedOver: string;
  quantity: number | null;
  pharmacy: string | null;
}

/** `GET /api/health/prescriptions`: the signed-in person's prescriptions. */
export interface PatientPrescription {
  /** The prescription number the pharmacy types in (12 characters). */
  number: string;
  /** What the QR for the pharmacy encodes (the number and a hash of the patient identifier, never the personal number). */
  qr: string;
  /** The MedicationRequest's id, to match the FHIR resource. */
  medicationRequestId: string | null;
  /** The medicine as an ATC code (labelled from the terminology). */
  medication: { system: string; code: string } | null;
  /** The medicine's label in the three languages, as the prescriptions service gave it. */
  medicationLabel: { bg: string; en: string; pl: string } | null;
  status: string;
  authoredOn: string | null;
  dosage: string | null;
  quantity: number | null;
  remaining: number | null;
  prescriber: string | null;
  prescriberOrganisation: string | null;
  expiresAt: string | null;
  dispenses: PrescriptionDispense[];
}

/** Who a restriction hides the data from. */
export type RestrictionAudience =
  | { kind: 'all-but-gp' }
  | { kind: 'practitioner'; practitionerId: string; name: string | null };

/** What a restriction hides: one resource, or a whole category of one resource type. */
export type RestrictionTarget =
  | { kind: 'resource'; reference: string }
  | {
      kind: 'category';
      resourceType: string;
      /** A code of the resources' category, type or code (null: every resource of the type). */
      category: string | null;
    };

/** `GET /api/health/restrictions` (EHDS Art. 8): what the patient hid, and from whom. */
export interface AccessRestriction {
  id: string;
  patientId?: string;
  target: RestrictionTarget;
  from: RestrictionAudience;
  created?: string;
}

/** `POST /api/health/restrictions` (the doctor by id only: the server knows their name). */
export interface NewRestriction {
  patientId: string;
  target: RestrictionTarget;
  from: { kind: 'all-but-gp' } | { kind: 'practitioner'; practitionerId: string };
}

/** `GET /api/health/notices`: a doctor opened the record in an emergency (break-glass). */
export interface BreakGlassNotice {
  id: string;
  patientId: string | null;
  at: string;
  practitioner: string | null;
  organisation: string | null;
  reason: string | null;
  expiresAt: string | null;
}
