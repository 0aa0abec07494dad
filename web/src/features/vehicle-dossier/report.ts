/**
 * The vehicle history report as the API sends it: the types are the contract's
 * (`@civitas/contracts/api/vehicle-report.ts`), the same the server's routes validate with.
 */
import type { SignedReport } from '@civitas/contracts/api/vehicle-report.ts';

export type { SignedReport, SourceKey, Viewer } from '@civitas/contracts/api/vehicle-report.ts';

export type OdometerAnalysis = NonNullable<SignedReport['odometer']>;
export type OdometerVerdict = OdometerAnalysis['verdict'];
export type Registration = NonNullable<SignedReport['registration']>;
export type Inspection = NonNullable<SignedReport['inspections']>[number];
export type ReportSource = SignedReport['sources'][number];

export {
  type IssuedReport,
  type PublicReportRequest,
  REJECTION_REASONS,
  type RejectionReason,
  type ReportVerdict,
} from '@civitas/contracts/api/vehicle-report.ts';
