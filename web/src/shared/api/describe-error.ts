import type { TFunction } from 'i18next';
import { ApiError, NetworkError } from './api-error.ts';

export interface ErrorDescription {
  title: string;
  detail: string | null;
}

/**
 * What to tell a person about a failed request: the problem's title in their language (the server
 * writes titles in English; every code has a translation). The server's detail is English too, so
 * it is shown to English readers only; others get the request reference of an internal error,
 * which is what they need to quote.
 */
export function describeError(error: unknown, t: TFunction): ErrorDescription {
  if (error instanceof NetworkError) return { title: t('errors.network'), detail: null };
  if (error instanceof ApiError && error.problem) {
    const { code, title, detail } = error.problem;
    const translatedTitle = code
      ? t(`problems.${code}` as 'problems.internal', { defaultValue: title })
      : title;
    return { title: translatedTitle, detail: serverDetail(detail, t) };
  }
  const status = error instanceof ApiError ? error.status : 0;
  return { title: t('errors.unexpected', { status }), detail: null };
}

/** The server's English detail for an English reader; for others, only the reference it quotes. */
export function serverDetail(detail: string | undefined, t: TFunction): string | null {
  if (!detail) return null;
  if (readsEnglish(t)) return detail;
  const reference = /\bReference: ([\w-]+)/.exec(detail)?.[1];
  return reference ? t('errors.reference', { reference }) : null;
}

function readsEnglish(t: TFunction): boolean {
  try {
    return new Intl.Locale(t('meta.formattingLocale')).language === 'en';
  } catch {
    return false;
  }
}
