import 'i18next';
import type { LocaleResource } from './languages.ts';

// Typed keys: t('profile.titel') fails to compile instead of showing a raw key to a citizen.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: LocaleResource };
  }
}
