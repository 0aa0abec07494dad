import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePick, pick } from './pick.ts';

const addresses = [
  { kind: 'permanent', street: 'ул. Шипка', number: '6' },
  { kind: 'current', street: 'бул. Витоша', number: '12' },
];

describe("a declaration's pick into a register's answer", () => {
  it('takes a field of the item a filter keeps', () => {
    expect(pick(addresses, "$[?(@.kind=='current')].street")).toBe('бул. Витоша');
    expect(pick(addresses, "$[?(@.kind!='current')].number")).toBe('6');
  });

  it('takes a field of an object, an item by index, and nothing where nothing is', () => {
    expect(pick({ givenName: 'Иван' }, '$.givenName')).toBe('Иван');
    expect(pick(addresses, '$[1].kind')).toBe('current');
    expect(pick(addresses, "$[?(@.kind=='temporary')].street")).toBeUndefined();
    expect(pick(null, '$.givenName')).toBeUndefined();
    expect(pick({ a: 1 }, '$.constructor')).toBeUndefined();
  });

  it('refuses a path it does not understand (the declaration fails to load)', () => {
    expect(() => parsePick('givenName')).toThrow('must start with $');
    expect(() => parsePick('$..street')).toThrow('not understood');
    expect(() => parsePick('$[?(@.kind=="current")]')).toThrow('not understood');
  });

  it('never throws on any answer once the path parses', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (answer) => {
        pick(answer, "$[?(@.kind=='current')].street");
        pick(answer, '$.a[0].b');
      }),
    );
  });
});
