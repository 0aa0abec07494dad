import i18next, { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { legalBasisLabel, organisationNames, purposeLabel } from './code-labels.tsx';
import { FALLBACK_LANGUAGE, supportedLanguageCodes } from './languages.ts';
import { localeResources } from './locale-resources.ts';

async function translator(language: string): Promise<TFunction> {
  const instance = i18next.createInstance();
  await instance.init({
    lng: language,
    resources: Object.fromEntries(
      Object.entries(localeResources).map(([code, resource]) => [code, { translation: resource }]),
    ),
    interpolation: { escapeValue: false },
  });
  return instance.t;
}

const CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

// The codes the app has words for. That every code the server can record is among them is
// checked on the server's side (server/src/kernel/purpose-texts.test.ts, exchange/catalogue-texts.test.ts),
// which reads these locale files: the web imports nothing from the server.
const known = localeResources[FALLBACK_LANGUAGE]!;
const PURPOSES = Object.keys(known.purposes);
const LEGAL_BASES = Object.keys(known.legalBases);
const ADMINISTRATIONS = Object.keys(known.administrations);
const SYSTEMS = Object.keys(known.registers);

/** Issue 14, item 16: purposes, legal bases, administrations and registers in words, never as codes or ids. */
describe.each(supportedLanguageCodes)('the words for codes in %s', (language) => {
  it('has a label for every purpose and legal basis it knows', async () => {
    const t = await translator(language);
    for (const purpose of PURPOSES) {
      const label = purposeLabel(purpose, t);
      expect(label, purpose).not.toBe(purpose);
      expect(label, purpose).not.toMatch(CODE);
    }
    for (const basis of LEGAL_BASES) {
      const label = legalBasisLabel(basis, t);
      expect(label, basis).not.toBe(basis);
      expect(label, basis).not.toMatch(CODE);
    }
  });

  it('names every administration and system it knows by its exchange id, never by the id', async () => {
    const t = await translator(language);
    for (const memberCode of ADMINISTRATIONS) {
      for (const systemCode of SYSTEMS) {
        const id = `BG/GOV/${memberCode}/${systemCode}`;
        const names = organisationNames({ id, name: 'Регистрирано име', systemName: 'Система' }, t);
        for (const name of [names.administration, names.system]) {
          expect(name.text, id).not.toMatch(/BG\/GOV|^[0-9]{9}$/);
          expect(name.text, id).not.toBe(systemCode);
          // Translated: not the registry's Bulgarian name marked as such.
          expect(name.lang, id).toBeUndefined();
        }
        expect(names.administration.text).toBe(
          localeResources[language]!.administrations[memberCode as keyof typeof known.administrations],
        );
      }
    }
  });

  it('reads records made before the codes, and shows an unknown wording as it was recorded', async () => {
    const t = await translator(language);
    expect(purposeLabel('vehicle history report', t)).toBe(purposeLabel('vehicle-history-report', t));
    expect(legalBasisLabel('GDPR Art. 15', t)).toBe(legalBasisLabel('gdpr-art-15', t));
    expect(purposeLabel('review of complaint 42', t)).toBe('review of complaint 42');
    const unknown = organisationNames(
      { id: 'BG/GOV/121552420/somebody', name: 'Някоя агенция', systemName: 'Някоя система' },
      t,
    );
    expect(unknown).toEqual({
      administration: { text: 'Някоя агенция', lang: 'bg' },
      system: { text: 'Някоя система', lang: 'bg' },
    });
  });
});
