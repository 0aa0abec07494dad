import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkVin, hasCorrectCheckDigit, vinCheckDigit, withCheckDigit } from './vin.ts';

const VIN_CHARS = '0123456789ABCDEFGHJKLMNPRSTUVWXYZ'.split('');
const vin17 = fc
  .array(fc.constantFrom(...VIN_CHARS), { minLength: 17, maxLength: 17 })
  .map((chars) => chars.join(''));

describe('VIN', () => {
  it('computes the check digit of a known North American VIN', () => {
    expect(vinCheckDigit('1M8GDM9AXKP042788')).toBe('X');
    expect(checkVin('1M8GDM9AXKP042788')).toBeNull();
    expect(checkVin('1M8GDM9A1KP042788')).toBe('checksum');
  });

  it('every VIN with its check digit validates, strictly too', () => {
    fc.assert(
      fc.property(vin17, (raw) => {
        const vin = withCheckDigit(raw);
        expect(checkVin(vin)).toBeNull();
        expect(hasCorrectCheckDigit(vin)).toBe(true);
        expect(withCheckDigit(vin)).toBe(vin);
      }),
    );
  });

  it('verifies position 9 only for North American WMIs', () => {
    const european = withCheckDigit('WVWZZZ1JZ3W386752');
    const wrongDigit = european[8] === '1' ? '2' : '1';
    const tampered = `${european.slice(0, 8)}${wrongDigit}${european.slice(9)}`;
    expect(checkVin(tampered)).toBeNull();
    expect(hasCorrectCheckDigit(tampered)).toBe(false);
    const american = withCheckDigit('5YJ3E1EA7KF317000');
    expect(checkVin(`${american.slice(0, 8)}${american[8] === '1' ? '2' : '1'}${american.slice(9)}`)).toBe(
      'checksum',
    );
  });

  it.each([
    ['WVWZZZ1JZ3W38675', 'length'],
    ['WVWZZZ1JZ3W3867522', 'length'],
    ['WVWZZZ1JZ3W38675I', 'characters'],
    ['WVWZZZ1JZ3W38675O', 'characters'],
    ['WVWZZZ1JZ3W38675Q', 'characters'],
    ['wvwzzz1jz3w386752', 'characters'],
    ['WVWZZZ1JZ3W-86752', 'characters'],
  ] as const)('reports %s as %s', (value, problem) => {
    expect(checkVin(value)).toBe(problem);
  });
});
