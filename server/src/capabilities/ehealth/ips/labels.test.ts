import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readerName } from './labels.ts';

describe('names in the reader’s script', () => {
  it('keeps a name as written for a Bulgarian reader', () => {
    expect(readerName('Мария Петрова', 'bg')).toBe('Мария Петрова');
    expect(readerName('д-р Георги Иванов', 'bg')).toBe('д-р Георги Иванов');
  });

  it('writes it in Latin script by the Transliteration Act for English and Polish, the original in brackets', () => {
    for (const language of ['en', 'pl'] as const) {
      expect(readerName('Мария Петрова', language)).toBe('Maria Petrova (Мария Петрова)');
      expect(readerName('Щерю Жечев', language)).toBe('Shteryu Zhechev (Щерю Жечев)');
      expect(readerName('УМБАЛ „Александровска“', language)).toBe(
        'UMBAL „Aleksandrovska“ (УМБАЛ „Александровска“)',
      );
      expect(readerName('Мария Петрова', language, { original: false })).toBe('Maria Petrova');
    }
  });

  it('writes a title before the name in the reader’s words', () => {
    expect(readerName('д-р Георги Иванов', 'en')).toBe('Dr Georgi Ivanov (д-р Георги Иванов)');
    expect(readerName('проф. Юлия Илиева', 'pl')).toBe('prof. Yulia Ilieva (проф. Юлия Илиева)');
  });

  it('shows a name already in Latin script once', () => {
    expect(readerName('John Smith', 'en')).toBe('John Smith');
    expect(readerName('Łukasz Żak', 'pl')).toBe('Łukasz Żak');
  });

  it('leaves no Cyrillic letter outside the brackets, for any Bulgarian name', () => {
    const letter = fc.constantFrom(...'абвгдежзийклмнопрстуфхцчшщъьюяАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЮЯ');
    const word = fc.array(letter, { minLength: 1, maxLength: 12 }).map((letters) => letters.join(''));
    const name = fc.array(word, { minLength: 1, maxLength: 4 }).map((words) => words.join(' '));
    fc.assert(
      fc.property(name, fc.constantFrom('en' as const, 'pl' as const), (recorded, language) => {
        const shown = readerName(recorded, language);
        expect(shown.endsWith(` (${recorded})`)).toBe(true);
        expect(shown.slice(0, -(recorded.length + 3))).toMatch(/^[A-Za-z .-]+$/);
      }),
    );
  });
});
