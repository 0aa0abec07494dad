import { createInstance, type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { localeResources } from '../i18n/locale-resources.ts';
import { ApiError } from './api-error.ts';
import { describeError } from './describe-error.ts';

function translatorFor(language: string): TFunction {
  const i18n = createInstance();
  void i18n.init({
    lng: language,
    fallbackLng: 'en',
    resources: Object.fromEntries(
      Object.entries(localeResources).map(([code, resource]) => [code, { translation: resource }]),
    ),
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  return i18n.t;
}

const problem = (status: number, code: string, title: string, detail: string) =>
  new ApiError(status, { type: `urn:civitas:problem:${code}`, title, status, code, detail });

describe('describeError', () => {
  const notOwner = problem(
    403,
    'not-vehicle-owner',
    'The vehicle is not registered to you',
    'This vehicle is not registered to you. Anyone can ask for its report with a second fact.',
  );
  const internal = problem(
    500,
    'internal',
    'Internal error',
    'Something went wrong on our side. Reference: req-7f3a.',
  );

  it("tells a Polish reader the problem in Polish, without the server's English detail", () => {
    const t = translatorFor('pl');
    expect(describeError(notOwner, t)).toEqual({
      title: 'Ten pojazd nie jest zarejestrowany na Ciebie.',
      detail: null,
    });
    expect(describeError(internal, t)).toEqual({
      title: 'Wystąpił błąd wewnętrzny. Spróbuj ponownie później.',
      detail: 'Numer referencyjny: req-7f3a',
    });
  });

  it('tells a Bulgarian reader in Bulgarian, and an English reader with the detail', () => {
    expect(describeError(notOwner, translatorFor('bg')).detail).toBeNull();
    expect(describeError(internal, translatorFor('bg')).detail).toBe('Номер за справка: req-7f3a');
    expect(describeError(notOwner, translatorFor('en'))).toEqual({
      title: 'This vehicle is not registered to you.',
      detail: 'This vehicle is not registered to you. Anyone can ask for its report with a second fact.',
    });
  });
});
