import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { controlCharacterIndex, findControlCharacter } from './control-characters.ts';

const controlCharacter = fc
  .integer({ min: 0, max: 0x1f })
  .chain((code) => fc.constantFrom(String.fromCharCode(code), '\u007f'));
/** Text without any C0 control character or DEL (any other Unicode, surrogate pairs included). */
const cleanText = fc.string({ unit: 'grapheme', maxLength: 40 }).map((text) => text.replace(/\p{Cc}/gu, ''));

describe('control characters (issue 14, item 7)', () => {
  it('finds the first control character a kind of text does not allow', () => {
    expect(controlCharacterIndex('a\u0000b', 'line')).toBe(1);
    expect(controlCharacterIndex('tab\there', 'line')).toBe(3);
    expect(controlCharacterIndex('tab\there', 'header')).toBe(-1);
    expect(controlCharacterIndex('two\nlines\r\n', 'header')).toBe(3);
    expect(controlCharacterIndex('two\nlines\r\n\ttabbed', 'multiline')).toBe(-1);
    expect(controlCharacterIndex('bell\u0007', 'multiline')).toBe(4);
    expect(controlCharacterIndex('delete\u007f', 'multiline')).toBe(6);
    expect(controlCharacterIndex('Иван Петров, ул. „Шипка“ 6 ✓ 😀', 'line')).toBe(-1);
  });

  it('finds a control character anywhere in a JSON value, naming where without echoing it', () => {
    fc.assert(
      fc.property(
        fc
          .jsonValue({ maxDepth: 4 })
          .map((value) => JSON.parse(JSON.stringify(value).replace(/\\u00[01][0-9a-f]|\\u007f/gi, ''))),
        cleanText,
        controlCharacter.filter((character) => !'\t\n\r'.includes(character)),
        cleanText,
        (document, before, character, after) => {
          expect(findControlCharacter(document, 'multiline')).toBeNull();
          const poisoned = { wrapper: [document, { field: `${before}${character}${after}` }] };
          const found = findControlCharacter(poisoned, 'multiline');
          expect(found).toEqual({
            path: '/wrapper/1/field',
            character: `U+${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('looks into keys, and into objects without a prototype (query strings, forms), but not into bytes', () => {
    const query = Object.assign(Object.create(null), { 'a\u0000': 'x' });
    expect(findControlCharacter(query, 'line')).toEqual({ path: '/a', character: 'U+0000' });
    expect(findControlCharacter({ 'a/b~c': ['ok', 'n\u0001'] }, 'line')).toEqual({
      path: '/a~1b~0c/1',
      character: 'U+0001',
    });
    expect(findControlCharacter(Buffer.from('a\u0000b'), 'line')).toBeNull();
    // A body nested 100,000 deep is walked without overflowing the call stack.
    const deep = JSON.parse(`${'['.repeat(100_000)}"\\u0000"${']'.repeat(100_000)}`);
    const found = findControlCharacter(deep, 'multiline');
    expect(found?.character).toBe('U+0000');
    // The answer names the place, cut short: 100,000 levels are not repeated back.
    expect(found?.path).toBe(`${'/0'.repeat(128).slice(0, 255)}…`);
    expect(findControlCharacter({ note: 'line one\nline two' }, 'multiline')).toBeNull();
    expect(findControlCharacter({ note: 'line one\nline two' }, 'line')).toEqual({
      path: '/note',
      character: 'U+000A',
    });
  });
});
