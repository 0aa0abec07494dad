import type { TFunction } from 'i18next';
import { ApiError, NetworkError } from './api-error.ts';

export interface ErrorDescription {
  title: string;
  detail: string | null;
}

/**
 * What to tell a person about a failed request: the problem's own title and detail, with the
 * title translated when we know its code (the server writes titles in English).
 */
export function describeError(error: unknown, t: TFunction): ErrorDescription {
  if (error instanceof NetworkError) return { title: t('errors.network'), detail: null };
  if (error instanceof ApiError && error.problem) {
    const { code, title, detail } = error.problem;
    const translatedTitle = code
      ? t(`problems.${code}` as 'problems.internal', { defaultValue: title })
      : title;
    return { title: translatedTitle, detail: detail ?? null };
  }
  const status = error instanceof ApiError ? error.status : 0;
  return { title: t('errors.unexpected', { status }), detail: null };
}
