/**
 * The one layout of the platform's PDFs (the vehicle report, the patient summary, the health
 * record's documents): an A4 page with the fonts registered, a title, section headings with a rule,
 * label–value rows, tables with a shaded header, boxes for what the reader must not miss, and a
 * line at the foot of every page. A document says only what it shows; how it looks is decided here.
 */
import PDFDocument from 'pdfkit';
import { type Doc, documentFonts, FONT, registerFonts } from './pdf-fonts.ts';

export const SIZE = { body: 9, small: 7.5, heading: 12.5, title: 17 } as const;
export const COLOUR = {
  text: '#1a1a1a',
  muted: '#5a5a5a',
  rule: '#c8ccd2',
  headerFill: '#eef1f5',
  accent: '#1f4e9c',
  danger: '#b00020',
  dangerFill: '#fde7e9',
  warning: '#7a4f00',
  warningFill: '#fff3d1',
  ok: '#1e6b34',
} as const;

const MARGIN = { top: 48, bottom: 56, left: 50, right: 50 };
/** Room a heading keeps below it on its page (itself, its rule and the start of its section). */
const HEADING_KEEP = 80;

export interface DocumentInfo {
  /** The document's title (the PDF viewer shows it instead of the file name). */
  title: string;
  /** The language of its text (BCP 47), for screen readers. */
  language: string;
  /** Every date in the file: pdfkit derives the document ID from them, so the same input gives the same bytes. */
  created: Date;
  /** The part of the platform that made it ("Civitas vehicle dossier"). */
  creator: string;
  subject?: string;
  author?: string;
  /** Page content compressed (default); off only to inspect a PDF's text in tests. */
  compress?: boolean;
}

/** An A4 document with the fonts registered, and a promise of its bytes once it is ended. */
export function createDocument(info: DocumentInfo): { doc: Doc; bytes: Promise<Buffer> } {
  const fonts = documentFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    compress: info.compress ?? true,
    // The font object itself: no name is registered yet while the document is made.
    font: fonts.regular as unknown as string,
    lang: info.language,
    displayTitle: true,
    info: {
      Title: info.title,
      ...(info.subject === undefined ? {} : { Subject: info.subject }),
      ...(info.author === undefined ? {} : { Author: info.author }),
      Producer: 'Civitas',
      Creator: info.creator,
      CreationDate: info.created,
      ModDate: info.created,
    },
  });
  registerFonts(doc, fonts);
  body(doc);
  const chunks: Buffer[] = [];
  const bytes = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, bytes };
}

/** Body text style. */
export function body(doc: Doc): Doc {
  return doc.font(FONT.regular).fontSize(SIZE.body).fillColor(COLOUR.text);
}

export function contentWidth(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

/** Starts a new page unless `height` points still fit above the bottom margin. */
export function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

/** The document's title, large and bold, across the content width. */
export function title(doc: Doc, text: string): void {
  doc
    .font(FONT.bold)
    .fontSize(SIZE.title)
    .fillColor(COLOUR.text)
    .text(text, doc.page.margins.left, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.4);
  body(doc);
}

/** A section heading with a rule under it, kept on the same page as the start of its section. */
export function heading(doc: Doc, text: string): void {
  ensureSpace(doc, HEADING_KEEP);
  doc.moveDown(0.8);
  const left = doc.page.margins.left;
  doc.font(FONT.bold).fontSize(SIZE.heading).fillColor(COLOUR.accent).text(text, left, doc.y);
  const y = doc.y + 2;
  doc
    .moveTo(left, y)
    .lineTo(left + contentWidth(doc), y)
    .lineWidth(0.6)
    .strokeColor(COLOUR.accent)
    .stroke();
  doc.y = y + 6;
  body(doc);
}

/** A paragraph of body text across the content width. */
export function paragraph(doc: Doc, text: string, colour: string = COLOUR.text, bold = false): void {
  doc
    .font(bold ? FONT.bold : FONT.regular)
    .fontSize(SIZE.body)
    .fillColor(colour)
    .text(text, doc.page.margins.left, doc.y, { width: contentWidth(doc) });
  body(doc);
}

export type Tone = 'danger' | 'warning';

/** A filled box with a bold title and lines of text, for warnings the reader must not miss. */
export function banner(doc: Doc, title: string, lines: readonly string[], tone: Tone): void {
  box(doc, { title, titleSize: SIZE.heading, lines, tone, border: 1.2 });
}

/** A smaller box of one bold sentence in the body size (a note beside the document's facts). */
export function notice(doc: Doc, text: string, tone: Tone = 'warning'): void {
  box(doc, { title: text, titleSize: SIZE.body, lines: [], tone, border: 1 });
}

function box(
  doc: Doc,
  {
    title,
    titleSize,
    lines,
    tone,
    border,
  }: { title: string; titleSize: number; lines: readonly string[]; tone: Tone; border: number },
): void {
  const width = contentWidth(doc);
  const padding = 8;
  const text = lines.join('\n');
  doc.font(FONT.bold).fontSize(titleSize);
  const titleHeight = doc.heightOfString(title, { width: width - 2 * padding });
  doc.font(FONT.regular).fontSize(SIZE.body);
  const textHeight = text ? doc.heightOfString(text, { width: width - 2 * padding }) + 3 : 0;
  const height = titleHeight + textHeight + 2 * padding;
  ensureSpace(doc, height + 8);
  const { left } = doc.page.margins;
  const top = doc.y + 4;
  const [ink, fill] =
    tone === 'danger' ? [COLOUR.danger, COLOUR.dangerFill] : [COLOUR.warning, COLOUR.warningFill];
  doc.rect(left, top, width, height).lineWidth(border).fillAndStroke(fill, ink);
  doc.font(FONT.bold).fontSize(titleSize).fillColor(ink);
  doc.text(title, left + padding, top + padding, { width: width - 2 * padding });
  if (text) {
    doc.font(FONT.regular).fontSize(SIZE.body).fillColor(COLOUR.text);
    doc.text(text, left + padding, doc.y + 3, { width: width - 2 * padding });
  }
  doc.x = left;
  doc.y = top + height + 6;
  body(doc);
}

/**
 * Label–value lines without rules: the label muted, the value bold beside it, in a column
 * `width` wide (the content width unless something stands beside it). A row without a value is
 * left out.
 */
export function keyValueLines(
  doc: Doc,
  rows: readonly (readonly [string, string])[],
  { labelWidth = 140, width = contentWidth(doc) }: { labelWidth?: number; width?: number } = {},
): void {
  const { left } = doc.page.margins;
  for (const [label, value] of rows) {
    if (!value) continue;
    const y = doc.y;
    doc.font(FONT.regular).fillColor(COLOUR.muted).text(label, left, y, { width: labelWidth });
    doc
      .font(FONT.bold)
      .fillColor(COLOUR.text)
      .text(value, left + labelWidth + 4, y, { width: width - labelWidth - 4 });
    doc.y = Math.max(doc.y, y + 12);
  }
  body(doc);
}

/** A table cell: text, or text with its own colour or in bold. */
export type Cell = string | { text: string; colour?: string; bold?: boolean };

/** Label–value rows ruled like a table: labels muted on the left, values on the right. */
export function keyValues(doc: Doc, rows: readonly (readonly [string, Cell])[]): void {
  const line = { top: 0, right: 0, bottom: 0.4, left: 0 };
  doc.table({
    position: { x: doc.page.margins.left },
    columnStyles: [190, '*'],
    defaultStyle: { border: line, borderColor: COLOUR.rule, padding: [3, 4] },
    data: rows.map(([label, value]) => [{ text: label, textColor: COLOUR.muted }, cellOptions(value)]),
  });
  afterTable(doc);
}

/** A table with a shaded bold header row; `widths` as pdfkit column widths (points or '*'). */
export function table(
  doc: Doc,
  header: readonly string[],
  rows: readonly (readonly Cell[])[],
  widths: readonly (number | string)[],
): void {
  doc.fontSize(SIZE.small + 0.5);
  doc.table({
    position: { x: doc.page.margins.left },
    columnStyles: [...widths],
    defaultStyle: { border: 0.4, borderColor: COLOUR.rule, padding: [2.5, 4] },
    data: [
      header.map((text) => ({ text, font: { src: FONT.bold }, backgroundColor: COLOUR.headerFill })),
      ...rows.map((row) => row.map(cellOptions)),
    ],
  });
  afterTable(doc);
}

function afterTable(doc: Doc): void {
  doc.x = doc.page.margins.left;
  doc.y += 4;
  body(doc);
}

function cellOptions(cell: Cell): PDFKit.Mixins.CellOptions {
  if (typeof cell === 'string') return { text: cell };
  return {
    text: cell.text,
    ...(cell.colour ? { textColor: cell.colour } : {}),
    ...(cell.bold ? { font: { src: FONT.bold } } : {}),
  };
}

/**
 * A line of small text centred at the foot of every page (page numbers, the document's reference
 * or how to check it). Call it once, when every page is written: the document buffers its pages.
 */
export function footers(doc: Doc, text: (page: number, pages: number) => string): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const { bottom, left } = doc.page.margins;
    // Text below the bottom margin would make pdfkit start a new page: lift the margin while writing.
    doc.page.margins.bottom = 0;
    doc.font(FONT.regular).fontSize(SIZE.small).fillColor(COLOUR.muted);
    doc.text(text(i + 1, count), left, doc.page.height - bottom + 18, {
      width: contentWidth(doc),
      align: 'center',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
}
