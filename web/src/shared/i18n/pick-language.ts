export interface LanguagePreferences {
  /** The language the person chose earlier in this browser, if any. */
  stored: string | null;
  /** navigator.languages, most preferred first, e.g. ['bg-BG', 'en']. */
  browserPreferences: readonly string[];
  supported: readonly string[];
  fallback: string;
}

/** An explicit earlier choice wins; then the first browser preference we speak; then the fallback. */
export function pickLanguage({
  stored,
  browserPreferences,
  supported,
  fallback,
}: LanguagePreferences): string {
  if (stored && supported.includes(stored)) return stored;
  for (const tag of browserPreferences) {
    const primary = tag.toLowerCase().split('-')[0] ?? '';
    if (supported.includes(primary)) return primary;
  }
  return fallback;
}
