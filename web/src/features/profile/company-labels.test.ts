import {
  COMPANY_STATUSES,
  LEGAL_FORMS,
  REPRESENTATIVE_ROLES,
} from '@civitas/contracts/registers/commercial.ts';
import { createInstance, type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { localeResources } from '../../shared/i18n/locale-resources.ts';
import { companyStatusName, legalFormName, representativeRoleName } from './company-labels.ts';

function translatorFor(language: string): TFunction {
  const i18n = createInstance();
  void i18n.init({
    lng: language,
    // No fallback: a code missing in this language must show up as missing, not as English.
    fallbackLng: false,
    resources: { [language]: { translation: localeResources[language]! } },
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  return i18n.t;
}

const namers: Array<[string, readonly string[], (code: string, t: TFunction) => string]> = [
  ['legal form', LEGAL_FORMS, legalFormName],
  ['company status', COMPANY_STATUSES, companyStatusName],
  ['representative role', REPRESENTATIVE_ROLES, representativeRoleName],
];

describe.each(Object.keys(localeResources))('the commercial register in words, in %s', (language) => {
  const t = translatorFor(language);

  it.each(namers)('names every %s the register answers', (_what, codes, name) => {
    for (const code of codes) {
      const words = name(code, t);
      expect(words, code).not.toBe(code);
      expect(words, code).not.toMatch(/^companies\./);
    }
  });

  it('shows a code it has no name for as the code', () => {
    expect(legalFormName('gmbh', t)).toBe('gmbh');
  });
});
