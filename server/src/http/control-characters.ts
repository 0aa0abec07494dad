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

/** Paths in an answer are cut at 256 characters (a body nested 100,000 deep has a long one). */
function clipped(path: string): string {
  return path.length > 256 ? `${path.slice(0, 255)}…` : path;
}

/** A JSON Pointer one level down; a long key is cut (the answer names the place, it does not echo input). */
function pointer(parent: string, key: string | number): string {
  const escaped = String(key).slice(0, 64).replaceAll('~', '~0').replaceAll('/', '~1');
  return parent === '/' ? `/${escaped}` : `${parent}/${escaped}`;
}

/**
 * The first control character in a parsed value: a string, or the strings and keys of arrays
 * and objects, however deep (walked with a stack of its own: a body of nested arrays 100,000 deep
 * must not overflow the call stack). Buffers and streams are opaque content and are not looked
 * into.
 */
export function findControlCharacter(value: unknown, kind: TextKind): ControlCharacterFinding | null {
  // Each entry: a value, its parent's path and its key; a path is only built for containers
  // and findings (the strings of a large body cost no allocation).
  const pending: Array<[value: unknown, parent: string, key: string | number | null]> = [[value, '/', null]];
  while (pending.length > 0) {
    const [current, parent, key] = pending.pop()!;
    if (typeof current === 'string') {
      const index = controlCharacterIndex(current, kind);
      if (index !== -1)
        return {
          path: clipped(key === null ? parent : pointer(parent, key)),
          character: named(current, index),
        };
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    // Binary content and streams are opaque; parsed objects (JSON, forms, query strings, whose
    // prototype may be null or an empty object) are looked into.
    if (ArrayBuffer.isView(current) || current instanceof ArrayBuffer) continue;
    if (typeof (current as { pipe?: unknown }).pipe === 'function') continue;
    const path = key === null ? parent : pointer(parent, key);
    if (Array.isArray(current)) {
      // Pushed last to first, so the first is looked at first.
      for (let index = current.length - 1; index >= 0; index--) pending.push([current[index], path, index]);
      continue;
    }
    const entries = Object.entries(current);
    for (const [name] of entries) {
      const keyIndex = controlCharacterIndex(name, 'line');
      if (keyIndex !== -1)
        return { path: clipped(pointer(path, name.slice(0, keyIndex))), character: named(name, keyIndex) };
    }
    for (let index = entries.length - 1; index >= 0; index--) {
      const [name, item] = entries[index]!;
      pending.push([item, path, name]);
    }
  }
  return null;
}
