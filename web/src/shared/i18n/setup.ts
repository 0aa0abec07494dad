import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { FALLBACK_LANGUAGE, localeResources, supportedLanguageCodes } from './languages.ts';
import { pickLanguage } from './pick-language.ts';
import { SINGLE_FULL_STOP, singleFullStopProcessor } from './single-full-stop.ts';

const STORAGE_KEY = 'civitas.language';

export const i18n = i18next.createInstance();

void i18n
  .use(initReactI18next)
  .use(singleFullStopProcessor)
  .init({
    resources: Object.fromEntries(
      Object.entries(localeResources).map(([code, resource]) => [code, { translation: resource }]),
    ),
    lng: pickLanguage({
      stored: readStoredLanguage(),
      browserPreferences: navigator.languages ?? [navigator.language],
      supported: supportedLanguageCodes,
      fallback: FALLBACK_LANGUAGE,
    }),
    fallbackLng: FALLBACK_LANGUAGE,
    supportedLngs: [...supportedLanguageCodes],
    // Resources are bundled, so initialise synchronously and render the first frame translated.
    initAsync: false,
    // React escapes text itself.
    interpolation: { escapeValue: false },
    // "до {{date}}." with a Bulgarian date ("… 2026 г.") would end in two full stops.
    postProcess: [SINGLE_FULL_STOP],
  });

document.documentElement.lang = i18n.language;
i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

/** Switches the language and remembers the choice for the next visit. */
export function chooseLanguage(code: string): void {
  try {
    localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // Storage can be disabled (private browsing, policy); the switch still works for this visit.
  }
  void i18n.changeLanguage(code);
}

function readStoredLanguage(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}
