import { REPORT_REGISTERS } from '@civitas/contracts/api/vehicle-report.ts';
import { OFFENCES } from '@civitas/contracts/registers/fines.ts';
import { INSPECTION_RESULTS } from '@civitas/contracts/registers/inspections.ts';
import {
  BODY_TYPES,
  COLOURS,
  FUELS,
  VEHICLE_CATEGORIES,
  VEHICLE_STATUSES,
} from '@civitas/contracts/registers/vehicles.ts';
import { createInstance, type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { localeResources } from '../../shared/i18n/locale-resources.ts';
import {
  bodyName,
  categoryName,
  colourName,
  fuelName,
  inspectionResultName,
  offenceName,
  registerName,
} from './report-labels.ts';

const languages = Object.keys(localeResources);
const namers: Array<[string, readonly string[], (code: string, t: TFunction) => string]> = [
  ['fuel', FUELS, fuelName],
  ['body', BODY_TYPES, bodyName],
  ['colour', COLOURS, colourName],
  ['category', VEHICLE_CATEGORIES, categoryName],
  ['offence', OFFENCES, offenceName],
  ['inspection result', INSPECTION_RESULTS, inspectionResultName],
  ['register', REPORT_REGISTERS, registerName],
];

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

describe('register codes on screen', () => {
  it('are known in Bulgarian, English and Polish at least', () => {
    expect(languages).toEqual(expect.arrayContaining(['bg', 'en', 'pl']));
  });

  it.each(languages)(
    'every register code has words in %s, never the code or a translation key',
    (language) => {
      const t = translatorFor(language);
      for (const [kind, codes, name] of namers) {
        for (const code of codes) {
          const words = name(code, t);
          expect({ kind, code, words }).not.toMatchObject({ words: code });
          expect(words).not.toMatch(/^(registerCodes|vehicleReport)\./);
          expect(words.trim()).not.toBe('');
        }
      }
    },
  );

  it.each(languages)('every vehicle status has words in %s', (language) => {
    const t = translatorFor(language);
    for (const status of VEHICLE_STATUSES) {
      const words = t(`vehicleReport.registration.statuses.${status}`);
      expect(words).not.toBe(`vehicleReport.registration.statuses.${status}`);
    }
  });

  it('names a code in the language asked for', () => {
    expect(colourName('dark-blue', translatorFor('pl'))).toBe('Granatowy');
    expect(colourName('dark-blue', translatorFor('bg'))).toBe('Тъмносин');
    expect(bodyName('estate', translatorFor('en'))).toBe('Estate');
    expect(offenceName('no-seat-belt', translatorFor('pl'))).toBe('Jazda bez zapiętych pasów bezpieczeństwa');
  });
});
