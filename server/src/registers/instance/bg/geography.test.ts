import { PLATE_REGIONS } from '@civitas/contracts/ids/plate.ts';
import { describe, expect, it } from 'vitest';
import { REGIONS } from './geography.ts';

describe('geography', () => {
  it('lists the 28 regions BG-01..BG-28 once each', () => {
    expect(REGIONS.map((region) => region.code)).toEqual(
      Array.from({ length: 28 }, (_, i) => `BG-${String(i + 1).padStart(2, '0')}`),
    );
  });

  it('gives every plate prefix to exactly the region the plate table names', () => {
    const prefixes = REGIONS.flatMap((region) =>
      region.platePrefixes.map((prefix) => [prefix, region.name] as const),
    );
    expect(prefixes.map(([prefix]) => prefix).sort()).toEqual(Object.keys(PLATE_REGIONS).sort());
    for (const [prefix, name] of prefixes) expect(PLATE_REGIONS[prefix]).toBe(name);
  });

  it('has well-formed, unique EKATTE codes and postcodes', () => {
    const settlements = REGIONS.flatMap((region) =>
      region.municipalities.flatMap((municipality) => municipality.settlements),
    );
    const codes = settlements.map((settlement) => settlement.ekatte);
    expect(new Set(codes).size).toBe(codes.length);
    for (const settlement of settlements) {
      expect(settlement.ekatte).toMatch(/^\d{5}$/);
      for (const postcode of settlement.postcodes) expect(postcode).toMatch(/^[1-9]\d{3}$/);
    }
    expect(settlements.find((s) => s.name === 'София')?.ekatte).toBe('68134');
    expect(settlements.find((s) => s.name === 'Пловдив')?.ekatte).toBe('56784');
  });

  it('assigns disjoint EGN digit ranges', () => {
    const ranges = REGIONS.map((region) => region.egnDigits).sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i]![0]).toBeGreaterThan(ranges[i - 1]![1]);
  });
});
