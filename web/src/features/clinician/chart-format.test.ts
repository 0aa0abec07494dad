import type { Observation } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import {
  currentFirst,
  flagOf,
  latestPerTest,
  prescriptionNumber,
  prescriptionQrText,
  rangeText,
  unitText,
} from './chart-format.ts';
import { ageOn, nameText } from './patient-format.ts';

const number = (value: number) => String(value);
const lab = (value: number, low?: number, high?: number): Observation => ({
  resourceType: 'Observation',
  status: 'final',
  code: {},
  valueQuantity: { value, unit: '%' },
  referenceRange: [
    {
      ...(low !== undefined && { low: { value: low } }),
      ...(high !== undefined && { high: { value: high } }),
    },
  ],
});

describe("the chart's wording", () => {
  it('flags a result as stated, or from its value against its range', () => {
    expect(flagOf({ ...lab(5), interpretation: [{ coding: [{ code: 'H' }] }] })).toBe('high');
    expect(flagOf(lab(7.9, 4, 5.6))).toBe('high');
    expect(flagOf(lab(3, 4, 5.6))).toBe('low');
    expect(flagOf(lab(5, 4, 5.6))).toBe('normal');
    expect(flagOf({ ...lab(5), referenceRange: undefined })).toBeNull();
  });

  it('writes a reference range as people read it', () => {
    expect(rangeText(lab(5, 4, 5.6), number)).toBe('4–5.6 %');
    expect(rangeText(lab(5, undefined, 5.2), number)).toBe('< 5.2 %');
    expect(rangeText(lab(5, 60), number)).toBe('> 60 %');
  });

  it('shows units as people write them, never as UCUM codes', () => {
    expect(unitText('mm[Hg]')).toBe('mmHg');
    expect(unitText('10*9/L')).toBe('×10⁹/L');
    expect(unitText('mg/dL')).toBe('mg/dL');
  });

  it('finds the prescription number, and puts it in the QR with a tag that names nobody', async () => {
    const request = {
      resourceType: 'MedicationRequest' as const,
      status: 'active' as const,
      intent: 'order' as const,
      subject: {},
      identifier: [{ system: 'https://civitas.example/fhir/sid/prescription-number', value: 'A3F9K2M7Q8XW' }],
    };
    expect(prescriptionNumber(request)).toBe('A3F9K2M7Q8XW');
    // The tag is the e-prescription part's: sha256 of `civitas-rx|<number>|<Patient id>`, base64url, 16 characters.
    await expect(prescriptionQrText('A3F9K2M7Q8XW', 'pat-1')).resolves.toBe(
      'CIVRX1:A3F9K2M7Q8XW:hdLfOLIVEL8qy7it',
    );
  });

  it('names a patient and tells their age', () => {
    expect(nameText([{ use: 'official', given: ['Иван', 'Петров'], family: 'Иванов' }])).toBe(
      'Иван Петров Иванов',
    );
    expect(nameText([{ text: ' Maria Ivanova ' }])).toBe('Maria Ivanova');
    expect(nameText(undefined)).toBeNull();
    expect(ageOn('1970-04-12', '2026-04-11')).toBe(55);
    expect(ageOn('1970-04-12', '2026-04-12')).toBe(56);
    expect(ageOn('1970', '2026-12-06')).toBe(56);
    expect(ageOn(undefined, '2026-12-06')).toBeNull();
  });

  it('keeps the latest result of each test, counting the earlier ones', () => {
    const result = (id: string, code: string): Observation => ({
      resourceType: 'Observation',
      id,
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code }] },
    });
    const latest = latestPerTest([
      result('a', '4548-4'),
      result('b', '2160-0'),
      result('c', '4548-4'),
      result('d', '4548-4'),
    ]);
    expect(latest.map(({ observation, earlier }) => [observation.id, earlier])).toEqual([
      ['a', 2],
      ['b', 0],
    ]);
  });

  it('puts current things first, each group in its order', () => {
    expect(currentFirst([1, 2, 3, 4, 5], (n) => n % 2 === 0)).toEqual([2, 4, 1, 3, 5]);
  });
});
