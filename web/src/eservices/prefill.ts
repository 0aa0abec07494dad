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
