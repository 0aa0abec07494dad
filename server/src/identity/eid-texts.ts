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
  /** The passkey sign-in (a passkey registered with the eID on this device). */
  passkey: {
    signIn: string;
    hint: string;
    orWithPin: string;
    /** Refusals, by problem code (`cancelled`: the person or the browser stopped; `failed`: anything else). */
    problems: Record<PasskeyProblem, string>;
  };
}

export const PASSKEY_PROBLEMS = [
  'cancelled',
  'failed',
  'passkey-level-too-low',
  'passkey-not-recognised',
  'passkey-counter-regressed',
  'passkey-sign-in-expired',
] as const;
export type PasskeyProblem = (typeof PASSKEY_PROBLEMS)[number];

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
  passkey: {
    signIn: 'Вход с ключ за достъп',
    hint: 'Без ЕГН и ПИН: с ключа за достъп, регистриран на това устройство.',
    orWithPin: 'Или влезте с ЕГН и ПИН',
    problems: {
      cancelled: 'Входът с ключ за достъп беше прекъснат. Опитайте отново или влезте с ПИН.',
      failed: 'Ключът за достъп не може да бъде проверен. Опитайте отново или влезте с ПИН.',
      'passkey-level-too-low':
        'Услугата изисква по-високо ниво на осигуреност, отколкото дава ключът за достъп. Влезте с ПИН.',
      'passkey-not-recognised': 'Този ключ за достъп не е регистриран в еИД. Влезте с ПИН.',
      'passkey-counter-regressed': 'Ключът за достъп е отказан: възможно е да е копиран. Влезте с ПИН.',
      'passkey-sign-in-expired': 'Сесията за вход изтече. Започнете входа отначало от Civitas.',
    },
  },
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
  passkey: {
    signIn: 'Sign in with a passkey',
    hint: 'No personal number or PIN: use the passkey registered on this device.',
    orWithPin: 'Or sign in with your personal number and PIN',
    problems: {
      cancelled: 'The passkey sign-in was stopped. Try again or sign in with your PIN.',
      failed: 'The passkey could not be verified. Try again or sign in with your PIN.',
      'passkey-level-too-low':
        'This service needs a higher level of assurance than your passkey gives. Please sign in with your PIN.',
      'passkey-not-recognised': 'This passkey is not registered with the eID. Please sign in with your PIN.',
      'passkey-counter-regressed':
        'This passkey was refused: it may have been copied. Please sign in with your PIN.',
      'passkey-sign-in-expired': 'Your sign-in session has expired. Start signing in again from Civitas.',
    },
  },
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
  passkey: {
    signIn: 'Zaloguj się kluczem dostępu',
    hint: 'Bez numeru osobistego i kodu PIN: kluczem dostępu zarejestrowanym na tym urządzeniu.',
    orWithPin: 'Lub zaloguj się numerem osobistym i kodem PIN',
    problems: {
      cancelled: 'Logowanie kluczem dostępu zostało przerwane. Spróbuj ponownie lub zaloguj się kodem PIN.',
      failed: 'Nie udało się zweryfikować klucza dostępu. Spróbuj ponownie lub zaloguj się kodem PIN.',
      'passkey-level-too-low':
        'Ta usługa wymaga wyższego poziomu bezpieczeństwa, niż daje klucz dostępu. Zaloguj się kodem PIN.',
      'passkey-not-recognised': 'Ten klucz dostępu nie jest zarejestrowany w eID. Zaloguj się kodem PIN.',
      'passkey-counter-regressed':
        'Klucz dostępu został odrzucony: mógł zostać skopiowany. Zaloguj się kodem PIN.',
      'passkey-sign-in-expired': 'Sesja logowania wygasła. Rozpocznij logowanie od nowa w Civitas.',
    },
  },
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
