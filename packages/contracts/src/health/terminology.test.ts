import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ALL_TERMS,
  CONDITIONS,
  CodeSystem,
  conceptLabel,
  dosageText,
  interpret,
  LABS,
  MEDICINES,
  referenceRangeFor,
  type TermLocale,
  termLabel,
  termOf,
  VACCINES,
} from './terminology.ts';

const LOCALES: TermLocale[] = ['bg', 'en', 'pl'];

describe('terminology', () => {
  it('gives every term a display and a label in Bulgarian, English and Polish', () => {
    for (const t of ALL_TERMS) {
      expect(t.display.trim(), `${t.system}|${t.code}`).not.toBe('');
      for (const locale of LOCALES) {
        expect(t.labels[locale].trim(), `${t.code} ${locale}`).not.toBe('');
        expect(t.labels[locale], `${t.code} ${locale}`).not.toBe(t.code);
      }
    }
  });

  it('writes Bulgarian labels in Cyrillic (apart from abbreviations) and Polish ones in Latin', () => {
    for (const t of ALL_TERMS) {
      expect(t.labels.bg, t.code).toMatch(/[а-яА-Я]/);
      expect(t.labels.pl, t.code).not.toMatch(/[а-яА-Я]/);
    }
  });

  it('knows no code twice with different meanings', () => {
    const keys = ALL_TERMS.map((t) => `${t.system}|${t.code}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('finds a term by system and code, and labels it in the asked language', () => {
    expect(termOf(CodeSystem.icd10, 'I10')).toBe(CONDITIONS.hypertension);
    expect(termLabel(CodeSystem.loinc, '4548-4', 'bg')).toBe('Гликиран хемоглобин (HbA1c)');
    expect(termLabel(CodeSystem.atc, 'C09AA05', 'pl')).toBe('Ramipryl');
    expect(termOf(CodeSystem.loinc, 'I10')).toBeUndefined();
  });

  it('never shows a raw unknown code: the fallback or a neutral phrase instead', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.constantFrom(...LOCALES), (code, locale) => {
        fc.pre(!termOf(CodeSystem.icd10, code));
        const label = termLabel(CodeSystem.icd10, code, locale);
        expect(label).not.toBe(code);
        expect(termLabel(CodeSystem.icd10, code, locale, 'Shown text')).toBe('Shown text');
      }),
    );
  });

  it('labels a CodeableConcept by its first known coding', () => {
    const concept = {
      coding: [
        { system: 'urn:other', code: 'x' },
        { system: CodeSystem.icd10, code: 'E11', display: 'Type 2 diabetes mellitus' },
      ],
    };
    expect(conceptLabel(concept, 'bg')).toBe('Захарен диабет тип 2');
    expect(conceptLabel({ text: 'Free text' }, 'en')).toBe('Free text');
    expect(conceptLabel(undefined, 'pl')).toBe('Wpis bez kodu');
  });

  it('marks mental-health conditions as sensitive', () => {
    expect(CONDITIONS.depression.sensitive).toBe(true);
    expect(CONDITIONS.hypertension.sensitive).toBe(false);
  });

  it('picks the reference range by sex and age', () => {
    expect(referenceRangeFor(LABS.haemoglobin, 'male', 40)).toMatchObject({ low: 13.5 });
    expect(referenceRangeFor(LABS.haemoglobin, 'female', 40)).toMatchObject({ low: 12 });
    expect(referenceRangeFor(LABS.haemoglobin, 'female', 6)).toMatchObject({ low: 11.5 });
    expect(interpret(7.4, referenceRangeFor(LABS.hba1c, 'male', 60))).toBe('H');
    expect(interpret(5.1, referenceRangeFor(LABS.hba1c, 'male', 60))).toBe('N');
    expect(interpret(10, referenceRangeFor(LABS.haemoglobin, 'female', 30))).toBe('L');
  });

  it('writes the dosage in words in each language', () => {
    expect(dosageText(MEDICINES.ramipril.dose, 'en')).toBe('1 tablet (5 mg) once a day');
    expect(dosageText(MEDICINES.amoxicillin.dose, 'bg')).toBe('1 капсула (500 мг) 3 пъти дневно, за 7 дни');
    expect(dosageText(MEDICINES.alendronicAcid.dose, 'pl')).toBe('1 tabletka (70 mg) raz w tygodniu');
    expect(dosageText(MEDICINES.indapamide.dose, 'pl')).toBe('1 tabletka (1,5 mg) raz dziennie');
  });

  it('holds the Bulgarian calendar: BCG at birth, the six-in-one at 2, 3 and 4 months, MMR at 13 months', () => {
    expect(VACCINES.bcg.scheduleMonths).toContain(0);
    expect(VACCINES.hexavalent.scheduleMonths).toEqual([2, 3, 4, 16]);
    expect(VACCINES.mmr.scheduleMonths[0]).toBe(13);
    for (const v of Object.values(VACCINES)) expect(v.code).toMatch(/^J07/);
  });
});
