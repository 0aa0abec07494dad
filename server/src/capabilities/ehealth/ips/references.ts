/**
 * The references a resource makes (every `Reference.reference` anywhere in it) and a copy of it
 * with its references rewritten: a document Bundle must resolve each reference inside itself.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every literal reference in a resource (`Type/id`, `urn:uuid:…`, absolute URLs), contained ones included. */
export function referencesIn(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) referencesIn(item, into);
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'reference' && typeof item === 'string') into.add(item);
      else if (typeof item === 'object') referencesIn(item, into);
    }
  }
  return into;
}

/**
 * A copy of a resource whose references are passed through `rewrite`: a string replaces the
 * reference, null replaces the whole Reference by the `fallback` display (what it named, display and
 * identifier included, could be what the reader may not see).
 */
export function rewriteReferences<T>(
  resource: T,
  rewrite: (reference: string) => string | null,
  fallback: string,
): T {
  const walk = (value: Json): Json => {
    if (Array.isArray(value)) return value.map(walk);
    if (!value || typeof value !== 'object') return value;
    const out: { [key: string]: Json } = {};
    for (const [key, item] of Object.entries(value)) {
      if (key === 'reference' && typeof item === 'string') {
        const replaced = rewrite(item);
        if (replaced !== null) out[key] = replaced;
      } else out[key] = walk(item);
    }
    // A reference left out says nothing of what it named (its display could name a hidden condition).
    if (typeof value.reference === 'string' && out.reference === undefined) return { display: fallback };
    return out;
  };
  return walk(resource as Json) as T;
}
