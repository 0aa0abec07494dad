/**
 * Every language's words at once, for the tests and checks that compare the languages. The app
 * itself never imports this (it would put every language in the first download): it fetches the
 * chosen language with `loadLocale`.
 */
import { type LocaleResource, languageCodeFromPath } from './languages.ts';

const localeModules = import.meta.glob<LocaleResource>('./locales/*.json', {
  eager: true,
  import: 'default',
});

export const localeResources: Readonly<Record<string, LocaleResource>> = Object.fromEntries(
  Object.entries(localeModules).map(([path, resource]) => [languageCodeFromPath(path), resource]),
);
