/**
 * Server text in the page language (a register's name, a declared purpose), falling back to
 * English, then Bulgarian, then any language the server sent, then `fallback` (never an empty
 * badge). A plain string is text the server has in one language only.
 */
export function localisedText(
  text: string | Readonly<Partial<Record<string, string>>> | undefined,
  language: string,
  fallback: string,
): string {
  if (typeof text === 'string') return text.trim() === '' ? fallback : text;
  if (!text) return fallback;
  const candidates = [text[language], text.en, text.bg, ...Object.values(text)];
  return candidates.find((candidate) => typeof candidate === 'string' && candidate.trim() !== '') ?? fallback;
}
