/**
 * The language to answer in, from what the client asked for: an explicit choice first (an OpenID
 * Connect `ui_locales` list, space-separated), then the `Accept-Language` header by its q-values,
 * then the fallback. Only the primary subtag counts: `pl-PL` asks for `pl`.
 */
export function preferredLanguage<T extends string>(
  supported: readonly T[],
  fallback: T,
  { uiLocales, acceptLanguage }: { uiLocales?: string | null; acceptLanguage?: string | null },
): T {
  const explicit = (uiLocales ?? '').split(/\s+/);
  return (
    firstSupported(explicit, supported) ?? firstSupported(byQuality(acceptLanguage), supported) ?? fallback
  );
}

function firstSupported<T extends string>(tags: readonly string[], supported: readonly T[]): T | undefined {
  for (const tag of tags) {
    const primary = tag.trim().toLowerCase().split('-')[0] ?? '';
    const match = supported.find((language) => language === primary);
    if (match) return match;
  }
  return undefined;
}

/** The tags of an Accept-Language header, most wanted first (q=0 means "not this"). */
function byQuality(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, order) => {
      const [tag = '', ...parameters] = part.split(';').map((piece) => piece.trim());
      const q = parameters.find((parameter) => /^q=/i.test(parameter));
      const quality = q === undefined ? 1 : Number(q.slice(2));
      return { tag, quality: Number.isFinite(quality) ? quality : 0, order };
    })
    .filter((entry) => entry.tag !== '' && entry.tag !== '*' && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.order - b.order)
    .map((entry) => entry.tag);
}
