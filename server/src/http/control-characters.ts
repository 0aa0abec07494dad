/**
 * Control characters (C0: U+0000–U+001F, and DEL) are never part of a name, a number, a purpose
 * or a case reference. PostgreSQL refuses a NUL in text (22021), and the others end up in logs,
 * PDFs and other people's screens. Tab, line feed and carriage return are allowed where text
 * may span lines (JSON body strings) and tab where HTTP allows it (header values).
 */

export type TextKind = 'line' | 'header' | 'multiline';

const TAB = 0x09;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const DEL = 0x7f;

/** The index of the first control character `kind` does not allow in `text`, or -1. */
export function controlCharacterIndex(text: string, kind: TextKind): number {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0x20 && code !== DEL) continue;
    if (code === TAB && kind !== 'line') continue;
    if ((code === LINE_FEED || code === CARRIAGE_RETURN) && kind === 'multiline') continue;
    return index;
  }
  return -1;
}

/** One refused value: where it was and the character, named (`U+0000`), never echoed. */
export interface ControlCharacterFinding {
  /** JSON Pointer to the value (or key) within its part of the request, `/` for the whole. */
  path: string;
  character: string;
}

function named(text: string, index: number): string {
  return `U+${text.charCodeAt(index).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A JSON Pointer one level down; a long key is cut (the answer names the place, it does not echo input). */
function pointer(parent: string, key: string | number): string {
  const escaped = String(key).slice(0, 64).replaceAll('~', '~0').replaceAll('/', '~1');
  return parent === '/' ? `/${escaped}` : `${parent}/${escaped}`;
}

/**
 * The first control character in a parsed value: a string, or the strings and keys of arrays
 * and objects, however deep (a body is at most `CIVITAS_BODY_LIMIT` bytes, so depth and size are
 * bounded by it). Buffers and streams are opaque content and are not looked into.
 */
export function findControlCharacter(
  value: unknown,
  kind: TextKind,
  path = '/',
): ControlCharacterFinding | null {
  if (typeof value === 'string') {
    const index = controlCharacterIndex(value, kind);
    return index === -1 ? null : { path, character: named(value, index) };
  }
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = findControlCharacter(value[index], kind, pointer(path, index));
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    // Binary content and streams are opaque; parsed objects (JSON, forms, query strings, whose
    // prototype may be null or an empty object) are looked into.
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return null;
    if (typeof (value as { pipe?: unknown }).pipe === 'function') return null;
    for (const [key, item] of Object.entries(value)) {
      const keyIndex = controlCharacterIndex(key, 'line');
      if (keyIndex !== -1)
        return { path: pointer(path, key.slice(0, keyIndex)), character: named(key, keyIndex) };
      const found = findControlCharacter(item, kind, pointer(path, key));
      if (found) return found;
    }
  }
  return null;
}
