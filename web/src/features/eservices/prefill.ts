/**
 * The contract of GET /api/eservices/{code}/prefill: what the state registers already know that
 * an e-service form needs (the once-only principle), and an account of which registers were asked.
 */
export interface Prefill {
  service: { code: string; title: LocalisedText };
  /** The declared purpose of the data exchange, shown to the citizen for transparency. */
  purpose: string | LocalisedText;
  legalBasis: string | LocalisedText;
  /** The id of the exchange request, under which the access is logged. */
  requestId: string;
  /** Only values a register returned: fields of a register that did not answer are absent. */
  fields: PrefillField[];
  sources: PrefillSource[];
  /** Whether the registers say the citizen may apply, decided before the form is shown. */
  eligibility: PrefillEligibility;
  /** Every vehicle the application can be for; the fields describe the first. */
  vehicles: PrefillVehicle[];
}

export type IneligibilityReason = 'lives-elsewhere' | 'no-vehicle';

export interface PrefillEligibility {
  /** `unknown`: a register needed to decide did not answer; the form is shown all the same. */
  status: 'eligible' | 'not-eligible' | 'unknown';
  reasons: IneligibilityReason[];
  /** The municipality that issues the permit. */
  municipality: LocalisedText;
}

export interface PrefillVehicle {
  vin: string;
  plate: string;
  make: string;
  model: string;
  /** Whether its vehicle tax is paid; null when the tax register did not answer. */
  taxPaid: boolean | null;
}

/** Text in every language the server speaks, keyed by language code ('bg', 'en'). */
export type LocalisedText = Record<string, string>;

export interface PrefillField {
  name: string;
  value: string;
  /** The `key` of one of the sources. */
  source: string;
}

export type SourceStatus = 'ok' | 'timeout' | 'failed';

export interface PrefillSource {
  key: string;
  /** The register's service identifier in the exchange, e.g. 'BG/GOV/000695089/population-register/persons'. */
  service: string;
  name: LocalisedText;
  status: SourceStatus;
  /** A human-readable reason when the status is not 'ok'. */
  error?: string;
  durationMs?: number;
  fetchedAt?: string;
}
