/**
 * What to send when someone asks to check a report file: the PDF's bytes as application/pdf, or
 * the signed JSON as application/json. The content decides, not the file's name or its declared
 * type, which are often wrong (a download renamed, a mail client's octet-stream).
 */
export type ReportUpload =
  | { kind: 'pdf'; contentType: 'application/pdf'; body: Uint8Array<ArrayBuffer> }
  | { kind: 'json'; contentType: 'application/json'; body: string }
  | { kind: 'not-a-report-file' }
  | { kind: 'too-large' };

/** The verify endpoint's body limit. */
export const MAX_REPORT_FILE_BYTES = 10 * 1024 * 1024;

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"

export function prepareReportUpload(
  bytes: Uint8Array<ArrayBuffer>,
  declaredType: string,
  name: string,
): ReportUpload {
  if (bytes.byteLength > MAX_REPORT_FILE_BYTES) return { kind: 'too-large' };
  if (PDF_MAGIC.every((byte, i) => bytes[i] === byte)) {
    return { kind: 'pdf', contentType: 'application/pdf', body: bytes };
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, '');
  if (looksLikeJson(text)) return { kind: 'json', contentType: 'application/json', body: text };
  // Not recognisable from its content: a file that says it is a PDF goes to the server as one,
  // which then explains what is wrong with it.
  if (declaredType === 'application/pdf' || /\.pdf$/i.test(name)) {
    return { kind: 'pdf', contentType: 'application/pdf', body: bytes };
  }
  return { kind: 'not-a-report-file' };
}

function looksLikeJson(text: string): boolean {
  if (!text.trimStart().startsWith('{')) return false;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}
