import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasControlCharacters, REASON_MAX, REASON_MIN, reasonProblem } from './break-glass-form.ts';

/** A character a doctor types: letters of any script, digits, punctuation, spaces (no control characters). */
const typed = fc
  .string({ unit: 'grapheme', minLength: 0, maxLength: 1 })
  .filter((text) => text.length > 0 && !hasControlCharacters(text));

describe('the reason for break-glass', () => {
  it('must be stated', () => {
    expect(reasonProblem('')).toBe('required');
    expect(reasonProblem('   \n ')).toBe('required');
  });

  it(`is accepted from ${REASON_MIN} to ${REASON_MAX} characters, counted as people count them (Cyrillic included)`, () => {
    expect(reasonProblem('Безсъзнание')).toBeNull(); // 11 Cyrillic letters
    expect(reasonProblem('Безсъзнан')).toBe('too-short'); // 9
    expect(reasonProblem('я'.repeat(REASON_MAX))).toBeNull();
    expect(reasonProblem('я'.repeat(REASON_MAX + 1))).toBe('too-long');
  });

  it('ignores the spaces around it when counting', () => {
    expect(reasonProblem(`   ${'a'.repeat(REASON_MIN - 1)}   `)).toBe('too-short');
  });

  it('refuses control characters but keeps line breaks', () => {
    expect(reasonProblem('Unconscious\u0000 patient in ER')).toBe('characters');
    expect(reasonProblem('Unconscious patient\u001b[31m')).toBe('characters');
    expect(reasonProblem('Unconscious patient\nbrought in by ambulance')).toBeNull();
  });

  it('accepts any typed text of an allowed length, and refuses it with a control character in it', () => {
    fc.assert(
      fc.property(fc.array(typed, { minLength: REASON_MIN, maxLength: REASON_MAX }), (characters) => {
        const reason = `x${characters.join('')}x`;
        const length = [...reason.trim()].length;
        const problem = reasonProblem(reason);
        if (length > REASON_MAX) expect(problem).toBe('too-long');
        else expect(problem).toBeNull();
        expect(reasonProblem(`${reason.slice(0, 5)}\u0007${reason.slice(5)}`)).toBe('characters');
      }),
    );
  });
});
