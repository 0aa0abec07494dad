import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { partyName } from './party-name.ts';

const t = ((key: string) => `[${key}]`) as unknown as TFunction;

describe('a party in words', () => {
  it('names an administration in the reader’s language, the reader as you, anyone else as a citizen', () => {
    const sofia = { bg: 'Столична община', en: 'Sofia Municipality', pl: 'Stołeczna Gmina Sofia' };
    expect(partyName({ kind: 'administration', id: 'sofia-municipality', name: sofia }, 'pl', t)).toBe(
      'Stołeczna Gmina Sofia',
    );
    expect(partyName({ kind: 'person', id: 'me', name: null }, 'en', t)).toBe('[mailbox.you]');
    expect(partyName({ kind: 'person', id: 'person', name: null }, 'en', t)).toBe('[mailbox.aPerson]');
  });
});
