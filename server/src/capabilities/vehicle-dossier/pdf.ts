/**
 * The PDF form of a signed vehicle report: A4, DejaVu Sans embedded (Cyrillic and Polish), a QR code to the
 * verification page, and the signed JSON attached as `report.json` so that anyone holding the PDF can
 * check the signature. The same report renders to the same bytes: every date in the file is the
 * report's `issuedAt` and pdfkit derives the document ID from those dates.
 */

import type { SignedReport } from '@civitas/contracts/api/vehicle-report.ts';
import { canonicalJson } from '@civitas/contracts/canonical-json.ts';
import { decodeProtectedHeader } from 'jose';
import {
  banner,
  body,
  COLOUR,
  contentWidth,
  createDocument,
  type Doc,
  FONT,
  footers,
  keyValueLines,
  paragraph,
  SIZE,
} from '../../documents/index.ts';
import { nameOf } from './pdf-code-labels.ts';
import { PDF_LABELS, type PdfLanguage } from './pdf-labels.ts';
import { drawQrCode } from './pdf-qr.ts';
import {
  deregistrationSection,
  finesSection,
  inspectionsSection,
  insuranceSection,
  odometerSection,
  registrationSection,
  type SectionContext,
  sourcesSection,
  taxSection,
  technicalSection,
  theftSection,
} from './pdf-sections.ts';

export interface PdfOptions {
  /** The public verification page of this report (the QR code's target). */
  verifyUrl: string;
  language: PdfLanguage;
  /** Compress page content (default true); off only to inspect the PDF's text in tests. */
  compress?: boolean;
}

const QR_SIZE = 92;
const SECTIONS = [
  technicalSection,
  registrationSection,
  theftSection,
  deregistrationSection,
  inspectionsSection,
  odometerSection,
  insuranceSection,
  finesSection,
  taxSection,
  sourcesSection,
];

/** Renders a signed report as a PDF document. */
export async function renderReportPdf(report: SignedReport, options: PdfOptions): Promise<Buffer> {
  const t = PDF_LABELS[options.language];
  const issued = new Date(report.issuedAt);
  // Every date in the file is the report's: the document's ID, and so its bytes, depend on the report alone.
  const { doc, bytes } = createDocument({
    title: `${t.title} ${report.reference}`,
    subject: report.vin,
    author: report.issuer,
    creator: 'Civitas vehicle dossier',
    language: options.language,
    created: issued,
    ...(options.compress === undefined ? {} : { compress: options.compress }),
  });
  const context: SectionContext = { doc, t, report };
  header(context, options.verifyUrl);
  warnings(context);
  for (const section of SECTIONS) section(context);
  signatureNote(context);
  attachReport(doc, report);
  footers(doc, (page, pages) => t.footer(report.reference, page, pages));
  doc.end();
  return bytes;
}

/** Title, vehicle, reference and issue details on the left; the QR code to the verification page on the right. */
function header({ doc, t, report }: SectionContext, verifyUrl: string): void {
  const { left, top } = doc.page.margins;
  const width = contentWidth(doc) - QR_SIZE - 12;
  const qrLeft = left + contentWidth(doc) - QR_SIZE;
  drawQrCode(doc, verifyUrl, qrLeft, top - 8, QR_SIZE);
  doc.link(qrLeft, top - 8, QR_SIZE, QR_SIZE, verifyUrl);
  doc.font(FONT.bold).fontSize(SIZE.title).fillColor(COLOUR.text).text(t.title, left, top, { width });
  const vehicle = report.technical
    ? `${report.technical.make} ${report.technical.model}, ${report.technical.modelYear} · `
    : '';
  doc
    .font(FONT.regular)
    .fontSize(SIZE.heading - 1)
    .fillColor(COLOUR.muted)
    .text(`${vehicle}VIN ${report.vin}`, { width });
  doc.moveDown(0.5);
  body(doc);
  keyValueLines(
    doc,
    [
      [t.reference, report.reference],
      [t.issuedAt, t.formatDateTime(report.issuedAt)],
      [t.issuer, report.issuer],
      [t.viewer, t.viewers[report.viewer]],
    ],
    { labelWidth: 120, width },
  );
  doc.y = Math.max(doc.y, top + QR_SIZE) + 4;
  doc.font(FONT.regular).fontSize(SIZE.small).fillColor(COLOUR.accent);
  doc.text(t.checkAt(verifyUrl), left, doc.y, { width: contentWidth(doc), align: 'right', link: verifyUrl });
  body(doc);
}

/** Banners for what a reader must see first: a stolen vehicle and a partial report. */
function warnings({ doc, t, report }: SectionContext): void {
  doc.moveDown(0.5);
  if (report.theft?.stolen) {
    banner(
      doc,
      t.stolenBanner(report.theft.since && t.formatDate(report.theft.since)),
      [t.theft.stolen(null)],
      'danger',
    );
  }
  const missing = report.sources.filter((source) => source.status === 'missing');
  if (report.partial || missing.length > 0) {
    const lines = missing.map((source) => {
      const why = t.registerErrors && source.error ? ` (${source.error})` : '';
      return `• ${t.sources.keys[source.key]}: ${nameOf(t.codes.registers, source.register)}${why}`;
    });
    banner(doc, t.partialTitle, [t.partialText, ...lines], 'warning');
  }
}

/** Who signed the report, and that the signed data is attached. */
function signatureNote({ doc, t, report }: SectionContext): void {
  doc.moveDown(1.2);
  paragraph(doc, t.signedNote(report.issuer, signingKeyId(report.signature)), COLOUR.muted);
}

/** The `kid` in the signature's protected header, or a dash if it cannot be read. */
function signingKeyId(signature: string): string {
  try {
    return decodeProtectedHeader(signature).kid ?? '—';
  } catch {
    return '—';
  }
}

/** Attaches the signed report (canonical JSON) as `report.json`, dated like the document. */
function attachReport(doc: Doc, report: SignedReport): void {
  const issued = new Date(report.issuedAt);
  doc.file(Buffer.from(canonicalJson(report)), {
    name: 'report.json',
    type: 'application/json',
    description: 'Signed vehicle report (JSON with a detached JWS in "signature")',
    creationDate: issued,
    modifiedDate: issued,
  });
}
