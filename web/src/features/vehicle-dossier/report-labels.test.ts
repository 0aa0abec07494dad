import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import {
  fuelName,
  inspectionResultName,
  readingSourceName,
  registerName,
  registrationEventName,
  viewerName,
} from './report-labels.ts';

const t = ((key: string) => `«${key}»`) as unknown as TFunction;

describe('report labels', () => {
  it('translates the values the app knows', () => {
    expect(registerName('vehicle-register', t)).toBe('«vehicleReport.registers.vehicle-register»');
    expect(fuelName('diesel', t)).toBe('«vehicleReport.fuels.diesel»');
    expect(registrationEventName('change_of_owner', t)).toBe(
      '«vehicleReport.registration.events.change_of_owner»',
    );
    expect(inspectionResultName('failed', t)).toBe('«vehicleReport.inspections.results.failed»');
    expect(viewerName('public', t)).toBe('«vehicleReport.viewers.public»');
  });

  it('shows a value the app does not know yet as it came', () => {
    expect(registerName('emissions-register', t)).toBe('emissions-register');
    expect(fuelName('hydrogen', t)).toBe('hydrogen');
    expect(registrationEventName('export', t)).toBe('export');
    expect(inspectionResultName('conditional', t)).toBe('conditional');
    expect(viewerName('court', t)).toBe('court');
  });

  it('names the inspection station an odometer reading comes from, and keeps other sources as they are', () => {
    const withStation = ((key: string, options: { station: string }) =>
      `${key}:${options.station}`) as unknown as TFunction;
    expect(readingSourceName('inspection 2201', withStation)).toBe(
      'vehicleReport.odometer.sourceInspection:2201',
    );
    expect(readingSourceName('insurance claim', withStation)).toBe('insurance claim');
  });
});
