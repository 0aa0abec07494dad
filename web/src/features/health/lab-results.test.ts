import type { Observation } from '@medplum/fhirtypes';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flagOf, groupResults, latestOutOfRange } from './lab-results.ts';

const LAB = [
  { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] },
];

function hba1c(date: string, value: number, range = { low: 4, high: 6 }): Observation {
  return {
    resourceType: 'Observation',
    id: `a-${date}`,
    status: 'final',
    category: LAB,
    code: { coding: [{ system: 'http://loinc.org', code: '4548-4' }] },
    effectiveDateTime: date,
    valueQuantity: { value, unit: '%', code: '%' },
    referenceRange: [{ low: { value: range.low }, high: { value: range.high } }],
  };
}

describe('results grouped by test', () => {
  it('puts every value of a test in one group, oldest first, each flagged against its range', () => {
    const groups = groupResults([
      hba1c('2025-03-01', 7.1),
      hba1c('2023-03-01', 5.6),
      hba1c('2024-03-01', 3.9),
    ]);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.points.map((point) => [point.date, point.flag])).toEqual([
      ['2023-03-01', 'normal'],
      ['2024-03-01', 'low'],
      ['2025-03-01', 'high'],
    ]);
    expect(groups[0]!.range).toEqual({ low: 4, high: 6 });
    expect(latestOutOfRange(groups[0]!)).toBe(true);
  });

  it('takes the range of the latest value that has one (ranges change with age)', () => {
    const groups = groupResults([
      hba1c('2020-01-01', 5, { low: 3, high: 5.5 }),
      hba1c('2024-01-01', 5, { low: 4, high: 6 }),
    ]);
    expect(groups[0]!.range).toEqual({ low: 4, high: 6 });
  });

  it('lists laboratory tests before vital signs, and splits a blood pressure into its two measurements', () => {
    const pressure: Observation = {
      resourceType: 'Observation',
      status: 'final',
      category: [{ coding: [{ code: 'vital-signs' }] }],
      code: { coding: [{ system: 'http://loinc.org', code: '85354-9' }] },
      effectiveDateTime: '2025-01-01',
      component: [
        {
          code: { coding: [{ system: 'http://loinc.org', code: '8480-6' }] },
          valueQuantity: { value: 150, code: 'mm[Hg]' },
        },
        {
          code: { coding: [{ system: 'http://loinc.org', code: '8462-4' }] },
          valueQuantity: { value: 85, code: 'mm[Hg]' },
        },
      ],
    };
    const groups = groupResults([pressure, hba1c('2025-01-01', 5)]);
    expect(groups.map((group) => [group.key, group.kind])).toEqual([
      ['http://loinc.org|4548-4', 'laboratory'],
      ['http://loinc.org|8480-6', 'vital-signs'],
      ['http://loinc.org|8462-4', 'vital-signs'],
    ]);
  });

  it('leaves out values entered in error, values without a number and values without a date', () => {
    const wrong = { ...hba1c('2025-01-01', 9), status: 'entered-in-error' as const };
    const text: Observation = {
      ...hba1c('2025-02-01', 0),
      valueQuantity: undefined,
      valueString: 'positive',
    };
    const undated: Observation = { ...hba1c('2025-03-01', 5), effectiveDateTime: undefined };
    expect(groupResults([wrong, text, undated])).toEqual([]);
  });

  it('reads the laboratory interpretation when a value has no range', () => {
    expect(flagOf(12, null, [{ coding: [{ code: 'H' }] }])).toBe('high');
    expect(flagOf(1, null, [{ coding: [{ code: 'LL' }] }])).toBe('low');
    expect(flagOf(1, null, undefined)).toBe('unknown');
  });

  it('flags a value high exactly when it is above the range and low exactly when below (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        (value, a, b) => {
          const range = { low: Math.min(a, b), high: Math.max(a, b) };
          const flag = flagOf(value, range, undefined);
          expect(flag === 'high').toBe(value > range.high);
          expect(flag === 'low').toBe(value < range.low);
          expect(flag === 'normal').toBe(value >= range.low && value <= range.high);
        },
      ),
    );
  });
});
