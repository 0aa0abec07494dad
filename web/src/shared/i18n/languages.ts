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

const localeModules = import.meta.glob<LocaleResource>('./locales/*.json', {
  eager: true,
  import: 'default',
});

export const localeResources: Readonly<Record<string, LocaleResource>> = Object.fromEntries(
  Object.entries(localeModules).map(([path, resource]) => [languageCodeFromPath(path), resource]),
);

export const supportedLanguages: readonly SupportedLanguage[] = Object.entries(localeResources)
  .map(([code, resource]) => ({
    code,
    nativeName: resource.meta.nativeName,
    formattingLocale: resource.meta.formattingLocale,
  }))
  .sort((a, b) => a.code.localeCompare(b.code));

export const supportedLanguageCodes: readonly string[] = supportedLanguages.map((language) => language.code);

export function formattingLocaleOf(code: string): string {
  return supportedLanguages.find((language) => language.code === code)?.formattingLocale ?? code;
}

function languageCodeFromPath(path: string): string {
  const match = /\/([a-z]{2,3})\.json$/.exec(path);
  if (!match) throw new Error(`locale file name must be a language code: ${path}`);
  return match[1]!;
}
