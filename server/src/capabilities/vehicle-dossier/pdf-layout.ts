/**
 * The building blocks of the PDF report's pages (headings, label–value lists, tables, banners), so
 * that each section only says what it shows. Fonts are DejaVu Sans, embedded, which covers Cyrillic and
 * Polish (tested).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';

export type Doc = PDFKit.PDFDocument;

const require = createRequire(import.meta.url);

const FONT_FILES = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
} as const;

/**
 * The fonts by their registered names, which are their PostScript names. Each document registers
 * them (`registerFonts`) with the family set to the same name: after a table cell with its own
 * font, pdfkit restores the previous font by its source and family, and finds it cached by that
 * name instead of opening the font again.
 */
export const FONT = { regular: 'DejaVuSans', bold: 'DejaVuSans-Bold' } as const;

type Fonts = Record<keyof typeof FONT, fontkit.Font>;

let parsedFonts: Fonts | undefined;

/**
 * The fonts for one document. The TTFs are read and parsed once per process (pdfkit opening a
 * font by path did that for every document: about 40 ms of a 80 ms render). Each document gets
 * its own view of the parsed font, sharing the parsed tables but with its own glyph cache and
 * layout engine: fontkit remembers a glyph with the characters it was first made for, which
 * pdfkit writes into the PDF's text map, so a shared cache would make a report's bytes depend on
 * the reports rendered before it. The same report renders to the same bytes (tested).
 */
export function documentFonts(): Fonts {
  parsedFonts ??= {
    regular: fontkit.create(fs.readFileSync(FONT_FILES.regular)) as fontkit.Font,
    bold: fontkit.create(fs.readFileSync(FONT_FILES.bold)) as fontkit.Font,
  };
  return { regular: freshView(parsedFonts.regular), bold: freshView(parsedFonts.bold) };
}

/** A font object over the same parsed tables, with fontkit's per-font caches starting empty. */
function freshView(font: fontkit.Font): fontkit.Font {
  const view = Object.create(font) as fontkit.Font & { _glyphs: Record<number, unknown> };
  // fontkit's caching getters (the layout engine, the cmap processor) store their values on the
  // object they are read from: on the view, not on the shared font.
  view._glyphs = {};
  return view;
}

/** Registers a document's fonts under their names (pdfkit takes a parsed fontkit font as a source). */
export function registerFonts(doc: Doc, fonts: Fonts): Doc {
  for (const key of ['regular', 'bold'] as const)
    doc.registerFont(FONT[key], fonts[key] as unknown as PDFKit.Mixins.PDFFontSource, FONT[key]);
  return doc;
}

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

/** A section heading with a rule under it, kept on the same page as the start of its section. */
export function heading(doc: Doc, text: string): void {
  ensureSpace(doc, 80);
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

/** A filled box with a bold title and lines of text, for warnings the reader must not miss. */
export function banner(doc: Doc, title: string, lines: readonly string[], tone: 'danger' | 'warning'): void {
  const width = contentWidth(doc);
  const padding = 8;
  const text = lines.join('\n');
  doc.font(FONT.bold).fontSize(SIZE.heading);
  const titleHeight = doc.heightOfString(title, { width: width - 2 * padding });
  doc.font(FONT.regular).fontSize(SIZE.body);
  const textHeight = text ? doc.heightOfString(text, { width: width - 2 * padding }) + 3 : 0;
  const height = titleHeight + textHeight + 2 * padding;
  ensureSpace(doc, height + 8);
  const { left } = doc.page.margins;
  const top = doc.y + 4;
  const [ink, fill] =
    tone === 'danger' ? [COLOUR.danger, COLOUR.dangerFill] : [COLOUR.warning, COLOUR.warningFill];
  doc.rect(left, top, width, height).lineWidth(1.2).fillAndStroke(fill, ink);
  doc.font(FONT.bold).fontSize(SIZE.heading).fillColor(ink);
  doc.text(title, left + padding, top + padding, { width: width - 2 * padding });
  if (text) {
    doc.font(FONT.regular).fontSize(SIZE.body).fillColor(COLOUR.text);
    doc.text(text, left + padding, doc.y + 3, { width: width - 2 * padding });
  }
  doc.x = left;
  doc.y = top + height + 6;
  body(doc);
}

export type Cell = string | { text: string; colour?: string; bold?: boolean };

/** Label–value rows: labels muted on the left, values on the right. */
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
