/**
 * The one place that knows which languages Civitas speaks. Every file in ./locales is a
 * language: adding one to the web app means dropping in `locales/<code>.json` (with its `meta`
 * block), nothing else here. The PDF and the eID pages list their own: see docs/languages.md.
 */
import type englishResource from './locales/en.json';

export type LocaleResource = typeof englishResource;

export interface SupportedLanguage {
  /** BCP 47 primary language subtag, also the resource file name. */
  code: string;
  /** The language's name in itself, as shown in the language control. */
  nativeName: string;
  /** Locale used for Intl formatting (dates), e.g. en-GB rather than US English. */
  formattingLocale: string;
}

export const FALLBACK_LANGUAGE = 'en';

// Only each file's `meta` block is bundled (the language list); the words of a language are a
// file of their own, fetched when the language is used (`loadLocale`) and precached for offline use.
const localeMetas = import.meta.glob<LocaleResource['meta']>('./locales/*.json', {
  eager: true,
  import: 'meta',
});
const localeUrls = import.meta.glob<string>('./locales/*.json', {
  eager: true,
  query: '?url',
  import: 'default',
});

export const supportedLanguages: readonly SupportedLanguage[] = Object.entries(localeMetas)
  .map(([path, meta]) => ({
    code: languageCodeFromPath(path),
    nativeName: meta.nativeName,
    formattingLocale: meta.formattingLocale,
  }))
  .sort((a, b) => a.code.localeCompare(b.code));

export const supportedLanguageCodes: readonly string[] = supportedLanguages.map((language) => language.code);

export function formattingLocaleOf(code: string): string {
  return supportedLanguages.find((language) => language.code === code)?.formattingLocale ?? code;
}

/** The words of a supported language, from its file (the service worker has it once installed). */
export async function loadLocale(code: string): Promise<LocaleResource> {
  const url = Object.entries(localeUrls).find(([path]) => languageCodeFromPath(path) === code)?.[1];
  if (!url) throw new Error(`not a supported language: ${code}`);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`the words of ${code} did not load: HTTP ${response.status}`);
  return (await response.json()) as LocaleResource;
}

export function languageCodeFromPath(path: string): string {
  const match = /\/([a-z]{2,3})\.json$/.exec(path);
  if (!match) throw new Error(`locale file name must be a language code: ${path}`);
  return match[1]!;
}
