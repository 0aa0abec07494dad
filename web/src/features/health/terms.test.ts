import { describe, expect, it } from 'vitest';
import { conceptLabel, termLocale } from './terms.ts';

describe('clinical codes in words', () => {
  it('reads the terminology in the three languages, English for any other', () => {
    expect(termLocale('bg')).toBe('bg');
    expect(termLocale('pl-PL')).toBe('pl');
    expect(termLocale('de')).toBe('en');
  });

  it("falls back to the record's own words and never to the bare code", () => {
    const unknown = { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'Z99.999' }] };
    expect(conceptLabel(unknown, 'en')).toBeNull();
    expect(conceptLabel({ ...unknown, text: 'Something rare' }, 'en')).toBe('Something rare');
    expect(conceptLabel({ coding: [{ system: 'x', code: 'y', display: 'Shown' }] }, 'bg')).toBe('Shown');
  });
});
