import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../kernel/index.ts';
import { dateRange } from './dates.ts';
import { SEARCH_PARAMETERS } from './parameters.ts';

/** A value with FHIR's search escapes: a backslash before each comma, bar, dollar and backslash. */
const escaped = (text: string) => text.replace(/[\\,|$]/g, (char) => `\\${char}`);

import { MAX_COUNT, parseSearch, parseToken, splitEscaped } from './parse.ts';

const codeOf = (run: () => unknown): string | null => {
  try {
    run();
    return null;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return error.code;
  }
};

const observationKeys = [...(SEARCH_PARAMETERS.get('Observation')?.keys() ?? [])];
const MODIFIERS = ['', ':missing', ':not', ':exact', ':contains', ':Patient', ':text', ':iterate'];
const SPECIAL = ['_count', '_offset', '_sort', '_total', '_summary', '_elements', '_include', '_revinclude'];

describe('search parsing', () => {
  it('answers any query with a parsed search or one of its two codes, never another error', () => {
    const key = fc.oneof(
      fc
        .tuple(fc.constantFrom(...observationKeys), fc.constantFrom(...MODIFIERS))
        .map(([name, modifier]) => name + modifier),
      fc.constantFrom(...SPECIAL),
      fc.string({ maxLength: 12 }),
    );
    const value = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom(
        'ge2024-01-01',
        'lt2024',
        '2024-02-30',
        'http://loinc.org|2345-7',
        '|x',
        'a\\,b,c',
        'ap5.4||mg',
        '-date',
        '1001',
      ),
    );
    fc.assert(
      fc.property(fc.dictionary(key, fc.oneof(value, fc.array(value, { maxLength: 3 }))), (params) => {
        const code = codeOf(() => parseSearch('Observation', params));
        expect([null, 'fhir-search-unknown-parameter', 'fhir-search-invalid-value']).toContain(code);
      }),
      { numRuns: 2_000 },
    );
  });

  it('reads system|code back whatever the characters, escaped separators included', () => {
    const part = fc.string({ minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(part, part, (system, code) => {
        expect(parseToken(`${escaped(system)}|${escaped(code)}`, 'code')).toEqual({ system, code });
      }),
    );
  });

  it('splits at unescaped separators only, and unescapes', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 10 }), { minLength: 1, maxLength: 5 }), (parts) => {
        expect(splitEscaped(parts.map(escaped).join(','), ',')).toEqual(parts);
      }),
    );
  });

  it('reads every valid date at every precision as the range it covers', () => {
    const date = fc.date({
      min: new Date('0001-01-01T00:00:00Z'),
      max: new Date('9998-12-31T23:59:59Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 4 }), (when, precision) => {
        const iso = when.toISOString();
        const text = [iso.slice(0, 4), iso.slice(0, 7), iso.slice(0, 10), `${iso.slice(0, 19)}Z`, iso][
          precision
        ] as string;
        const range = dateRange(text);
        expect(range).not.toBeNull();
        expect(range?.low).toBeLessThanOrEqual(when.getTime());
        expect(range?.high).toBeGreaterThan(when.getTime());
        if (precision === 2) expect((range?.high ?? 0) - (range?.low ?? 0)).toBe(86_400_000);
      }),
    );
  });

  it('refuses impossible dates and non-dates', () => {
    for (const text of [
      '2024-02-30',
      '2023-02-29',
      '2024-13',
      '2024-00-10',
      '24-01-01',
      '2024-01-01T25:00:00Z',
      '2024-01-01T10:00+15:00',
      'today',
    ]) {
      expect(dateRange(text), text).toBeNull();
      expect(
        codeOf(() => parseSearch('Observation', { date: text })),
        text,
      ).toBe('fhir-search-invalid-value');
    }
    expect(dateRange('2024-02-29')).not.toBeNull();
  });

  it('reads prefixes of dates and quantities, and the precision of a number', () => {
    const search = parseSearch('Observation', {
      date: 'sa2024-01',
      'value-quantity': 'le5.40|http://unitsofmeasure.org|mmol/L',
    });
    expect(search.filters[0]).toMatchObject({ kind: 'date', values: [{ prefix: 'sa' }] });
    expect(search.filters[1]).toMatchObject({
      kind: 'quantity',
      values: [
        {
          prefix: 'le',
          number: '5.40',
          halfUnit: '0.005',
          system: 'http://unitsofmeasure.org',
          code: 'mmol/L',
        },
      ],
    });
  });

  it('reads references as Type/id, a bare id of a one-target parameter, or an absolute URL', () => {
    const values = (params: Record<string, string>) => {
      const [filter] = parseSearch('Observation', params).filters;
      return filter?.kind === 'reference' ? filter.values : null;
    };
    expect(values({ patient: 'Patient/abc' })).toEqual([{ type: 'Patient', id: 'abc' }]);
    expect(values({ patient: 'abc' })).toEqual([{ type: 'Patient', id: 'abc' }]);
    expect(values({ subject: 'abc' })).toEqual([{ type: null, id: 'abc' }]);
    expect(values({ subject: 'https://x.example/fhir/R4/Patient/abc/_history/2' })).toEqual([
      { type: 'Patient', id: 'abc' },
    ]);
    expect(codeOf(() => parseSearch('Observation', { patient: 'Patient/a b' }))).toBe(
      'fhir-search-invalid-value',
    );
    expect(codeOf(() => parseSearch('Observation', { 'subject:Practitioner': 'x' }))).toBe(
      'fhir-search-unknown-parameter',
    );
  });

  it('pages with a default of 20 and at most 1,000 a page', () => {
    expect(parseSearch('Observation', {}).count).toBe(20);
    expect(parseSearch('Observation', { _count: '5000' }).count).toBe(MAX_COUNT);
    expect(codeOf(() => parseSearch('Observation', { _count: '-1' }))).toBe('fhir-search-invalid-value');
    expect(codeOf(() => parseSearch('Observation', { _count: ['1', '2'] }))).toBe(
      'fhir-search-invalid-value',
    );
    expect(codeOf(() => parseSearch('Observation', { _offset: '100001' }))).toBe('fhir-search-invalid-value');
  });

  it('ignores _format and _pretty, refuses the parameters it does not support', () => {
    expect(parseSearch('Patient', { _format: 'json', _pretty: 'true' }).filters).toEqual([]);
    for (const key of ['_has', '_tag', '_text', 'name.family', 'code:text', 'date:missingx']) {
      expect(
        codeOf(() => parseSearch('Patient', { [key]: 'x' })),
        key,
      ).toBe('fhir-search-unknown-parameter');
    }
    expect(codeOf(() => parseSearch('Patient', { _summary: 'true' }))).toBe('fhir-search-invalid-value');
    expect(codeOf(() => parseSearch('Patient', { name: 'x'.repeat(1025) }))).toBe(
      'fhir-search-invalid-value',
    );
    expect(codeOf(() => parseSearch('Patient', { 'na\u0007me': 'x' }))).toBe('fhir-search-unknown-parameter');
    expect(codeOf(() => parseSearch('Basic', {}))).toBe('fhir-search-unknown-parameter');
  });
});
