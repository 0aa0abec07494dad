/**
 * The building blocks of the health record's PDFs (A4, DejaVu Sans embedded for Cyrillic and
 * Polish): a document made from parsed fonts, headings, label–value lines, tables, a notice box,
 * page footers. The same layout as the vehicle dossier's PDFs, kept here because a capability
 * does not import another's insides.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';

export type Doc = PDFKit.PDFDocument;

const require = createRequire(import.meta.url);

const FONT_FILES = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
} as const;

export const FONT = { regular: 'DejaVuSans', bold: 'DejaVuSans-Bold' } as const;
export const SIZE = { body: 9, small: 7.5, heading: 12.5, title: 17 } as const;
export const COLOUR = {
  text: '#1a1a1a',
  muted: '#5a5a5a',
  rule: '#c8ccd2',
  headerFill: '#eef1f5',
  accent: '#1f4e9c',
  warning: '#7a4f00',
  warningFill: '#fff3d1',
} as const;

type Fonts = Record<keyof typeof FONT, fontkit.Font>;
let parsedFonts: Fonts | undefined;

/** Each document gets its own view of fonts parsed once per process (fontkit's glyph cache is per view). */
function documentFonts(): Fonts {
  parsedFonts ??= {
    regular: fontkit.create(fs.readFileSync(FONT_FILES.regular)) as fontkit.Font,
    bold: fontkit.create(fs.readFileSync(FONT_FILES.bold)) as fontkit.Font,
  };
  const view = (font: fontkit.Font) => {
    const fresh = Object.create(font) as fontkit.Font & { _glyphs: Record<number, unknown> };
    fresh._glyphs = {};
    return fresh;
  };
  return { regular: view(parsedFonts.regular), bold: view(parsedFonts.bold) };
}

export interface DocumentInfo {
  title: string;
  language: string;
  created: Date;
  compress?: boolean;
}

/** An A4 document with the fonts registered, and a promise of its bytes once it is ended. */
export function createDocument(info: DocumentInfo): { doc: Doc; bytes: Promise<Buffer> } {
  const fonts = documentFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 48, bottom: 56, left: 50, right: 50 },
    bufferPages: true,
    compress: info.compress ?? true,
    font: fonts.regular as unknown as string,
    lang: info.language,
    displayTitle: true,
    info: {
      Title: info.title,
      Producer: 'Civitas',
      Creator: 'Civitas health record',
      CreationDate: info.created,
      ModDate: info.created,
    },
  });
  for (const key of ['regular', 'bold'] as const)
    doc.registerFont(FONT[key], fonts[key] as unknown as PDFKit.Mixins.PDFFontSource, FONT[key]);
  body(doc);
  const chunks: Buffer[] = [];
  const bytes = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, bytes };
}

export function body(doc: Doc): Doc {
  return doc.font(FONT.regular).fontSize(SIZE.body).fillColor(COLOUR.text);
}

export function contentWidth(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

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
  ensureSpace(doc, 70);
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

export function paragraph(doc: Doc, text: string, colour: string = COLOUR.text): void {
  doc
    .font(FONT.regular)
    .fontSize(SIZE.body)
    .fillColor(colour)
    .text(text, doc.page.margins.left, doc.y, { width: contentWidth(doc) });
  body(doc);
}

/** Label–value lines: the label muted, the value bold beside it. */
export function keyValues(doc: Doc, rows: readonly (readonly [string, string])[]): void {
  const { left } = doc.page.margins;
  for (const [label, value] of rows) {
    if (!value) continue;
    const y = doc.y;
    doc.font(FONT.regular).fillColor(COLOUR.muted).text(label, left, y, { width: 140 });
    doc
      .font(FONT.bold)
      .fillColor(COLOUR.text)
      .text(value, left + 144, y, { width: contentWidth(doc) - 144 });
    doc.y = Math.max(doc.y, y + 12);
  }
  body(doc);
}

/** A filled box for what the reader must not miss. */
export function notice(doc: Doc, text: string): void {
  const width = contentWidth(doc);
  const padding = 8;
  doc.font(FONT.bold).fontSize(SIZE.body);
  const height = doc.heightOfString(text, { width: width - 2 * padding }) + 2 * padding;
  ensureSpace(doc, height + 8);
  const { left } = doc.page.margins;
  const top = doc.y + 4;
  doc.rect(left, top, width, height).lineWidth(1).fillAndStroke(COLOUR.warningFill, COLOUR.warning);
  doc.font(FONT.bold).fontSize(SIZE.body).fillColor(COLOUR.warning);
  doc.text(text, left + padding, top + padding, { width: width - 2 * padding });
  doc.x = left;
  doc.y = top + height + 6;
  body(doc);
}

/** A table with a shaded bold header row. */
export function table(
  doc: Doc,
  header: readonly string[],
  rows: readonly (readonly string[])[],
  widths: readonly (number | string)[],
): void {
  doc.fontSize(SIZE.small + 0.5);
  doc.table({
    position: { x: doc.page.margins.left },
    columnStyles: [...widths],
    defaultStyle: { border: 0.4, borderColor: COLOUR.rule, padding: [2.5, 4] },
    data: [
      header.map((text) => ({ text, font: { src: FONT.bold }, backgroundColor: COLOUR.headerFill })),
      ...rows.map((row) => row.map((text) => ({ text }))),
    ],
  });
  doc.x = doc.page.margins.left;
  doc.y += 4;
  body(doc);
}

/** A line of small text at the foot of every page. */
export function footers(doc: Doc, text: (page: number, pages: number) => string): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const { bottom, left } = doc.page.margins;
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
