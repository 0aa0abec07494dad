import { describe, expect, it } from 'vitest';
import { parseRepresentedParty } from './represented-party.ts';

describe('X-Road-Represented-Party as the provider reads it', () => {
  it("reads X-Road's partyClass/partyCode and a bare partyCode", () => {
    expect(parseRepresentedParty('COM/130362383', 'BG')).toEqual({
      partyClass: 'COM',
      partyCode: '130362383',
    });
    expect(parseRepresentedParty('130362383', 'BG')).toEqual({ partyClass: null, partyCode: '130362383' });
  });

  it("reads the full member id only in the service's own instance", () => {
    expect(parseRepresentedParty('BG/COM/130362383', 'BG')).toEqual({
      partyClass: 'COM',
      partyCode: '130362383',
    });
    expect(parseRepresentedParty('PL/COM/130362383', 'BG')).toBeNull();
  });

  it.each([
    '',
    '/',
    'COM/',
    '/130362383',
    'a/b/c/d',
    'COM/1303 62383',
    'COM/13036238\u0000',
    'COM\\130362383',
  ])('refuses %j', (value) => {
    expect(parseRepresentedParty(value, 'BG')).toBeNull();
  });
});
