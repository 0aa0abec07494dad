import { type DownloadedFile, downloadedFile } from '../../shared/api/downloaded-file.ts';
import { publicFetch } from '../../shared/api/public-client.ts';
import type { PublicReportRequest, SignedReport } from './report.ts';

const PUBLIC_REPORTS = '/api/vehicle-reports';

/** Anyone's report on a vehicle, given its VIN or plate and a second fact. */
export async function requestPublicReport(
  request: PublicReportRequest,
  signal?: AbortSignal,
): Promise<SignedReport> {
  const response = await publicFetch(PUBLIC_REPORTS, {
    method: 'POST',
    accept: 'application/json',
    contentType: 'application/json',
    body: JSON.stringify(request),
    signal,
  });
  return (await response.json()) as SignedReport;
}

/** The same as a PDF, in the interface language. The server issues it as a new report. */
export async function requestPublicReportPdf(
  request: PublicReportRequest,
  language: string,
): Promise<DownloadedFile> {
  const response = await publicFetch(PUBLIC_REPORTS, {
    method: 'POST',
    accept: 'application/pdf',
    contentType: 'application/json',
    headers: { 'Accept-Language': language },
    body: JSON.stringify(request),
  });
  return downloadedFile(response);
}
