import { apiGetFile } from '../../shared/api/api-client.ts';
import type { DownloadedFile } from '../../shared/api/downloaded-file.ts';

/** The owner's report as a PDF in the interface language (each download is a newly issued report). */
export function downloadDossierPdf(vin: string, language: string): Promise<DownloadedFile> {
  return apiGetFile(`/api/vehicles/${encodeURIComponent(vin)}/dossier`, {
    accept: 'application/pdf',
    headers: { 'Accept-Language': language },
  });
}
