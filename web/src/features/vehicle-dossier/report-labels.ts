/**
 * The report's coded values in words. A value the server adds before the app learns its name
 * still shows, as the code itself, rather than as a missing translation.
 */

import { REPORT_REGISTERS } from '@civitas/contracts/api/vehicle-report.ts';
import { OFFENCES } from '@civitas/contracts/registers/fines.ts';
import { INSPECTION_RESULTS } from '@civitas/contracts/registers/inspections.ts';
import { BODY_TYPES, COLOURS, FUELS, VEHICLE_CATEGORIES } from '@civitas/contracts/registers/vehicles.ts';
import type { TFunction } from 'i18next';

const EVENTS = [
  'first_registration',
  'import_registration',
  'change_of_owner',
  'change_of_plate',
  'deregistration',
] as const;
const VIEWERS = ['public', 'owner', 'official', 'police'] as const;

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T =>
  (list as readonly string[]).includes(value);

/** A register by its exchange subsystem code. */
export function registerName(register: string, t: TFunction): string {
  return isOneOf(REPORT_REGISTERS, register) ? t(`vehicleReport.registers.${register}`) : register;
}

export function fuelName(fuel: string, t: TFunction): string {
  return isOneOf(FUELS, fuel) ? t(`vehicleReport.fuels.${fuel}`) : fuel;
}

export function bodyName(body: string, t: TFunction): string {
  return isOneOf(BODY_TYPES, body) ? t(`registerCodes.bodies.${body}`) : body;
}

export function colourName(colour: string, t: TFunction): string {
  return isOneOf(COLOURS, colour) ? t(`registerCodes.colours.${colour}`) : colour;
}

/** An EU vehicle category (M1, N1, L3) in words, with the code as on the registration certificate. */
export function categoryName(category: string, t: TFunction): string {
  return isOneOf(VEHICLE_CATEGORIES, category) ? t(`registerCodes.categories.${category}`) : category;
}

export function offenceName(offence: string, t: TFunction): string {
  return isOneOf(OFFENCES, offence) ? t(`registerCodes.offences.${offence}`) : offence;
}

export function registrationEventName(event: string, t: TFunction): string {
  return isOneOf(EVENTS, event) ? t(`vehicleReport.registration.events.${event}`) : event;
}

export function inspectionResultName(result: string, t: TFunction): string {
  return isOneOf(INSPECTION_RESULTS, result) ? t(`vehicleReport.inspections.results.${result}`) : result;
}

/** Where an odometer reading comes from: the server writes `inspection <station code>`. */
export function readingSourceName(source: string, t: TFunction): string {
  const station = /^inspection (\S+)$/.exec(source)?.[1];
  return station ? t('vehicleReport.odometer.sourceInspection', { station }) : source;
}

export function viewerName(viewer: string, t: TFunction): string {
  return isOneOf(VIEWERS, viewer) ? t(`vehicleReport.viewers.${viewer}`) : viewer;
}
