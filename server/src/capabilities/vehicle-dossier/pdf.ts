/**
 * The PDF form of a signed vehicle report: A4, DejaVu Sans embedded (Cyrillic and Polish), a QR code to the
 * verification page, and the signed JSON attached as `report.json` so that anyone holding the PDF can
 * check the signature. The same report renders to the same bytes: every date in the file is the
 * report's `issuedAt` and pdfkit derives the document ID from those dates.
 */

import type { SignedReport } from '@civitas/contracts/api/vehicle-report.ts';
import { canonicalJson } from '@civitas/contracts/canonical-json.ts';
import { decodeProtectedHeader } from 'jose';
import PDFDocument from 'pdfkit';
import { nameOf } from './pdf-code-labels.ts';
import { PDF_LABELS, type PdfLabels, type PdfLanguage } from './pdf-labels.ts';
import {
  banner,
  body,
  COLOUR,
  contentWidth,
  type Doc,
  documentFonts,
  FONT,
  paragraph,
  registerFonts,
  SIZE,
} from './pdf-layout.ts';
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

const MARGIN = { top: 48, bottom: 56, left: 50, right: 50 };
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
  const doc = createDocument(report, options, t);
  const bytes = collect(doc);
  const context: SectionContext = { doc, t, report };
  header(context, options.verifyUrl);
  warnings(context);
  for (const section of SECTIONS) section(context);
  signatureNote(context);
  attachReport(doc, report);
  footers(doc, t, report.reference);
  doc.end();
  return bytes;
}

/** An A4 document whose metadata (and so its ID) depends on the report alone. */
function createDocument(report: SignedReport, options: PdfOptions, t: PdfLabels): Doc {
  const issued = new Date(report.issuedAt);
  const fonts = documentFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    compress: options.compress ?? true,
    // The font object itself: no name is registered yet while the document is made.
    font: fonts.regular as unknown as string,
    lang: options.language,
    displayTitle: true,
    info: {
      Title: `${t.title} ${report.reference}`,
      Subject: report.vin,
      Author: report.issuer,
      Producer: 'Civitas',
      Creator: 'Civitas vehicle dossier',
      CreationDate: issued,
      ModDate: issued,
    },
  });
  registerFonts(doc, fonts);
  body(doc);
  return doc;
}

function collect(doc: Doc): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
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
  keyValuesBeside(doc, width, [
    [t.reference, report.reference],
    [t.issuedAt, t.formatDateTime(report.issuedAt)],
    [t.issuer, report.issuer],
    [t.viewer, t.viewers[report.viewer]],
  ]);
  doc.y = Math.max(doc.y, top + QR_SIZE) + 4;
  doc.font(FONT.regular).fontSize(SIZE.small).fillColor(COLOUR.accent);
  doc.text(t.checkAt(verifyUrl), left, doc.y, { width: contentWidth(doc), align: 'right', link: verifyUrl });
  body(doc);
}

/** Label–value rows in a column narrower than the page (beside the QR code). */
function keyValuesBeside(doc: Doc, width: number, rows: readonly (readonly [string, string])[]): void {
  const { left } = doc.page.margins;
  for (const [label, value] of rows) {
    const y = doc.y;
    doc.font(FONT.regular).fillColor(COLOUR.muted).text(label, left, y, { width: 120 });
    doc
      .font(FONT.bold)
      .fillColor(COLOUR.text)
      .text(value, left + 124, y, { width: width - 124 });
    doc.y = Math.max(doc.y, y + 12);
  }
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

/** Reference and page numbers at the foot of every page. */
function footers(doc: Doc, t: PdfLabels, reference: string): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const { bottom, left } = doc.page.margins;
    // Text below the bottom margin would make pdfkit start a new page: lift the margin while writing.
    doc.page.margins.bottom = 0;
    doc.font(FONT.regular).fontSize(SIZE.small).fillColor(COLOUR.muted);
    doc.text(t.footer(reference, i + 1, count), left, doc.page.height - bottom + 18, {
      width: contentWidth(doc),
      align: 'center',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
}
