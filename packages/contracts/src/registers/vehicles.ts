/**
 * The vehicle register's enumerations as stable codes. The register stores and answers codes, never
 * words: each screen and each PDF names a code in its reader's language (the web app's locale files,
 * the PDF labels). Browser-safe: the web app's tests import these lists to check every code has a name.
 */

export const FUELS = ['petrol', 'diesel', 'lpg', 'cng', 'hybrid', 'electric'] as const;
export type Fuel = (typeof FUELS)[number];

/** Body types as the registration certificate classifies them (field J.2). */
export const BODY_TYPES = ['hatchback', 'estate', 'saloon', 'suv', 'mpv', 'van', 'motorcycle'] as const;
export type BodyType = (typeof BODY_TYPES)[number];

/** Colours as the registration certificate records them (field R). */
export const COLOURS = [
  'grey',
  'black',
  'white',
  'silver',
  'blue',
  'red',
  'dark-blue',
  'green',
  'burgundy',
  'brown',
  'beige',
  'yellow',
  'orange',
] as const;
export type Colour = (typeof COLOURS)[number];

/** EU vehicle categories (Directive 2007/46/EC, Regulation 168/2013) that the register holds. */
export const VEHICLE_CATEGORIES = ['M1', 'N1', 'L3'] as const;
export type VehicleCategory = (typeof VEHICLE_CATEGORIES)[number];

export const VEHICLE_STATUSES = ['registered', 'deregistered', 'scrapped'] as const;
export type VehicleStatus = (typeof VEHICLE_STATUSES)[number];
