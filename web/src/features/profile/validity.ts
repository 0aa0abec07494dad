import type { DrivingLicenceStatus, IdentityDocumentStatus } from '@civitas/contracts/api/profile.ts';
import type { BadgeTone } from '../../shared/ui/Badge.tsx';

export type Validity = IdentityDocumentStatus | DrivingLicenceStatus | 'expired';

/**
 * The status a person should see. A register may still say 'valid' for a document whose date
 * has passed, so the date is checked too; a reported loss or theft outranks expiry.
 * Dates are compared as 'YYYY-MM-DD' strings: a document is valid through its last day.
 */
export function effectiveValidity(
  recorded: IdentityDocumentStatus | DrivingLicenceStatus,
  validUntil: string,
  today: string,
): Validity {
  if (recorded !== 'valid') return recorded;
  return validUntil < today ? 'expired' : 'valid';
}

export function validityTone(validity: Validity): BadgeTone {
  switch (validity) {
    case 'valid':
      return 'success';
    case 'expired':
    case 'suspended':
      return 'warning';
    case 'lost':
    case 'stolen':
    case 'destroyed':
    case 'withdrawn':
      return 'danger';
  }
}
