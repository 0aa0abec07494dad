import type { PersonCard } from '@civitas/contracts/api/profile.ts';
import { apiGet, apiGetFile } from '../../shared/api/api-client.ts';
import type { DownloadedFile } from '../../shared/api/downloaded-file.ts';
import type { SignedReport } from '../vehicle-dossier/report.ts';
import { groundsHeaders, type LookupRequest } from './lookup-form.ts';

/** What an official sees of a person (GET /api/persons/{egn}); the type is the server's schema's. */
export type { PersonCard };

type PersonLookup = Extract<LookupRequest, { kind: 'person' }>;
type VehicleLookup = Extract<LookupRequest, { kind: 'vehicle' }>;

export function lookUpPerson(request: PersonLookup, signal: AbortSignal): Promise<PersonCard> {
  return apiGet<PersonCard>(`/api/persons/${encodeURIComponent(request.personalNumber)}`, {
    signal,
    headers: groundsHeaders(request),
  });
}

export function lookUpVehicle(request: VehicleLookup, signal: AbortSignal): Promise<SignedReport> {
  return apiGet<SignedReport>(`/api/vehicles/${encodeURIComponent(request.vin)}/dossier`, {
    signal,
    headers: groundsHeaders(request),
  });
}

/** The same vehicle's report as a PDF: a new report, and a new recorded lookup on the same grounds. */
export function downloadVehiclePdf(request: VehicleLookup, language: string): Promise<DownloadedFile> {
  return apiGetFile(`/api/vehicles/${encodeURIComponent(request.vin)}/dossier`, {
    accept: 'application/pdf',
    headers: { ...groundsHeaders(request), 'Accept-Language': language },
  });
}
