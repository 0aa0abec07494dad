/**
 * The vehicle history report as the API sends it. The report's own types come from the server's
 * schema (types only: nothing of the server is bundled), so a change there fails `tsc -p web`.
 */
import type { SignedReport } from '@civitas/contracts/api/vehicle-report.ts';

export type { SignedReport, SourceKey, Viewer } from '@civitas/contracts/api/vehicle-report.ts';

export type OdometerAnalysis = NonNullable<SignedReport['odometer']>;
export type OdometerVerdict = OdometerAnalysis['verdict'];
export type Registration = NonNullable<SignedReport['registration']>;
export type Inspection = NonNullable<SignedReport['inspections']>[number];
export type ReportSource = SignedReport['sources'][number];

/** Why a checked file was rejected (POST /api/vehicle-reports/verify). */
export const REJECTION_REASONS = [
  'malformed',
  'unknown-key',
  'bad-signature',
  'not-a-report',
  'unknown-reference',
  'altered',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/** The answer of POST /api/vehicle-reports/verify. */
export interface ReportVerdict {
  valid: boolean;
  reason?: RejectionReason;
  /** The server's explanation, in English. */
  detail: string;
  reference?: string;
  vin?: string;
  issuedAt?: string;
  viewer?: string;
  partial?: boolean;
}

/** The answer of GET /api/vehicle-reports/{reference}: what the register of issued reports says. */
export interface IssuedReport {
  reference: string;
  vin: string;
  issuedAt: string;
  viewer: string;
  partial: boolean;
  pdfIssued: boolean;
}

/** The request body of POST /api/vehicle-reports: one vehicle key and one second fact. */
export type PublicReportRequest = ({ vin: string } | { plate: string }) &
  ({ firstRegistrationDate: string } | { registrationCertificateNumber: string });
