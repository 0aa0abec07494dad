import type { SignedReport } from '@civitas/contracts/api/vehicle-report.ts';
import { afterAll, describe, expect, it } from 'vitest';
import { renderReportPdf } from './pdf.ts';
import { PdfRendererPool } from './pdf-pool.ts';
import { generateReportKey, signReport } from './signing.ts';
import { SAMPLE_REFERENCE, sampleReportBody } from './test-fixtures.ts';

const options = {
  verifyUrl: `https://civitas.example.bg/verify/${SAMPLE_REFERENCE}`,
  language: 'bg' as const,
};

describe('rendering PDFs on worker threads', () => {
  const pool = new PdfRendererPool(2);
  afterAll(() => pool.close());

  it('renders the same bytes as rendering in the process, several at once', async () => {
    const key = await generateReportKey();
    const reports = await Promise.all(
      ['VR-2HVS-8RAH-8JDM', 'VR-3J7K-9M2P-4QRT', 'VR-5W8X-6Y1Z-7ABC'].map((reference) =>
        signReport(sampleReportBody({ reference }), key),
      ),
    );
    const pooled = await Promise.all(reports.map((report) => pool.render(report, options)));
    const direct = await Promise.all(reports.map((report) => renderReportPdf(report, options)));
    for (const [i, pdf] of pooled.entries()) {
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(Buffer.compare(pdf, direct[i]!)).toBe(0);
    }
    expect(Buffer.compare(pooled[0]!, pooled[1]!)).not.toBe(0);
  }, 60_000);

  it('fails a job it cannot render with the reason, and goes on rendering', async () => {
    const key = await generateReportKey();
    const broken = { ...(await signReport(sampleReportBody(), key)), inspections: 'not a list' };
    await expect(pool.render(broken as unknown as SignedReport, options)).rejects.toThrow(
      /the PDF could not be rendered/,
    );
    const report = await signReport(sampleReportBody(), key);
    expect((await pool.render(report, options)).subarray(0, 5).toString()).toBe('%PDF-');
  }, 60_000);

  it('refuses work once closed', async () => {
    const closed = new PdfRendererPool(1);
    await closed.close();
    const key = await generateReportKey();
    await expect(closed.render(await signReport(sampleReportBody(), key), options)).rejects.toThrow(/closed/);
  });
});
