/** The public API of documents: the one layout of the platform's PDFs, and their fonts. */
export { type Doc, documentFonts, FONT, type Fonts, registerFonts } from './pdf-fonts.ts';
export {
  banner,
  body,
  type Cell,
  COLOUR,
  contentWidth,
  createDocument,
  type DocumentInfo,
  ensureSpace,
  footers,
  heading,
  keyValueLines,
  keyValues,
  notice,
  paragraph,
  SIZE,
  type Tone,
  table,
  title,
} from './pdf-layout.ts';
