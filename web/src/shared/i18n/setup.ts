import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { FALLBACK_LANGUAGE, type LocaleResource, loadLocale, supportedLanguageCodes } from './languages.ts';
import { pickLanguage } from './pick-language.ts';
import { SINGLE_FULL_STOP, singleFullStopProcessor } from './single-full-stop.ts';

const STORAGE_KEY = 'civitas.language';

export const i18n = i18next.createInstance();

/**
 * Resolves once the person's language is ready: the app renders its first frame after it, already
 * translated. Only that language's words are fetched (from the service worker once installed); if
 * they cannot be, the fallback language's are.
 */
export const i18nReady: Promise<void> = start(
  pickLanguage({
    stored: readStoredLanguage(),
    browserPreferences: navigator.languages ?? [navigator.language],
    supported: supportedLanguageCodes,
    fallback: FALLBACK_LANGUAGE,
  }),
);

async function start(language: string): Promise<void> {
  let words: { language: string; resource: LocaleResource };
  try {
    words = { language, resource: await loadLocale(language) };
  } catch (error) {
    if (language === FALLBACK_LANGUAGE) throw error;
    words = { language: FALLBACK_LANGUAGE, resource: await loadLocale(FALLBACK_LANGUAGE) };
  }
  await i18n
    .use(initReactI18next)
    .use(singleFullStopProcessor)
    .init({
      resources: { [words.language]: { translation: words.resource } },
      lng: words.language,
      fallbackLng: FALLBACK_LANGUAGE,
      supportedLngs: [...supportedLanguageCodes],
      // Other languages are added when chosen (every language has every key: languages.test.ts).
      partialBundledLanguages: true,
      // React escapes text itself.
      interpolation: { escapeValue: false },
      // "до {{date}}." with a Bulgarian date ("… 2026 г.") would end in two full stops.
      postProcess: [SINGLE_FULL_STOP],
    });
  document.documentElement.lang = i18n.language;
  i18n.on('languageChanged', (changed) => {
    document.documentElement.lang = changed;
  });
}

/**
 * Switches the language (once its words have arrived) and remembers the choice for the next
 * visit. If the words cannot be fetched, the language stays as it was.
 */
export async function chooseLanguage(code: string): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // Storage can be disabled (private browsing, policy); the switch still works for this visit.
  }
  try {
    if (!i18n.hasResourceBundle(code, 'translation'))
      i18n.addResourceBundle(code, 'translation', await loadLocale(code));
    await i18n.changeLanguage(code);
  } catch (error) {
    console.warn('language not switched', error);
  }
}

function readStoredLanguage(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}
