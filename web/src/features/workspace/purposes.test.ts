import type { PurposeChoice } from '@civitas/contracts/api/access.ts';
import { describe, expect, it } from 'vitest';
import { legalBasesFor, purposesFor } from './purposes.ts';

const pair = (service: PurposeChoice['service'], purpose: string, legalBasis: string): PurposeChoice => ({
  service,
  purpose,
  legalBasis,
  hideable: false,
});

const granted: PurposeChoice[] = [
  pair('person-card', 'address-verification', 'civil-registration-act-106'),
  pair('person-card', 'identity-verification', 'mvr-act-70'),
  pair('person-card', 'identity-verification', 'road-traffic-act-170'),
  pair('vehicle-dossier', 'traffic-control', 'road-traffic-act-170'),
];

describe('the purposes and legal bases an official may choose', () => {
  it("offers a lookup's granted purposes once each, in the order of the rights", () => {
    expect(purposesFor(granted, 'person-card')).toEqual(['address-verification', 'identity-verification']);
    expect(purposesFor(granted, 'vehicle-dossier')).toEqual(['traffic-control']);
  });

  it('offers only the legal bases granted together with the chosen purpose (pairs, not any with any)', () => {
    expect(legalBasesFor(granted, 'person-card', 'address-verification')).toEqual([
      'civil-registration-act-106',
    ]);
    expect(legalBasesFor(granted, 'person-card', 'identity-verification')).toEqual([
      'mvr-act-70',
      'road-traffic-act-170',
    ]);
    expect(legalBasesFor(granted, 'vehicle-dossier', 'identity-verification')).toEqual([]);
    expect(legalBasesFor(granted, 'person-card', '')).toEqual([]);
  });

  it('offers nothing to an official with no rights for a lookup', () => {
    expect(purposesFor([], 'person-card')).toEqual([]);
    expect(purposesFor(granted.slice(0, 1), 'vehicle-dossier')).toEqual([]);
  });
});
