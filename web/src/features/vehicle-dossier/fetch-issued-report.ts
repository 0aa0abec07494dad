import { publicFetch } from '../../shared/api/public-client.ts';
import type { IssuedReport } from './report.ts';

/** What the platform's record of issued reports says about a reference (the PDF's QR code). */
export async function fetchIssuedReport(reference: string, signal: AbortSignal): Promise<IssuedReport> {
  const response = await publicFetch(`/api/vehicle-reports/${encodeURIComponent(reference)}`, {
    accept: 'application/json',
    signal,
  });
  return (await response.json()) as IssuedReport;
}
