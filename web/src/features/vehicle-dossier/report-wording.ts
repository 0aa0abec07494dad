/**
 * Which words and tones the report screens use for the report's coded values. The words
 * themselves are in the locale files (`vehicleReport.*`); these choose among them.
 */
import type { BadgeTone } from '../../shared/ui/Badge.tsx';
import {
  type OdometerVerdict,
  REJECTION_REASONS,
  type RejectionReason,
  type ReportVerdict,
} from './report.ts';

export function odometerVerdictTone(verdict: OdometerVerdict): BadgeTone {
  switch (verdict) {
    case 'consistent':
      return 'success';
    case 'rollback':
      return 'danger';
    case 'implausible':
      return 'warning';
    case 'insufficient-data':
      return 'neutral';
  }
}

export function registrationStatusTone(status: 'registered' | 'deregistered' | 'scrapped'): BadgeTone {
  return status === 'registered' ? 'success' : status === 'deregistered' ? 'warning' : 'danger';
}

/** A rejection reason the app has words for; a reason added on the server later reads as 'unknown'. */
export function rejectionReason(verdict: ReportVerdict): RejectionReason | 'unknown' {
  const reason = verdict.reason;
  return reason && (REJECTION_REASONS as readonly string[]).includes(reason) ? reason : 'unknown';
}

/** `claimed`: the file names this page's report but is not what was issued under it. */
export type ReferenceMatch = 'same' | 'claimed' | 'different' | 'not-named';

/**
 * Whether a checked file is the report this page is about. Only said when the page names a
 * reference (`/verify/<reference>`); null on the upload-only page.
 */
export function referenceMatch(pageReference: string | null, verdict: ReportVerdict): ReferenceMatch | null {
  if (pageReference === null) return null;
  if (!verdict.reference) return 'not-named';
  if (verdict.reference.toUpperCase() !== pageReference.trim().toUpperCase()) return 'different';
  return verdict.valid ? 'same' : 'claimed';
}

/** Implausible stretches: a rate over time, or a reading dated after the report (it has no rate). */
export function implausibleKind(stretch: { fromDate: string; toDate: string; kmPerYear: number }) {
  return stretch.kmPerYear === 0 && stretch.fromDate === stretch.toDate ? 'future' : 'rate';
}
