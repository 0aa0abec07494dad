/**
 * The credentials' claims, made from register answers: plain functions of the answers and the
 * day of issuance (no I/O), so the mapping is tested on its own. SD-JWT VC claims are JSON;
 * mdoc claims are namespace → element identifier → value, with dates as ISO `YYYY-MM-DD` strings
 * (the mdoc encoder tags them `full-date`) and images as bytes.
 */
import { dayFromIso, isoFromDay, yearsBetween } from '@civitas/contracts/days.ts';
import type { DrivingLicence, LicenceRestriction } from '@civitas/contracts/registers/driving-licences.ts';
import type { HealthInsurance } from '@civitas/contracts/registers/health-insurance.ts';
import type { Address, Person } from '@civitas/contracts/registers/population.ts';
import type { Registration, Vehicle } from '@civitas/contracts/registers/vehicles.ts';

/** The ages a PID attests (`age_equal_or_over` in SD-JWT VC, `age_over_NN` in mdoc). */
export const AGE_THRESHOLDS = [14, 16, 18, 21, 65] as const;

export const PID_NAMESPACE = 'eu.europa.ec.eudi.pid.1';
export const MDL_NAMESPACE = 'org.iso.18013.5.1';

/** Who issues, for the claims that name it. */
export interface IssuerFacts {
  /** ISO 3166-1 alpha-2, e.g. `BG`. */
  country: string;
  /** The PID provider's name. */
  authority: string;
}

/** What a PID is made of: the person, their address, and the photo of their identity documents. */
export interface PidSources {
  person: Person;
  address: Address | null;
  portrait: Uint8Array | null;
  /** The PID's own expiry (ISO date). */
  expiry: string;
  /** The day of issuance (ISO date). */
  today: string;
}

const ALPHA3_TO_ALPHA2: Readonly<Record<string, string>> = {
  BGR: 'BG',
  POL: 'PL',
  ROU: 'RO',
  GRC: 'GR',
  DEU: 'DE',
  FRA: 'FR',
  ITA: 'IT',
  ESP: 'ES',
  AUT: 'AT',
  BEL: 'BE',
  CZE: 'CZ',
  SVK: 'SK',
  HUN: 'HU',
  HRV: 'HR',
  SVN: 'SI',
  NLD: 'NL',
  PRT: 'PT',
  SWE: 'SE',
  FIN: 'FI',
  DNK: 'DK',
  IRL: 'IE',
  LTU: 'LT',
  LVA: 'LV',
  EST: 'EE',
  LUX: 'LU',
  MLT: 'MT',
  CYP: 'CY',
  MKD: 'MK',
  SRB: 'RS',
  TUR: 'TR',
  UKR: 'UA',
  MDA: 'MD',
  RUS: 'RU',
  GBR: 'GB',
  USA: 'US',
};

/** A country code as ISO 3166-1 alpha-2 (the PID rulebook's nationality): alpha-3 converted, alpha-2 kept. */
export function alpha2(code: string): string {
  const trimmed = code.trim();
  return ALPHA3_TO_ALPHA2[trimmed] ?? trimmed;
}

/** ISO/IEC 5218, as the PID rulebook encodes sex: 1 male, 2 female. */
export function iso5218(sex: 'M' | 'F'): 1 | 2 {
  return sex === 'M' ? 1 : 2;
}

/** Whole years of age on `today`; someone born on 29 February comes of age on 1 March in common years. */
export function ageOn(birthDate: string, today: string): number {
  return yearsBetween(dayFromIso(birthDate), dayFromIso(today));
}

export function ageOver(birthDate: string, today: string): Record<string, boolean> {
  const age = ageOn(birthDate, today);
  return Object.fromEntries(AGE_THRESHOLDS.map((threshold) => [String(threshold), age >= threshold]));
}

/** The given names as an identity card prints them: the personal name and the father's name. */
export function givenNames(person: Person, latin = false): string {
  const [given, father] = latin
    ? [person.givenNameLatin, person.fatherNameLatin]
    : [person.givenName, person.fatherName];
  return father ? `${given} ${father}` : given;
}

export function formattedAddress(address: Address): string {
  const apartment = address.apartment ? `, ${address.apartment}` : '';
  return `${address.street} ${address.building}${apartment}, ${address.postcode} ${address.settlementName}`;
}

export function dataUrl(mediaType: string, bytes: Uint8Array): string {
  return `data:${mediaType};base64,${Buffer.from(bytes).toString('base64')}`;
}

/** The earlier of two ISO dates, the second optional. */
export function earlier(a: string, b: string | null): string {
  return b !== null && b < a ? b : a;
}

/** An ISO date `days` after another. */
export function plusDays(iso: string, days: number): string {
  return isoFromDay(dayFromIso(iso) + days);
}

/** PID as SD-JWT VC (`urn:eudi:pid:1`), per the EU PID rulebook's JSON encoding. */
export function pidSdJwtClaims(sources: PidSources, issuer: IssuerFacts): Record<string, unknown> {
  const { person, address, portrait, today } = sources;
  return {
    family_name: person.familyName,
    given_name: givenNames(person),
    birthdate: person.birthDate,
    place_of_birth: { locality: person.birthPlaceName, country: issuer.country },
    nationalities: [alpha2(person.citizenship)],
    sex: iso5218(person.sex),
    personal_administrative_number: person.egn,
    ...(address && {
      address: {
        formatted: formattedAddress(address),
        street_address: address.street,
        house_number: address.building,
        postal_code: address.postcode,
        locality: address.settlementName,
        region: address.regionName,
        country: issuer.country,
      },
    }),
    age_equal_or_over: ageOver(person.birthDate, today),
    age_in_years: ageOn(person.birthDate, today),
    age_birth_year: Number(person.birthDate.slice(0, 4)),
    ...(portrait && { picture: dataUrl('image/png', portrait) }),
    issuing_authority: issuer.authority,
    issuing_country: issuer.country,
    date_of_issuance: today,
    date_of_expiry: sources.expiry,
  };
}

/** PID as mdoc (`eu.europa.ec.eudi.pid.1`): the same facts as elements of the PID namespace. */
export function pidMdocClaims(sources: PidSources, issuer: IssuerFacts): Record<string, unknown> {
  const { person, address, portrait, today } = sources;
  const ages = ageOver(person.birthDate, today);
  return {
    [PID_NAMESPACE]: {
      family_name: person.familyName,
      given_name: givenNames(person),
      birth_date: person.birthDate,
      birth_place: person.birthPlaceName,
      nationality: [alpha2(person.citizenship)],
      sex: iso5218(person.sex),
      personal_administrative_number: person.egn,
      ...(address && {
        resident_address: formattedAddress(address),
        resident_street: address.street,
        resident_house_number: address.building,
        resident_postal_code: address.postcode,
        resident_city: address.settlementName,
        resident_country: issuer.country,
      }),
      ...Object.fromEntries(Object.entries(ages).map(([threshold, over]) => [`age_over_${threshold}`, over])),
      age_in_years: ageOn(person.birthDate, today),
      age_birth_year: Number(person.birthDate.slice(0, 4)),
      ...(portrait && { portrait }),
      issuing_authority: issuer.authority,
      issuing_country: issuer.country,
      issuance_date: today,
      expiry_date: sources.expiry,
    },
  };
}

/** The ISO 18013-5 driving privileges: one per category, with the codes that restrict it. */
export function drivingPrivileges(licence: DrivingLicence): Array<Record<string, unknown>> {
  const codesFor = (category: string) =>
    licence.restrictions
      .filter(
        (restriction: LicenceRestriction) =>
          restriction.category === null || restriction.category === category,
      )
      .map((restriction) => ({ code: restriction.code }));
  return licence.categories.map((held) => {
    const codes = codesFor(held.category);
    return {
      vehicle_category_code: held.category,
      issue_date: held.obtainedOn,
      expiry_date: licence.validUntil,
      ...(codes.length > 0 && { codes }),
    };
  });
}

/** The mobile driving licence (`org.iso.18013.5.1.mDL`). */
export function mdlClaims(
  sources: { person: Person; licence: DrivingLicence; portrait: Uint8Array; today: string },
  issuer: IssuerFacts,
): Record<string, unknown> {
  const { person, licence, portrait, today } = sources;
  return {
    [MDL_NAMESPACE]: {
      family_name: person.familyNameLatin,
      given_name: givenNames(person, true),
      family_name_national_character: person.familyName,
      given_name_national_character: givenNames(person),
      birth_date: person.birthDate,
      sex: iso5218(person.sex),
      issue_date: licence.issuedOn,
      expiry_date: licence.validUntil,
      issuing_country: issuer.country,
      issuing_authority: licence.issuer,
      document_number: licence.number,
      portrait,
      driving_privileges: drivingPrivileges(licence),
      un_distinguishing_sign: issuer.country,
      age_over_18: ageOn(person.birthDate, today) >= 18,
      age_in_years: ageOn(person.birthDate, today),
      age_birth_year: Number(person.birthDate.slice(0, 4)),
    },
  };
}

/** The current owner of a vehicle by its registration history: the last entry, unless deregistered. */
export function currentOwner(history: readonly Registration[]): Registration | null {
  const last = history.toSorted((a, b) => a.seq - b.seq).at(-1);
  return last && last.event !== 'deregistration' ? last : null;
}

/** The vehicle registration certificate (`urn:civitas:vehicle-registration:1`). */
export function vehicleRegistrationClaims(
  sources: { vehicle: Vehicle; holder: Person; registration: Registration },
  issuer: IssuerFacts,
): Record<string, unknown> {
  const { vehicle, holder, registration } = sources;
  return {
    vin: vehicle.vin,
    plate: vehicle.plate,
    make: vehicle.make,
    model: vehicle.model,
    first_registration_date: vehicle.firstRegistrationDate,
    holder: { family_name: holder.familyName, given_name: givenNames(holder) },
    category: vehicle.category,
    fuel: vehicle.fuel,
    document_number: registration.certificateNumber ?? vehicle.registrationCertificateNumber,
    registered_on: registration.eventDate,
    issuing_country: issuer.country,
  };
}

/** The European Health Insurance Card (`urn:eu.europa.ec.eudi:ehic:1`): names in Latin, as on the card. */
export function ehicClaims(
  sources: { person: Person; insurance: HealthInsurance & { ehicNumber: string; cardValidUntil: string } },
  issuer: IssuerFacts,
): Record<string, unknown> {
  const { person, insurance } = sources;
  return {
    family_name: person.familyNameLatin,
    given_name: person.givenNameLatin,
    birthdate: person.birthDate,
    personal_administrative_number: person.egn,
    issuing_authority: { id: insurance.institutionId, name: insurance.institutionName },
    issuing_country: issuer.country,
    document_number: insurance.ehicNumber,
    date_of_issuance: insurance.cardIssuedOn,
    date_of_expiry: insurance.cardValidUntil,
  };
}
