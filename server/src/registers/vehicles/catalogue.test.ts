import { describe, expect, it } from 'vitest';
import { MAKES, MTPL_INSURERS } from './catalogue.ts';

describe('vehicle catalogue', () => {
  it('uses WMIs written in the VIN alphabet and sane model data', () => {
    for (const make of MAKES) {
      for (const model of make.models) {
        expect(model.wmi ?? make.wmi).toMatch(/^[A-HJ-NPR-Z0-9]{3}$/);
        expect(model.years[0]).toBeLessThanOrEqual(model.years[1]);
        expect(model.powerKw[0]).toBeLessThanOrEqual(model.powerKw[1]);
        expect(model.massKg[0]).toBeLessThanOrEqual(model.massKg[1]);
        const electric = model.fuels.every(([fuel]) => fuel === 'electric');
        expect(model.engineCc[0] === 0).toBe(electric);
      }
    }
  });

  it('has unique insurer codes', () => {
    expect(new Set(MTPL_INSURERS.map((insurer) => insurer.code)).size).toBe(MTPL_INSURERS.length);
  });
});
