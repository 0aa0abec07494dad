import type { RegisterChangeResult } from '@civitas/contracts/api/register-changes.ts';
import { apiSend } from '../../shared/api/api-client.ts';
import type { DeathDraft, LicenceDraft, OwnerDraft } from './change-forms.ts';

const segment = encodeURIComponent;

/** The police suspend or restore a driving licence. */
export async function changeLicence(request: LicenceDraft): Promise<RegisterChangeResult> {
  const path = `/api/registers/driving-licences/${segment(request.number)}/suspension`;
  const response = await apiSend(request.action === 'suspend' ? 'POST' : 'DELETE', path);
  return (await response.json()) as RegisterChangeResult;
}

/** An official records a death. */
export async function recordDeath(request: DeathDraft): Promise<RegisterChangeResult> {
  const response = await apiSend('POST', `/api/registers/persons/${segment(request.personalNumber)}/death`, {
    deathDate: request.deathDate,
  });
  return (await response.json()) as RegisterChangeResult;
}

/** An official registers a vehicle to its new owner. */
export async function registerNewOwner(request: OwnerDraft): Promise<RegisterChangeResult> {
  const response = await apiSend('POST', `/api/registers/vehicles/${segment(request.vin)}/owner`, {
    ownerId: request.ownerId,
    eventDate: request.eventDate,
  });
  return (await response.json()) as RegisterChangeResult;
}
