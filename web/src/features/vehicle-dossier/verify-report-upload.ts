import { publicFetch } from '../../shared/api/public-client.ts';
import type { ReportVerdict } from './report.ts';
import type { ReportUpload } from './report-upload.ts';

/** Asks the platform whether a report file is one it signed and issued, unchanged. */
export async function verifyReportUpload(
  upload: Extract<ReportUpload, { kind: 'pdf' | 'json' }>,
): Promise<ReportVerdict> {
  const response = await publicFetch('/api/vehicle-reports/verify', {
    method: 'POST',
    accept: 'application/json',
    contentType: upload.contentType,
    body: upload.body,
  });
  return (await response.json()) as ReportVerdict;
}
