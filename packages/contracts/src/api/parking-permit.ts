import { type Static, Type } from '@sinclair/typebox';

/**
 * GET /api/eservices/parking-permit/prefill: what the state registers already know that the
 * resident parking permit's form needs (the once-only principle), whether the citizen may apply,
 * and an account of which registers were asked.
 */

/** Text in each language the app speaks (Polish where this service has it: purposes are being coded). */
export const Localised = Type.Object({
  bg: Type.String(),
  en: Type.String(),
  pl: Type.Optional(Type.String()),
});
export type Localised = Static<typeof Localised>;

export const INELIGIBILITY_REASONS = ['lives-elsewhere', 'no-vehicle'] as const;
export type IneligibilityReason = (typeof INELIGIBILITY_REASONS)[number];

export const PrefillEligibility = Type.Object({
  /** `unknown`: a register needed to decide did not answer; the form is shown all the same. */
  status: Type.Union([Type.Literal('eligible'), Type.Literal('not-eligible'), Type.Literal('unknown')]),
  reasons: Type.Array(Type.Union(INELIGIBILITY_REASONS.map((reason) => Type.Literal(reason)))),
  /** The municipality that issues the permit. */
  municipality: Localised,
});
export type PrefillEligibility = Static<typeof PrefillEligibility>;

export const PrefillVehicle = Type.Object({
  vin: Type.String(),
  plate: Type.String(),
  make: Type.String(),
  model: Type.String(),
  /** Whether every vehicle-tax assessment is paid; null when the tax register did not answer. */
  taxPaid: Type.Union([Type.Boolean(), Type.Null()]),
});
export type PrefillVehicle = Static<typeof PrefillVehicle>;

/** A value a register returned; fields of a register that did not answer are absent. */
export const PrefillField = Type.Object({
  name: Type.String(),
  value: Type.String(),
  /** The `key` of one of the sources. */
  source: Type.String(),
});
export type PrefillField = Static<typeof PrefillField>;

export const SOURCE_STATUSES = ['ok', 'timeout', 'failed'] as const;
export type SourceStatus = (typeof SOURCE_STATUSES)[number];

/** A register asked, by its exchange service id, and how it answered. */
export const PrefillSource = Type.Object({
  key: Type.String(),
  service: Type.String(),
  name: Localised,
  status: Type.Union(SOURCE_STATUSES.map((status) => Type.Literal(status))),
  durationMs: Type.Number(),
  fetchedAt: Type.String(),
  /** A human-readable reason when the status is not 'ok'. */
  error: Type.Optional(Type.String()),
});
export type PrefillSource = Static<typeof PrefillSource>;

export const ParkingPermitPrefill = Type.Object({
  service: Type.Object({ code: Type.String(), title: Localised }),
  /** Decided from the registers before the form is shown: who may not apply is told why. */
  eligibility: PrefillEligibility,
  /** Every vehicle the permit can be for (the form offers a choice); the fields name the first. */
  vehicles: Type.Array(PrefillVehicle),
  /** The declared purpose of the data exchange, shown to the citizen for transparency. */
  purpose: Localised,
  legalBasis: Localised,
  /** The id of the exchange request, under which the access is logged. */
  requestId: Type.String(),
  fields: Type.Array(PrefillField),
  sources: Type.Array(PrefillSource),
});
export type ParkingPermitPrefill = Static<typeof ParkingPermitPrefill>;
