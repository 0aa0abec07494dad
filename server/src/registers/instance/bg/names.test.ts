import { describe, expect, it } from 'vitest';
import {
  FAMILY_NAMES,
  FEMALE_GIVEN_NAMES,
  feminineSurname,
  MALE_GIVEN_NAMES,
  patronymicFrom,
} from './names.ts';

describe('Bulgarian names', () => {
  it.each([
    ['Петър', 'Петров'],
    ['Георги', 'Георгиев'],
    ['Никола', 'Николов'],
    ['Илия', 'Илиев'],
    ['Иван', 'Иванов'],
    ['Димитър', 'Димитров'],
    ['Александър', 'Александров'],
    ['Христо', 'Христов'],
    ['Николай', 'Николаев'],
    ['Андрей', 'Андреев'],
    ['Павел', 'Павлов'],
    ['Михаил', 'Михайлов'],
    ['Васил', 'Василев'],
    ['Кръстьо', 'Кръстев'],
    ['Пенчо', 'Пенчев'],
    ['Методи', 'Методиев'],
    ['Живко', 'Живков'],
  ])('father %s gives the father’s name %s', (given, patronymic) => {
    expect(patronymicFrom(given)).toBe(patronymic);
  });

  it('forms female surnames', () => {
    expect(feminineSurname('Иванов')).toBe('Иванова');
    expect(feminineSurname('Ковачки')).toBe('Ковачка');
  });

  it('has no duplicate names and only positive weights', () => {
    for (const list of [MALE_GIVEN_NAMES, FEMALE_GIVEN_NAMES, FAMILY_NAMES]) {
      const names = list.map(([name]) => name);
      expect(new Set(names).size).toBe(names.length);
      expect(list.every(([, weight]) => weight > 0)).toBe(true);
    }
  });
});
