/**
 * Break-glass: the reason a doctor states for opening the record of a patient outside their care.
 * The patient is told, so it must say something: 10 to 500 characters, no control characters.
 */

export const REASON_MIN = 10;
export const REASON_MAX = 500;

export type ReasonProblem = 'required' | 'too-short' | 'too-long' | 'characters';

/** The reason as it will be sent: trimmed, runs of spaces kept as typed. */
export function normaliseReason(text: string): string {
  return text.trim();
}

/** Code points counted, as the server counts them (a Cyrillic letter is one). */
function length(text: string): number {
  return [...text].length;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** Why a stated reason is not accepted, or null. Line breaks are allowed; other control characters are not. */
export function reasonProblem(text: string): ReasonProblem | null {
  const reason = normaliseReason(text);
  if (reason === '') return 'required';
  if (CONTROL.test(reason)) return 'characters';
  if (length(reason) < REASON_MIN) return 'too-short';
  if (length(reason) > REASON_MAX) return 'too-long';
  return null;
}

/** Free text typed by the doctor (a reason, a note): no control characters but line breaks and tabs. */
export function hasControlCharacters(text: string): boolean {
  return CONTROL.test(text);
}
