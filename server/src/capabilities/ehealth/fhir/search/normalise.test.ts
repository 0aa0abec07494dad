import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseString } from './normalise.ts';
import { successor } from './sql.ts';

const utf8Order = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

describe('string normalisation', () => {
  it('drops case and diacritics, keeps Cyrillic', () => {
    expect(normaliseString('Łukasiewicz')).toBe('lukasiewicz');
    expect(normaliseString('Zoë  Müller-Lüdenscheidt')).toBe('zoe muller-ludenscheidt');
    expect(normaliseString('ИВАН Петров')).toBe('иван петров');
    expect(normaliseString('Йордан Ёлкин')).toBe('иордан елкин');
    expect(normaliseString('Żółć Śląsk')).toBe('zolc slask');
  });

  it('is idempotent: a normalised query matches the normalised index', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (text) => {
        expect(normaliseString(normaliseString(text))).toBe(normaliseString(text));
      }),
    );
  });

  it('bounds a prefix: every string that starts with it sorts before its successor (code point order)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }),
        fc.string({ unit: 'grapheme', maxLength: 8 }),
        (prefix, rest) => {
          const after = successor(prefix);
          if (after === null) return;
          expect(utf8Order(prefix + rest, after)).toBeLessThan(0);
          expect(utf8Order(prefix, after)).toBeLessThan(0);
        },
      ),
    );
  });
});
