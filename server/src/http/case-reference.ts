import { Type } from '@sinclair/typebox';
import { AppError } from '../kernel/index.ts';

/** The longest case reference, in characters, once decoded. */
export const CASE_REFERENCE_MAX_LENGTH = 100;

/**
 * The `X-Case` header: the case (file) number an official or police officer works under. Header
 * values are bytes, and browsers send only Latin-1 in them, so a case number in Cyrillic
 * ("ДП-77/2026") travels percent-encoded as UTF-8 (what `encodeURIComponent` writes); a plain
 * ASCII number needs no encoding. Twelve characters per decoded character is the most
 * encoding can take (a four-byte character is 12), so the schema's bound is that.
 */
export const CaseHeader = Type.Optional(
  Type.String({
    minLength: 1,
    maxLength: CASE_REFERENCE_MAX_LENGTH * 12,
    description: 'the case number, UTF-8 percent-encoded when it is not ASCII (e.g. %D0%94%D0%9F-77%2F2026)',
  }),
);

// Control characters (C0, DEL, C1) and the Unicode line and paragraph separators.
const CONTROL = /[\p{Cc}\u2028\u2029]/u;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The case reference a request names, decoded and trimmed; null when it names none. A value
 * that does not decode, is blank, longer than 100 characters or holds a control character is
 * refused (validation-failed) rather than logged half-readable against a citizen's data.
 */
export function caseReferenceOf(header: string | string[] | undefined): string | null {
  if (header === undefined) return null;
  if (Array.isArray(header)) throw invalid('Send one X-Case header.');
  const decoded = decodeHeader(header).trim();
  if (decoded === '') throw invalid('The case number (X-Case) is blank.');
  if (CONTROL.test(decoded)) throw invalid('The case number (X-Case) holds a control character.');
  if ([...decoded].length > CASE_REFERENCE_MAX_LENGTH) {
    throw invalid(`The case number (X-Case) is longer than ${CASE_REFERENCE_MAX_LENGTH} characters.`);
  }
  return decoded;
}

function decodeHeader(value: string): string {
  // Raw UTF-8 bytes (curl sends them as typed) reach Node.js read as Latin-1: read them again.
  let text = value;
  const codes = Array.from(text, (char) => char.charCodeAt(0));
  if (codes.some((code) => code >= 0x80) && codes.every((code) => code <= 0xff)) {
    try {
      text = utf8.decode(Uint8Array.from(codes));
    } catch {
      throw invalid('The case number (X-Case) is neither UTF-8 nor percent-encoded UTF-8.');
    }
  }
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    throw invalid(
      'The case number (X-Case) is not valid percent-encoded UTF-8 (a % must start an escape: %25).',
    );
  }
}

function invalid(detail: string): AppError {
  return new AppError('validation-failed', detail);
}
