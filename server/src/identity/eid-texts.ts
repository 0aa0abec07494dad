/**
 * The words of the eID node's own pages (sign-in, sign-out, errors) in Bulgarian, English and Polish.
 * The language is the one the relying party asked for (`ui_locales`, which the web app sets to its own
 * language), else the browser's `Accept-Language`, else English (the web app's fallback language too).
 */
import { preferredLanguage } from '../kernel/index.ts';
import type { Role } from './tables.ts';

export const EID_LANGUAGES = ['bg', 'en', 'pl'] as const;
export type EidLanguage = (typeof EID_LANGUAGES)[number];

export interface EidTexts {
  brand: string;
  demoNode: string;
  signInTitle: string;
  personalNumber: string;
  pin: string;
  signIn: string;
  cancel: string;
  demoAccounts: string;
  demoPin: string;
  columns: { role: string; personalNumber: string; name: string };
  roles: Record<Role, string>;
  /** Whether names are shown in Latin script (the person's name as in the passport). */
  latinNames: boolean;
  demoDisabled: string;
  invalidPersonalNumber: string;
  wrongCredentials: string;
  expiredTitle: string;
  expired: string;
  backToCivitas: string;
  signOutTitle: string;
  signOutQuestion: string;
  signOut: string;
  /** The page Civitas' own sign-out passes through (it submits itself). */
  signingOutTitle: string;
  signingOut: string;
  signedOutTitle: string;
  signedOut: string;
  /** PIN attempts paused for a personal number; `{minutes}` is replaced. */
  tooManyAttempts: string;
  errorTitle: string;
  error: string;
  /** Label of the technical detail, which comes from the OpenID Connect library in English. */
  technicalDetail: string;
}

const bg: EidTexts = {
  brand: 'еИД · Национална електронна идентичност',
  demoNode: 'Демонстрационен възел',
  signInTitle: 'Вход с еИД',
  personalNumber: 'ЕГН',
  pin: 'ПИН',
  signIn: 'Вход',
  cancel: 'Отказ',
  demoAccounts: 'Демо профили',
  demoPin: 'ПИН за всички демо профили',
  columns: { role: 'Роля', personalNumber: 'ЕГН', name: 'Име' },
  roles: {
    citizen: 'Гражданин',
    official: 'Служител',
    doctor: 'Лекар',
    pharmacist: 'Фармацевт',
    police: 'Полицай',
    auditor: 'Одитор',
    admin: 'Администратор',
  },
  latinNames: false,
  demoDisabled: 'Демо входът е изключен.',
  invalidPersonalNumber: 'Невалидно ЕГН.',
  wrongCredentials: 'Грешно ЕГН или ПИН.',
  expiredTitle: 'Сесията изтече',
  expired: 'Сесията за вход е изтекла или не е валидна. Започнете входа отначало от Civitas.',
  backToCivitas: 'Към Civitas',
  signOutTitle: 'Изход',
  signOutQuestion: 'Да излезете ли от националната еИД?',
  signOut: 'Изход',
  signingOutTitle: 'Излизане',
  signingOut: 'Излизате от националната еИД…',
  tooManyAttempts: 'Твърде много грешни опити с това ЕГН. Опитайте отново след {minutes} мин.',
  signedOutTitle: 'Излязохте',
  signedOut: 'Излязохте от националната еИД.',
  errorTitle: 'Грешка при вход',
  error: 'Заявката за вход не може да бъде изпълнена.',
  technicalDetail: 'Технически подробности',
};

const en: EidTexts = {
  brand: 'eID · National electronic identity',
  demoNode: 'Demo node',
  signInTitle: 'Sign in with eID',
  personalNumber: 'Personal number (EGN)',
  pin: 'PIN',
  signIn: 'Sign in',
  cancel: 'Cancel',
  demoAccounts: 'Demo accounts',
  demoPin: 'PIN of every demo account',
  columns: { role: 'Role', personalNumber: 'Personal number', name: 'Name' },
  roles: {
    citizen: 'Citizen',
    official: 'Official',
    doctor: 'Doctor',
    pharmacist: 'Pharmacist',
    police: 'Police officer',
    auditor: 'Auditor',
    admin: 'Administrator',
  },
  latinNames: true,
  demoDisabled: 'Demo sign-in is disabled.',
  invalidPersonalNumber: 'The personal number (EGN) is not valid.',
  wrongCredentials: 'Wrong personal number or PIN.',
  expiredTitle: 'Session expired',
  expired: 'Your sign-in session has expired or is not valid. Start signing in again from Civitas.',
  backToCivitas: 'Back to Civitas',
  signOutTitle: 'Sign out',
  signOutQuestion: 'Sign out of the national eID?',
  signOut: 'Sign out',
  signingOutTitle: 'Signing out',
  signingOut: 'Signing you out of the national eID…',
  tooManyAttempts: 'Too many wrong attempts for this personal number. Try again in {minutes} min.',
  signedOutTitle: 'Signed out',
  signedOut: 'You have signed out of the national eID.',
  errorTitle: 'Sign-in error',
  error: 'The sign-in request cannot be completed.',
  technicalDetail: 'Technical detail',
};

const pl: EidTexts = {
  brand: 'eID · Krajowa tożsamość elektroniczna',
  demoNode: 'Węzeł demonstracyjny',
  signInTitle: 'Logowanie przez eID',
  personalNumber: 'Numer osobisty (EGN)',
  pin: 'PIN',
  signIn: 'Zaloguj się',
  cancel: 'Anuluj',
  demoAccounts: 'Konta demonstracyjne',
  demoPin: 'PIN wszystkich kont demonstracyjnych',
  columns: { role: 'Rola', personalNumber: 'Numer osobisty', name: 'Imię i nazwisko' },
  roles: {
    citizen: 'Obywatel',
    official: 'Urzędnik',
    doctor: 'Lekarz',
    pharmacist: 'Farmaceuta',
    police: 'Policjant',
    auditor: 'Audytor',
    admin: 'Administrator',
  },
  latinNames: true,
  demoDisabled: 'Logowanie demonstracyjne jest wyłączone.',
  invalidPersonalNumber: 'Numer osobisty (EGN) jest nieprawidłowy.',
  wrongCredentials: 'Nieprawidłowy numer osobisty lub PIN.',
  expiredTitle: 'Sesja wygasła',
  expired: 'Sesja logowania wygasła lub jest nieprawidłowa. Rozpocznij logowanie od nowa w Civitas.',
  backToCivitas: 'Wróć do Civitas',
  signOutTitle: 'Wylogowanie',
  signOutQuestion: 'Wylogować się z krajowej eID?',
  signOut: 'Wyloguj się',
  signingOutTitle: 'Wylogowywanie',
  signingOut: 'Trwa wylogowywanie z krajowej eID…',
  tooManyAttempts: 'Zbyt wiele błędnych prób dla tego numeru osobistego. Spróbuj ponownie za {minutes} min.',
  signedOutTitle: 'Wylogowano',
  signedOut: 'Wylogowano z krajowej eID.',
  errorTitle: 'Błąd logowania',
  error: 'Nie można zrealizować żądania logowania.',
  technicalDetail: 'Szczegóły techniczne',
};

export const EID_TEXTS: Readonly<Record<EidLanguage, EidTexts>> = { bg, en, pl };

/** The language of an eID page: the relying party's `ui_locales`, the browser's, or English. */
export function eidLanguage(request: {
  uiLocales?: unknown;
  acceptLanguage?: string | string[] | undefined;
}): EidLanguage {
  const header = Array.isArray(request.acceptLanguage)
    ? request.acceptLanguage.join(',')
    : request.acceptLanguage;
  return preferredLanguage(EID_LANGUAGES, 'en', {
    uiLocales: typeof request.uiLocales === 'string' ? request.uiLocales : null,
    acceptLanguage: header,
  });
}
