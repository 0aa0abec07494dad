import type { TFunction } from 'i18next';
import { ApiError } from '../../shared/api/api-error.ts';
import { describeError, type ErrorDescription, serverDetail } from '../../shared/api/describe-error.ts';

/**
 * What to tell a visitor whose vehicle check failed. A 404 must not say whether the vehicle or
 * the fact was wrong (the server answers both alike on purpose), and the server's English detail
 * adds nothing to the codes the form knows, so those are told in the visitor's language only.
 */
export function describeVehicleCheckError(error: unknown, t: TFunction): ErrorDescription {
  if (error instanceof ApiError) {
    if (error.status === 429) return { title: t('vehicleCheck.errors.rateLimited'), detail: null };
    switch (error.problem?.code) {
      case 'vehicle-not-found':
        return { title: t('vehicleCheck.errors.notFound'), detail: t('vehicleCheck.errors.notFoundHint') };
      case 'invalid-vin':
        return { title: t('problems.invalid-vin'), detail: serverDetail(error.problem.detail, t) };
      case 'invalid-plate':
        return { title: t('vehicleCheck.errors.invalidPlate'), detail: null };
    }
  }
  return describeError(error, t);
}
