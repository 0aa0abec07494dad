import {
  createDocument,
  footers,
  heading,
  keyValueLines,
  notice,
  paragraph,
  table,
  title,
} from '../../../documents/index.ts';
import { formatDate, readerName, SUMMARY_LABELS, type SummaryLanguage } from './labels.ts';
import type { SummaryView } from './summary.ts';

/**
 * The patient summary and the record's documents as PDFs a person reads: A4, in the reader's
 * language, the same words as the summary's narratives. Names (the patient, the author, a
 * hospital) are in the reader's script: a doctor abroad reading the English or Polish PDF gets
 * "Maria Petrova (Мария Петрова)". The summary's Bundle stays the document of record, names as
 * recorded; the PDF is its readable form.
 */

const CREATOR = 'Civitas health record';

export interface PdfRendering {
  /** Page content compressed (default); off only to inspect a PDF's text in tests. */
  compress?: boolean;
}

/** The International Patient Summary as a readable A4 PDF. */
export async function renderSummaryPdf(view: SummaryView, options: PdfRendering = {}): Promise<Buffer> {
  const t = view.labels;
  const name = (recorded: string) => readerName(recorded, view.language);
  const { doc, bytes } = createDocument({
    title: `${t.title} — ${readerName(view.patient.name, view.language, { original: false })}`,
    language: view.language,
    created: new Date(view.generated),
    creator: CREATOR,
    ...options,
  });
  title(doc, t.title);
  keyValueLines(doc, [
    [t.patient, name(view.patient.name)],
    [t.birthDate, view.patient.birthDate],
    [t.identifier, view.patient.identifiers.join(', ')],
    [t.author, name(view.author)],
    [t.generated, formatDate(view.generated, view.language)],
  ]);
  if (view.withheld) notice(doc, t.withheld);
  for (const section of view.sections) {
    heading(doc, section.title);
    if (section.rows.length === 0) {
      paragraph(doc, t.noInformation);
      continue;
    }
    table(
      doc,
      [t.columns.item, t.columns.details, t.columns.date],
      section.rows.map((row) => [row.item, row.details, row.date]),
      ['*', '*', 80],
    );
  }
  footers(doc, t.footer);
  doc.end();
  return bytes;
}

export interface DocumentText {
  /** The document's kind in words (discharge summary, referral…). */
  kind: string;
  date: string | undefined;
  /** Who wrote it (doctors, a hospital), by name as recorded. */
  authors: readonly string[];
  patient: string;
  text: string;
  language: SummaryLanguage;
  created: Date;
}

/** A text document of the record (a discharge letter, a referral) as a readable A4 PDF. */
export async function renderDocumentPdf(document: DocumentText, options: PdfRendering = {}): Promise<Buffer> {
  const t = SUMMARY_LABELS[document.language];
  const { doc, bytes } = createDocument({
    title: document.kind,
    language: document.language,
    created: document.created,
    creator: CREATOR,
    ...options,
  });
  title(doc, document.kind);
  keyValueLines(doc, [
    [t.document.patient, readerName(document.patient, document.language)],
    [t.document.date, formatDate(document.date, document.language)],
    [t.document.author, document.authors.map((name) => readerName(name, document.language)).join(', ')],
  ]);
  doc.moveDown(0.8);
  paragraph(doc, document.text);
  footers(doc, t.footer);
  doc.end();
  return bytes;
}
