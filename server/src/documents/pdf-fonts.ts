/**
 * The fonts of the platform's PDFs: DejaVu Sans, regular and bold, embedded (subset) in every
 * document. It covers Cyrillic and Polish (tested), so a Bulgarian name and a Polish label print
 * with the same font.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';

/** A pdfkit document. */
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

export type Fonts = Record<keyof typeof FONT, fontkit.Font>;

let parsedFonts: Fonts | undefined;

/**
 * The fonts for one document. The TTFs are read and parsed once per process (pdfkit opening a
 * font by path did that for every document: about 40 ms of a 80 ms render). Each document gets
 * its own view of the parsed font, sharing the parsed tables but with its own glyph cache and
 * layout engine: fontkit remembers a glyph with the characters it was first made for, which
 * pdfkit writes into the PDF's text map, so a shared cache would make a document's bytes depend on
 * the documents rendered before it. The same document renders to the same bytes (tested).
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
