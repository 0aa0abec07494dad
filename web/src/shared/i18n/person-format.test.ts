import type { Address, PersonName } from '@civitas/contracts/api/profile.ts';
import { describe, expect, it } from 'vitest';
import {
  addressLines,
  countryName,
  cyrillicFullName,
  latinFullName,
  maskPersonalNumber,
  properName,
} from './person-format.ts';

const name: PersonName = {
  given: 'Иван',
  father: 'Петров',
  family: 'Георгиев',
  givenLatin: 'Ivan',
  fatherLatin: 'Petrov',
  familyLatin: 'Georgiev',
};

const address: Address = {
  kind: 'permanent',
  region: 'София (столица)',
  municipality: 'Столична',
  settlement: 'гр. София',
  settlementLatin: 'Sofia',
  ekatte: '68134',
  postcode: '1000',
  street: 'ул. Граф Игнатиев',
  building: '15',
  apartment: '7',
};

describe('names', () => {
  it('joins given, father and family names in both scripts', () => {
    expect(cyrillicFullName(name)).toBe('Иван Петров Георгиев');
    expect(latinFullName(name)).toBe('Ivan Petrov Georgiev');
  });

  it('skips an empty father name instead of leaving a double space', () => {
    expect(latinFullName({ ...name, fatherLatin: '' })).toBe('Ivan Georgiev');
  });
});

describe('maskPersonalNumber', () => {
  it('hides every digit but keeps the length', () => {
    const masked = maskPersonalNumber('8503146829');
    expect(masked).toHaveLength(10);
    expect(masked).not.toMatch(/\d/);
  });
});

describe('addressLines', () => {
  const apartmentLabel = (apartment: string) => `apt. ${apartment}`;

  it('writes street, building and apartment, then postcode and settlement', () => {
    expect(addressLines(address, { latin: false, apartmentLabel })).toEqual([
      'ул. Граф Игнатиев 15, apt. 7',
      '1000 гр. София',
    ]);
  });

  it('uses the Latin settlement name for Latin-script readers', () => {
    expect(addressLines({ ...address, apartment: null }, { latin: true, apartmentLabel })).toEqual([
      'ул. Граф Игнатиев 15',
      '1000 Sofia',
    ]);
  });
});

describe('properName', () => {
  it('transliterates a Bulgarian place or authority for readers of Latin script, and keeps it for Bulgarian', () => {
    expect(properName('София (столица)', true)).toBe('Sofia (stolitsa)');
    expect(properName('МВР – Пловдив', true)).toBe('MVR – Plovdiv');
    expect(properName('Столична', false)).toBe('Столична');
  });
});

describe('countryName', () => {
  it('names the country of a citizenship code in the reader’s language', () => {
    expect(countryName('BG', 'pl-PL')).toBe('Bułgaria');
    expect(countryName('BGR', 'en-GB')).toBe('Bulgaria');
    expect(countryName('ro ', 'bg-BG')).toBe('Румъния');
    expect(countryName('XK-1', 'en-GB')).toBe('XK-1');
  });
});
