import { type Static, Type } from '@sinclair/typebox';

/**
 * The health record's access API (`/api/health/...`, the `access` part of eHealth): whose records
 * the signed-in person may open, the doctor's own standing, break-glass, the patient's notices
 * and their EHDS Art. 8 restrictions. Browser-safe.
 */

/** A FHIR resource id (R4: 1–64 of `A-Za-z0-9-.`). */
export const FhirId = Type.String({ pattern: '^[A-Za-z0-9\\-.]{1,64}$' });
/** A FHIR resource type's name. */
export const ResourceTypeName = Type.String({ pattern: '^[A-Z][A-Za-z]{1,63}$' });
/** A reference to a resource of the record: `Type/id`. */
export const ResourceReference = Type.String({ pattern: '^[A-Z][A-Za-z]{1,63}/[A-Za-z0-9\\-.]{1,64}$' });
/** A code (a category, a document type, a diagnosis): letters, digits and `.-_:`. */
export const CategoryCode = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9.\\-_:]{0,63}$' });

/** GET /api/health/patients: the records the signed-in person may open (their own, their minor children's). */
export const HealthPatient = Type.Object({
  patientId: Type.String(),
  name: Type.String(),
  birthDate: Type.Union([Type.String(), Type.Null()]),
  self: Type.Boolean(),
});
export type HealthPatient = Static<typeof HealthPatient>;

/** GET /api/health/me: the signed-in doctor as the record knows them. */
export const PractitionerMe = Type.Object({
  practitionerId: Type.String(),
  organisation: Type.String(),
  generalPractitioner: Type.Boolean(),
  breakGlass: Type.Array(
    Type.Object({
      id: Type.String(),
      patientId: Type.String(),
      reason: Type.String(),
      expiresAt: Type.String(),
    }),
  ),
});
export type PractitionerMe = Static<typeof PractitionerMe>;

/** POST /api/health/break-glass: a doctor's emergency access to a patient not in their care. */
export const BreakGlassRequest = Type.Object(
  {
    /** The patient's personal number, in the body (never in a URL). */
    personalNumber: Type.String({ minLength: 1, maxLength: 32 }),
    reason: Type.String({ minLength: 1, maxLength: 2000 }),
  },
  { additionalProperties: false },
);
export type BreakGlassRequest = Static<typeof BreakGlassRequest>;

export const BreakGlassGrant = Type.Object({
  id: Type.String(),
  patientId: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
});
export type BreakGlassGrant = Static<typeof BreakGlassGrant>;

/** GET /api/health/notices: what the patient is told (an emergency access to their record). */
export const HealthNotice = Type.Object({
  id: Type.String(),
  kind: Type.Literal('break-glass'),
  patientId: Type.String(),
  practitionerName: Type.Union([Type.String(), Type.Null()]),
  organisation: Type.Union([Type.String(), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type HealthNotice = Static<typeof HealthNotice>;

export const RestrictionTarget = Type.Union([
  Type.Object(
    { kind: Type.Literal('resource'), reference: ResourceReference },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal('category'),
      resourceType: ResourceTypeName,
      /** A code of the resource's category, type or code; absent: every resource of the type. */
      category: Type.Optional(CategoryCode),
    },
    { additionalProperties: false },
  ),
]);
export type RestrictionTarget = Static<typeof RestrictionTarget>;

export const RestrictionFrom = Type.Union([
  Type.Object({ kind: Type.Literal('all-but-gp') }, { additionalProperties: false }),
  Type.Object(
    { kind: Type.Literal('practitioner'), practitionerId: FhirId },
    { additionalProperties: false },
  ),
]);

/** POST /api/health/restrictions: hide a resource or a category from a doctor, or from all but the GP. */
export const NewRestriction = Type.Object(
  {
    /** Whose record (their own, or a minor child's); absent: their own. */
    patientId: Type.Optional(FhirId),
    target: RestrictionTarget,
    from: RestrictionFrom,
  },
  { additionalProperties: false },
);
export type NewRestriction = Static<typeof NewRestriction>;

export const AccessRestriction = Type.Object({
  id: Type.String(),
  patientId: Type.String(),
  /** The Consent resource (patient-privacy, deny) that is its FHIR form. */
  consentId: Type.String(),
  target: Type.Union([
    Type.Object({ kind: Type.Literal('resource'), reference: Type.String() }),
    Type.Object({
      kind: Type.Literal('category'),
      resourceType: Type.String(),
      category: Type.Union([Type.String(), Type.Null()]),
    }),
  ]),
  from: Type.Union([
    Type.Object({ kind: Type.Literal('all-but-gp') }),
    Type.Object({
      kind: Type.Literal('practitioner'),
      practitionerId: Type.String(),
      name: Type.Union([Type.String(), Type.Null()]),
    }),
  ]),
  createdAt: Type.String({ format: 'date-time' }),
});
export type AccessRestriction = Static<typeof AccessRestriction>;
