import { type Static, Type } from '@sinclair/typebox';

/**
 * The e-prescription's JSON API (where FHIR has no verb): a doctor issues and cancels, a
 * pharmacist finds a prescription by its number and the patient's personal number and dispenses
 * it, the patient lists theirs. The personal number travels only in request bodies, never in a URL.
 */

export const PRESCRIPTION_STATUSES = ['active', 'completed', 'cancelled', 'expired'] as const;
export const PrescriptionStatus = Type.Union(PRESCRIPTION_STATUSES.map((status) => Type.Literal(status)));
export type PrescriptionStatus = Static<typeof PrescriptionStatus>;

/** A prescription number as typed (case, spaces and dashes are forgiven; the check character is not). */
export const PrescriptionNumberText = Type.String({
  minLength: 12,
  maxLength: 20,
  pattern: '^[0-9A-Za-z -]+$',
});
/** A personal number (EGN, PESEL): digits only. */
export const PersonalNumberText = Type.String({ minLength: 6, maxLength: 12, pattern: '^[0-9]+$' });

/** A text in the platform's three languages. */
export const Label = Type.Object({ bg: Type.String(), en: Type.String(), pl: Type.String() });
export type Label = Static<typeof Label>;

export const Medicine = Type.Object({
  /** The ATC code. */
  code: Type.String(),
  label: Label,
});
export type Medicine = Static<typeof Medicine>;

export const DispenseSummary = Type.Object({
  id: Type.String(),
  quantity: Type.Integer(),
  whenHandedOver: Type.String({ format: 'date-time' }),
  pharmacy: Type.String(),
});
export type DispenseSummary = Static<typeof DispenseSummary>;

/** POST /api/health/prescriptions (a doctor). */
export const IssuePrescription = Type.Object(
  {
    /** The Patient's id (opaque, never the personal number). */
    patient: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9\\-.]{1,64}$' }),
    /** The medicine's ATC code, from the terminology. */
    medication: Type.String({ minLength: 1, maxLength: 16, pattern: '^[A-Z][0-9A-Z]{0,15}$' }),
    /** How to take it, in words (no control characters). */
    dosage: Type.String({ minLength: 1, maxLength: 500, pattern: '^[^\\u0000-\\u001f\\u007f]+$' }),
    /** Packs per fill. */
    quantity: Type.Integer({ minimum: 1, maximum: 100 }),
    /** Repeats allowed after the first fill. */
    repeats: Type.Optional(Type.Integer({ minimum: 0, maximum: 5 })),
  },
  { additionalProperties: false },
);
export type IssuePrescription = Static<typeof IssuePrescription>;

export const IssuedPrescription = Type.Object({
  number: Type.String(),
  /** What the pharmacy's QR carries: `CIVRX1:<number>:<patient tag>`. */
  qr: Type.String(),
  medicationRequest: Type.String(),
  status: PrescriptionStatus,
  expiresAt: Type.String({ format: 'date-time' }),
});
export type IssuedPrescription = Static<typeof IssuedPrescription>;

/** POST /api/health/prescriptions/lookup (a pharmacist). */
export const FindPrescription = Type.Object(
  { number: PrescriptionNumberText, patient: PersonalNumberText },
  { additionalProperties: false },
);
export type FindPrescription = Static<typeof FindPrescription>;

/** A prescription as the pharmacist sees it: no personal number, the patient's name and birth year. */
export const PharmacyPrescription = Type.Object({
  number: Type.String(),
  status: PrescriptionStatus,
  medicine: Medicine,
  dosage: Type.String(),
  /** Packs per fill, and the total the prescription allows (fills × packs). */
  quantity: Type.Integer(),
  total: Type.Integer(),
  dispensed: Type.Integer(),
  remaining: Type.Integer(),
  authoredOn: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
  prescriber: Type.Object({ name: Type.String(), organisation: Type.String() }),
  patient: Type.Object({ name: Type.String(), birthYear: Type.Union([Type.Integer(), Type.Null()]) }),
  dispenses: Type.Array(DispenseSummary),
});
export type PharmacyPrescription = Static<typeof PharmacyPrescription>;

/** POST /api/health/prescriptions/:number/dispenses (a pharmacist). */
export const DispensePrescription = Type.Object(
  { patient: PersonalNumberText, quantity: Type.Integer({ minimum: 1, maximum: 600 }) },
  { additionalProperties: false },
);
export type DispensePrescription = Static<typeof DispensePrescription>;

export const DispenseRecorded = Type.Object({
  number: Type.String(),
  dispense: DispenseSummary,
  /** The MedicationDispense written. */
  medicationDispense: Type.String(),
  dispensed: Type.Integer(),
  remaining: Type.Integer(),
  status: PrescriptionStatus,
});
export type DispenseRecorded = Static<typeof DispenseRecorded>;

export const CancelledPrescription = Type.Object({ number: Type.String(), status: PrescriptionStatus });
export type CancelledPrescription = Static<typeof CancelledPrescription>;

/** GET /api/health/prescriptions: the signed-in patient's own (and their children's). */
export const PatientPrescription = Type.Object({
  number: Type.String(),
  qr: Type.String(),
  medicationRequest: Type.String(),
  medicine: Medicine,
  dosage: Type.String(),
  status: PrescriptionStatus,
  total: Type.Integer(),
  dispensed: Type.Integer(),
  remaining: Type.Integer(),
  authoredOn: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
  prescriber: Type.Object({ name: Type.String(), organisation: Type.String() }),
  dispenses: Type.Array(DispenseSummary),
});
export type PatientPrescription = Static<typeof PatientPrescription>;

export const PatientPrescriptions = Type.Object({ prescriptions: Type.Array(PatientPrescription) });
export type PatientPrescriptions = Static<typeof PatientPrescriptions>;
