import type { IssuedReport, ReportVerdict } from '@civitas/contracts/api/vehicle-report.ts';
import { AppError } from '../../kernel/index.ts';
import { canonicalReportJson, referenceShape, verifyReport } from './signing.ts';
import { type ReportStore, sha256Hex } from './store.ts';
import type { DossierReportRow } from './tables.ts';

/** A signed JSON report: its signature, its reference and that it is the body issued under it. */
export async function verifyReportJson(store: ReportStore, input: unknown): Promise<ReportVerdict> {
  const checked = await verifyReport(input, (kid) => store.verificationKey(kid));
  if (!checked.valid) {
    const reason = checked.reason === 'bad-signature' ? 'altered' : checked.reason;
    return { valid: false, reason, detail: describe(reason, checked.detail) };
  }
  const row = await store.byReference(checked.body.reference);
  if (!row) {
    return {
      valid: false,
      reason: 'unknown-reference',
      detail: `No report ${checked.body.reference} was issued here.`,
    };
  }
  if (row.body_sha256 !== sha256Hex(canonicalReportJson(checked.body))) {
    return {
      valid: false,
      reason: 'altered',
      detail: 'The report differs from the one issued under its reference.',
    };
  }
  return verdictOf(
    row,
    'The report is authentic and unchanged: signed by Civitas and issued under this reference.',
  );
}

/** A PDF report: authentic only byte for byte as issued; a changed copy is told by the reference it names. */
export async function verifyReportPdf(store: ReportStore, pdf: Buffer): Promise<ReportVerdict> {
  if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') {
    return { valid: false, reason: 'malformed', detail: 'The file is not a PDF.' };
  }
  const row = await store.byPdfHash(sha256Hex(pdf));
  if (row)
    return verdictOf(
      row,
      'The PDF is authentic and unchanged: it is byte for byte the one issued under this reference.',
    );
  const named = /VR-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}/.exec(
    pdf.toString('latin1'),
  )?.[0];
  const issued = named ? await store.byReference(named) : null;
  return {
    valid: false,
    reason: issued ? 'altered' : 'unknown-reference',
    detail: issued
      ? `The PDF names report ${issued.reference}, but it is not the PDF issued under it: it was changed.`
      : 'The PDF is not one that Civitas issued.',
    ...(issued ? { reference: issued.reference } : {}),
  };
}

/** What a report reference was issued for (the QR code on a PDF leads here). */
export async function issuedReport(store: ReportStore, reference: string): Promise<IssuedReport> {
  const typed = referenceShape(reference);
  if (!typed) throw new AppError('validation-failed', 'This is not a report reference (VR-XXXX-XXXX-XXXX).');
  // A reference whose check symbol does not match was never issued: it is unknown, most
  // likely mistyped, but it is a reference all the same.
  const row = typed.checks ? await store.byReference(typed.reference) : undefined;
  if (!row)
    throw new AppError(
      'report-not-found',
      typed.checks
        ? `No report ${typed.reference} was issued here.`
        : `No report ${typed.reference} was issued here: its last symbol does not match the others, so it may be mistyped.`,
    );
  return {
    reference: row.reference,
    vin: row.vin,
    issuedAt: row.issued_at.toISOString(),
    viewer: row.viewer,
    partial: row.partial,
    pdfIssued: row.pdf_sha256 !== null,
  };
}

function verdictOf(row: DossierReportRow, detail: string): ReportVerdict {
  return {
    valid: true,
    detail,
    reference: row.reference,
    vin: row.vin,
    issuedAt: row.issued_at.toISOString(),
    viewer: row.viewer,
    partial: row.partial,
  };
}

function describe(reason: string, detail: string): string {
  if (reason === 'altered')
    return 'The signature does not match the report: it was changed after it was signed.';
  if (reason === 'unknown-key') return 'The report is signed with a key Civitas does not know.';
  return `The file is not a signed vehicle report (${detail}).`;
}
