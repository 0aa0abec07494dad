import i18next, { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { LEGAL_BASES, PURPOSES } from '../../../../server/src/kernel/purposes.ts';
import bg from '../../../../server/src/registers/instance/bg/instance.json' with { type: 'json' };
import { localeResources, supportedLanguageCodes } from '../../shared/i18n/languages.ts';
import { legalBasisLabel, organisationNames, purposeLabel } from './labels.tsx';

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

/** Issue 14, item 16: purposes, legal bases, administrations and registers in words, never as codes or ids. */
describe.each(supportedLanguageCodes)('the words for codes in %s', (language) => {
  it('has a label for every purpose and legal basis the server can record', async () => {
    const t = await translator(language);
    for (const purpose of PURPOSES) {
      const label = purposeLabel(purpose, t);
      expect(label, purpose).not.toBe(purpose);
      expect(label, purpose).not.toMatch(CODE);
    }
    for (const basis of Object.keys(LEGAL_BASES)) {
      const label = legalBasisLabel(basis, t);
      expect(label, basis).not.toBe(basis);
      expect(label, basis).not.toMatch(CODE);
    }
  });

  it('names every administration and system of the exchange, never by its id', async () => {
    const t = await translator(language);
    for (const member of bg.members) {
      for (const subsystem of member.subsystems) {
        const id = `BG/${member.memberClass}/${member.memberCode}/${subsystem.code}`;
        const names = organisationNames({ id, name: member.name, systemName: subsystem.name }, t);
        for (const name of [names.administration, names.system]) {
          expect(name.text, id).not.toMatch(/BG\/GOV|^[0-9]{9}$/);
          expect(name.text, id).not.toBe(subsystem.code);
          // Translated: not the registry's Bulgarian name marked as such.
          expect(name.lang, id).toBeUndefined();
        }
        if (language === 'bg') expect(names.administration.text).toBe(member.name);
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
