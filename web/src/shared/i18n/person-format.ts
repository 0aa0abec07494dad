import type { Address, PersonName } from '@civitas/contracts/api/profile.ts';
import { transliterate } from '@civitas/contracts/text/translit.ts';

export function cyrillicFullName(name: PersonName): string {
  return joinNonEmpty([name.given, name.father, name.family]);
}

export function latinFullName(name: PersonName): string {
  return joinNonEmpty([name.givenLatin, name.fatherLatin, name.familyLatin]);
}

/** Masks every digit of the personal number: the EGN encodes birth date, region and sex. */
export function maskPersonalNumber(personalNumber: string): string {
  return '•'.repeat(personalNumber.length);
}

/**
 * The street line and the settlement line of an address, in the order a Bulgarian envelope
 * uses. `latin` picks the transliterated settlement name for readers of English.
 */
export function addressLines(
  address: Address,
  { latin, apartmentLabel }: { latin: boolean; apartmentLabel: (apartment: string) => string },
): [street: string, settlement: string] {
  const street = joinNonEmpty([address.street, address.building]);
  const streetLine = address.apartment ? `${street}, ${apartmentLabel(address.apartment)}` : street;
  const settlement = latin && address.settlementLatin ? address.settlementLatin : address.settlement;
  return [streetLine, joinNonEmpty([address.postcode, settlement])];
}

/**
 * A Bulgarian proper name from the registers (a place, an authority) for the reader: transliterated as
 * the Transliteration Act prescribes when the reader's language is written in Latin script.
 */
export function properName(name: string, latin: boolean): string {
  return latin ? transliterate(name) : name;
}

/** The country of a citizenship code (ISO 3166 alpha-2 or alpha-3) in the reader's language. */
export function countryName(code: string, locale: string): string {
  const trimmed = code.trim().toUpperCase();
  const alpha2 = trimmed === 'BGR' ? 'BG' : trimmed;
  if (!/^[A-Z]{2}$/.test(alpha2)) return trimmed;
  return new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' }).of(alpha2) ?? trimmed;
}

function joinNonEmpty(parts: Array<string | null | undefined>): string {
  return parts.filter((part): part is string => Boolean(part?.trim())).join(' ');
}
