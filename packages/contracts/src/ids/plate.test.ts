import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPlate, normalisePlate, PLATE_LETTERS, PLATE_REGIONS, plateRegion } from './plate.ts';

const letter = fc.constantFrom(...PLATE_LETTERS.split(''));
const plate = fc
  .tuple(fc.constantFrom(...Object.keys(PLATE_REGIONS)), fc.integer({ min: 0, max: 9999 }), letter, letter)
  .map(([prefix, digits, a, b]) => `${prefix}${String(digits).padStart(4, '0')}${a}${b}`);

describe('registration plates', () => {
  it('every well-formed plate validates and knows its region', () => {
    fc.assert(
      fc.property(plate, (value) => {
        expect(checkPlate(value)).toBeNull();
        expect(plateRegion(value)).toBe(PLATE_REGIONS[value.replace(/\d.*$/, '')]);
      }),
    );
  });

  it('normalises Latin look-alikes, lower case and spaces to Cyrillic', () => {
    expect(normalisePlate('CA 1234 AB')).toBe('СА1234АВ');
    expect(normalisePlate('pb-0001-kx')).toBe('РВ0001КХ');
    expect(checkPlate('CA 1234 AB')).toBeNull();
    expect(plateRegion('PB1234TX')).toBe('Пловдив');
    expect(plateRegion('ТХ 5678 ВН')).toBe('Добрич');
  });

  it('normalising is idempotent', () => {
    fc.assert(fc.property(plate, (value) => normalisePlate(normalisePlate(value)) === value));
  });

  it.each([
    ['С123АВ', 'format'],
    ['С12345АВ', 'format'],
    ['С1234ЖВ', 'format'],
    ['ABC1234AB', 'format'],
    ['ММ1234АВ', 'region'],
    ['Я1234АВ', 'format'],
    ['ХХ1234АВ', 'region'],
  ] as const)('reports %s as %s', (value, problem) => {
    expect(checkPlate(value)).toBe(problem);
  });
});
