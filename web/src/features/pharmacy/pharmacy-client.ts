import type {
  DispenseRecorded,
  FindPrescription,
  PharmacyPrescription,
} from '@civitas/contracts/api/prescriptions.ts';
import { apiSend } from '../../shared/api/api-client.ts';

export type { DispenseRecorded, PharmacyPrescription };

/** The prescription with this number, if its patient has this personal number (sent in the body, never the URL). */
export async function findPrescription(request: FindPrescription): Promise<PharmacyPrescription> {
  return (await (
    await apiSend('POST', '/api/health/prescriptions/lookup', request)
  ).json()) as PharmacyPrescription;
}

/**
 * Hands over `quantity` packs. The key names this one hand-over: sent again (a retry after a lost
 * answer), the server answers the first dispense instead of recording a second.
 */
export async function dispensePrescription(
  number: string,
  body: { patient: string; quantity: number },
  idempotencyKey: string,
): Promise<DispenseRecorded> {
  const response = await apiSend(
    'POST',
    `/api/health/prescriptions/${encodeURIComponent(number)}/dispenses`,
    body,
    { 'Idempotency-Key': idempotencyKey },
  );
  return (await response.json()) as DispenseRecorded;
}
