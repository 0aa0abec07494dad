/**
 * A PDF renderer thread (see pdf-pool.ts): renders signed reports as they come and hands back the
 * bytes. Rendering is pure computation (layout, font subsetting, compression), so it runs beside
 * the server's event loop instead of on it.
 */
import { parentPort } from 'node:worker_threads';
import type { SignedReport } from '@civitas/contracts/api/vehicle-report.ts';
import { type PdfOptions, renderReportPdf } from './pdf.ts';

export interface RenderJob {
  id: number;
  report: SignedReport;
  options: PdfOptions;
}

export type RenderResult = { id: number; pdf: Uint8Array } | { id: number; error: string };

parentPort?.on('message', (job: RenderJob) => {
  renderReportPdf(job.report, job.options).then(
    (pdf) => {
      const bytes = new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
      const result: RenderResult = { id: job.id, pdf: bytes };
      parentPort?.postMessage(result);
    },
    (error: unknown) => {
      const result: RenderResult = {
        id: job.id,
        error: error instanceof Error ? error.message : String(error),
      };
      parentPort?.postMessage(result);
    },
  );
});
