/**
 * The report's coded values in words. A value the server adds before the app learns its name
 * still shows, as the code itself, rather than as a missing translation.
 */
import type { TFunction } from 'i18next';

const REGISTERS = [
  'vehicle-register',
  'inspections',
  'mtpl-insurance',
  'traffic-fines',
  'local-taxes',
] as const;
const FUELS = ['petrol', 'diesel', 'lpg', 'cng', 'hybrid', 'electric'] as const;
const EVENTS = [
  'first_registration',
  'import_registration',
  'change_of_owner',
  'change_of_plate',
  'deregistration',
] as const;
const RESULTS = ['passed', 'failed'] as const;
const VIEWERS = ['public', 'owner', 'official', 'police'] as const;

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T =>
  (list as readonly string[]).includes(value);

/** A register by its exchange subsystem code. */
export function registerName(register: string, t: TFunction): string {
  return isOneOf(REGISTERS, register) ? t(`vehicleReport.registers.${register}`) : register;
}

export function fuelName(fuel: string, t: TFunction): string {
  return isOneOf(FUELS, fuel) ? t(`vehicleReport.fuels.${fuel}`) : fuel;
}

export function registrationEventName(event: string, t: TFunction): string {
  return isOneOf(EVENTS, event) ? t(`vehicleReport.registration.events.${event}`) : event;
}

export function inspectionResultName(result: string, t: TFunction): string {
  return isOneOf(RESULTS, result) ? t(`vehicleReport.inspections.results.${result}`) : result;
}

/** Where an odometer reading comes from: the server writes `inspection <station code>`. */
export function readingSourceName(source: string, t: TFunction): string {
  const station = /^inspection (\S+)$/.exec(source)?.[1];
  return station ? t('vehicleReport.odometer.sourceInspection', { station }) : source;
}

export function viewerName(viewer: string, t: TFunction): string {
  return isOneOf(VIEWERS, viewer) ? t(`vehicleReport.viewers.${viewer}`) : viewer;
}
