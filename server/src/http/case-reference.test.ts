import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../kernel/errors.ts';
import { CASE_REFERENCE_MAX_LENGTH, caseReferenceOf } from './case-reference.ts';

function refusal(header: string | string[]): string {
  try {
    caseReferenceOf(header);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).code;
  }
  throw new Error(`accepted ${JSON.stringify(header)}`);
}

const latin1OfUtf8 = (text: string) => String.fromCharCode(...new TextEncoder().encode(text));

// A case number as people write them: any printable characters, not starting or ending in a space.
const caseNumber = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 60 })
  .map((text) => text.replace(/[\p{Cc}\u2028\u2029]/gu, '').trim())
  .filter((text) => text !== '' && [...text].length <= CASE_REFERENCE_MAX_LENGTH);

describe('the X-Case header', () => {
  it('names no case when absent', () => {
    expect(caseReferenceOf(undefined)).toBeNull();
  });

  it('reads an ASCII case number as sent, trimmed', () => {
    expect(caseReferenceOf('  12/2026 ')).toBe('12/2026');
  });

  it('decodes a Cyrillic case number that a browser sent percent-encoded', () => {
    expect(caseReferenceOf(encodeURIComponent('ДП-77/2026'))).toBe('ДП-77/2026');
  });

  it('reads a Cyrillic case number sent as raw UTF-8 bytes (Node.js reads them as Latin-1)', () => {
    expect(caseReferenceOf(latin1OfUtf8('пр.пр. 456/2026'))).toBe('пр.пр. 456/2026');
  });

  it('gives back any case number a browser percent-encodes, and any sent as raw UTF-8', () => {
    fc.assert(
      fc.property(caseNumber, (text) => {
        expect(caseReferenceOf(encodeURIComponent(text))).toBe(text);
        if (!text.includes('%')) expect(caseReferenceOf(latin1OfUtf8(text))).toBe(text);
      }),
    );
  });

  it.each([
    ['blank', '   '],
    ['a broken escape', '50%'],
    ['an escape that is not UTF-8', '%C3%28'],
    ['raw bytes that are not UTF-8', 'caf\u00e9'],
    ['an encoded NUL', 'a%00b'],
    ['an encoded line break', '12%0A13'],
    ['too long', 'x'.repeat(CASE_REFERENCE_MAX_LENGTH + 1)],
    ['too long once decoded', encodeURIComponent('Д'.repeat(CASE_REFERENCE_MAX_LENGTH + 1))],
  ])('refuses %s with validation-failed', (_case, header) => {
    expect(refusal(header)).toBe('validation-failed');
  });

  it('refuses two X-Case headers', () => {
    expect(refusal(['1', '2'])).toBe('validation-failed');
  });
});
