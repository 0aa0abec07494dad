import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../kernel/index.ts';
import { formatDate, summaryLanguage } from './labels.ts';
import { answerFormat, parseSince, parseTypes, parseWhole } from './params.ts';

/** The code an AppError carries, or the value returned. */
function outcome<T>(call: () => T): T | string {
  try {
    return call();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).code;
  }
}

describe("the operations' parameters", () => {
  it('read every FHIR instant and date, at its instant', () => {
    expect(parseSince('2024-03-05')?.toISOString()).toBe('2024-03-05T00:00:00.000Z');
    expect(parseSince('2024-03-05T10:20:30+02:00')?.toISOString()).toBe('2024-03-05T08:20:30.000Z');
    expect(parseSince('2024-03-05T10:20:30.123Z')?.toISOString()).toBe('2024-03-05T10:20:30.123Z');
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2999-12-31'), noInvalidDate: true }),
        (date) => {
          expect(parseSince(date.toISOString())?.getTime()).toBe(date.getTime());
        },
      ),
    );
  });

  it('refuse any other text as ips-parameter-invalid, never otherwise', () => {
    for (const bad of [
      '2024-02-30',
      '2023-02-29T00:00:00Z',
      '2024-13-01',
      '2024-01-01T24:00:00Z',
      '2024-01-01T10:00',
    ])
      expect(outcome(() => parseSince(bad))).toBe('ips-parameter-invalid');
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        const result = outcome(() => parseSince(text));
        if (typeof result === 'string') expect(result).toBe('ips-parameter-invalid');
        else expect(Number.isNaN(result!.getTime())).toBe(false);
      }),
    );
  });

  it('read _type as type names and _count within bounds', () => {
    expect(parseTypes({ _type: 'Condition, Observation' })).toEqual(['Condition', 'Observation']);
    expect(parseTypes({ _type: ['Condition', 'Condition,Procedure'] })).toEqual(['Condition', 'Procedure']);
    expect(parseTypes({})).toBeUndefined();
    for (const bad of ['', 'condition', 'Condition;DROP', 'Cond ition'])
      expect(outcome(() => parseTypes({ _type: bad }))).toBe('ips-parameter-invalid');
    const bounds = { min: 1, max: 1000, fallback: 100 };
    expect(parseWhole(undefined, '_count', bounds)).toBe(100);
    expect(parseWhole('1000', '_count', bounds)).toBe(1000);
    for (const bad of ['0', '1001', '-1', '1e3', ' 5', '99999999999'])
      expect(outcome(() => parseWhole(bad, '_count', bounds))).toBe('ips-parameter-invalid');
  });

  it('answer FHIR JSON or, where allowed, PDF; anything else is not-acceptable', () => {
    expect(answerFormat(undefined, '', true)).toBe('json');
    expect(answerFormat(undefined, 'application/pdf', true)).toBe('pdf');
    expect(answerFormat(undefined, 'text/html, application/pdf;q=0.5', true)).toBe('pdf');
    expect(answerFormat(undefined, 'application/pdf;q=0.4, application/fhir+json', true)).toBe('json');
    expect(answerFormat('pdf', '*/*', true)).toBe('pdf');
    expect(outcome(() => answerFormat(undefined, 'application/pdf', false))).toBe('not-acceptable');
    expect(outcome(() => answerFormat('xml', '*/*', true))).toBe('not-acceptable');
    expect(outcome(() => answerFormat(undefined, 'application/fhir+xml', true))).toBe('not-acceptable');
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.boolean(), (accept, pdf) => {
        expect(['json', 'pdf', 'not-acceptable']).toContain(
          outcome(() => answerFormat(undefined, accept, pdf)),
        );
      }),
    );
  });

  it('pick the language from _language, then Accept-Language by preference, then the fallback', () => {
    expect(summaryLanguage({ language: 'pl' }, 'bg')).toBe('pl');
    expect(summaryLanguage({ language: 'en-GB' }, 'bg')).toBe('en');
    expect(summaryLanguage({ language: 'de' }, 'bg')).toBeNull();
    expect(summaryLanguage({ acceptLanguage: 'de, pl;q=0.8, en;q=0.9' }, 'bg')).toBe('en');
    expect(summaryLanguage({ acceptLanguage: 'de, fr' }, 'bg')).toBe('bg');
    expect(summaryLanguage({}, 'pl')).toBe('pl');
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (header) => {
        expect(['bg', 'en', 'pl']).toContain(summaryLanguage({ acceptLanguage: header }, 'en'));
      }),
    );
  });

  it('write dates as each language does', () => {
    expect(formatDate('2024-03-05T10:00:00Z', 'bg')).toBe('05.03.2024');
    expect(formatDate('2024-03-05', 'pl')).toBe('05.03.2024');
    expect(formatDate('2024-03', 'en')).toBe('2024-03');
    expect(formatDate(undefined, 'en')).toBe('');
  });
});
