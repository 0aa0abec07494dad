import type { Generated } from 'kysely';

export const APPLICATION_STATUSES = [
  'submitted',
  'in-review',
  'more-information-requested',
  'approved',
  'refused',
  'withdrawn',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export interface DraftRow {
  id: string;
  /** The applicant's personal number (the subject key). */
  subject: string;
  service_code: string;
  service_version: number;
  /** The form data as JSON text. */
  data: string;
  created_at: Date;
  updated_at: Date;
}

export interface ApplicationRow {
  id: string;
  /** One application per draft: a second submission answers the first one. */
  draft_id: string;
  subject: string;
  service_code: string;
  service_version: number;
  administration_id: string;
  data: string;
  /** The applicant's JAdES compact JWS over the canonical JSON of the submission. */
  signature: string;
  status: ApplicationStatus;
  submitted_at: Date;
  due_at: Date;
  decided_at: Date | null;
}

/** Append-only: the code only inserts into it (see store.ts); every action on an application. */
export interface HistoryRow {
  seq: Generated<number>;
  application_id: string;
  subject: string;
  at: Date;
  actor: 'applicant' | 'official' | 'system';
  action: string;
  status: ApplicationStatus;
  note: string | null;
  /** The official's personal number when an official acted (kept internal). */
  official: string | null;
}

export interface EservicesTables {
  'eservices.drafts': DraftRow;
  'eservices.applications': ApplicationRow;
  'eservices.history': HistoryRow;
}
