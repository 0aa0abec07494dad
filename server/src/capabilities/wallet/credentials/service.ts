/**
 * The credentials' data, read from the registers through the exchange as the wallet issuer's own
 * subsystem, with the purpose `credential-issuance` under eIDAS Art. 5a and the issuance id as
 * the case reference: every read is in the exchange's log and in the person's "who used my data".
 */
import { isoFromDay } from '@civitas/contracts/days.ts';
import { EGN, PESEL, type PersonalNumberScheme } from '@civitas/contracts/ids/personal-number.ts';
import { checkVin } from '@civitas/contracts/ids/vin.ts';
import { DRIVING_LICENCES } from '@civitas/contracts/registers/driving-licences.ts';
import { HEALTH_INSURANCE } from '@civitas/contracts/registers/health-insurance.ts';
import { IDENTITY_DOCUMENTS } from '@civitas/contracts/registers/identity-documents.ts';
import { PERSONS, type Person } from '@civitas/contracts/registers/population.ts';
import { VEHICLES } from '@civitas/contracts/registers/vehicles.ts';
import { credentialConfiguration } from '@civitas/wallet/catalogue.ts';
import type { CallContext, ExchangeClient } from '../../../exchange/index.ts';
import { AppError } from '../../../kernel/index.ts';
import type { CredentialSource, CredentialSourceRecord, IssuableCredential } from '../parts.ts';
import {
  currentOwner,
  earlier,
  ehicClaims,
  type IssuerFacts,
  mdlClaims,
  type PidSources,
  pidMdocClaims,
  pidSdJwtClaims,
  plusDays,
  vehicleRegistrationClaims,
} from './claims.ts';

/** The purpose and legal basis of every register read made for a credential. */
export const CREDENTIAL_ISSUANCE = {
  purpose: 'credential-issuance',
  legalBasis: 'eidas-regulation-art-5a',
} as const;

/** The PID provider by country, when the composition names none. */
const PID_AUTHORITIES: Readonly<Record<string, string>> = {
  BG: 'Министерство на електронното управление',
  PL: 'Ministerstwo Cyfryzacji',
};

export interface CredentialSourceOptions {
  /** The wallet issuer's exchange client (its subsystem holds the credential-issuance rights). */
  exchange: ExchangeClient;
  /** The instance's personal-number scheme (default: the instance's, PESEL in PL, else EGN). */
  personalNumbers?: PersonalNumberScheme;
  /** Who issues (default: the instance's country and its PID provider). */
  issuer?: IssuerFacts;
  /** The clock (tests pin it). */
  now?: () => Date;
}

type Reader = ReturnType<typeof readerOf>;

/** The register records a credential is made from, read for one issuance. */
function readerOf(exchange: ExchangeClient, subject: string, caseRef: string) {
  const context: CallContext = { ...CREDENTIAL_ISSUANCE, dataSubject: subject, caseRef };
  return {
    person: () => exchange.find(PERSONS.endpoints.person, { egn: subject }, context),
    addresses: () => exchange.find(PERSONS.endpoints.addresses, { egn: subject }, context),
    portrait: () => exchange.find(IDENTITY_DOCUMENTS.endpoints.portrait, { egn: subject }, context),
    documents: () => exchange.find(IDENTITY_DOCUMENTS.endpoints.byPerson, { egn: subject }, context),
    licence: () => exchange.find(DRIVING_LICENCES.endpoints.byPerson, { egn: subject }, context),
    insurance: () => exchange.find(HEALTH_INSURANCE.endpoints.byPerson, { egn: subject }, context),
    vehicle: (vin: string) => exchange.find(VEHICLES.endpoints.byVin, { vin }, context),
    registrations: (vin: string) => exchange.find(VEHICLES.endpoints.registrations, { vin }, context),
  };
}

function bytesOf(portrait: { data: string } | null): Uint8Array | null {
  return portrait ? new Uint8Array(Buffer.from(portrait.data, 'base64')) : null;
}

/** The living person, or the problem: not in the register, or deceased. */
function living(person: Person | null): Person {
  if (!person)
    throw new AppError('credential-source-missing', 'The population register holds no such person.');
  if (person.deceased) throw new AppError('credential-source-deceased');
  return person;
}

const POPULATION = 'population-register';

async function pid(read: Reader, subject: string, day: Day, validityDays: number) {
  const [person, addresses, portrait, documents] = await Promise.all([
    read.person(),
    read.addresses(),
    read.portrait(),
    read.documents(),
  ]);
  living(person);
  // The PID lives no longer than the identity card whose photo it carries.
  const card = (documents ?? []).find(
    (document) =>
      document.status === 'valid' && document.validUntil >= day.today && document.kind === 'id_card',
  );
  const validUntil = card?.validUntil ?? null;
  const sources: PidSources = {
    person: person!,
    address: addresses?.find((address) => address.kind === 'permanent') ?? addresses?.[0] ?? null,
    portrait: bytesOf(portrait),
    expiry: earlier(plusDays(day.today, validityDays), validUntil),
    today: day.today,
  };
  const records: CredentialSourceRecord[] = [{ register: POPULATION, key: subject }];
  if (card) records.push({ register: 'identity-documents', key: card.number });
  return { sources, validUntil, records };
}

async function mdl(
  read: Reader,
  subject: string,
  day: Day,
  issuer: IssuerFacts,
): Promise<IssuableCredential> {
  const [person, licence, portrait] = await Promise.all([read.person(), read.licence(), read.portrait()]);
  living(person);
  if (!licence) throw new AppError('credential-source-missing', 'The person holds no driving licence.');
  if (licence.status !== 'valid' || licence.validUntil < day.today) {
    throw new AppError(
      'credential-source-invalid',
      `The driving licence is ${licence.status === 'valid' ? 'expired' : licence.status}.`,
    );
  }
  const photo = bytesOf(portrait);
  if (!photo) throw new AppError('credential-source-missing', 'The register holds no photo of the person.');
  return {
    claims: mdlClaims({ person: person!, licence, portrait: photo, today: day.today }, issuer),
    validUntil: licence.validUntil,
    sources: [
      { register: 'driving-licences', key: licence.number },
      { register: POPULATION, key: subject },
    ],
  };
}

async function vehicleRegistration(
  read: Reader,
  subject: string,
  vin: string | undefined,
  issuer: IssuerFacts,
) {
  const normalised = vin?.trim().toUpperCase() ?? '';
  if (checkVin(normalised) !== null) throw new AppError('credential-source-vin-required');
  const [person, vehicle, history] = await Promise.all([
    read.person(),
    read.vehicle(normalised),
    read.registrations(normalised),
  ]);
  living(person);
  const registration = currentOwner(history ?? []);
  // Someone else's vehicle is "not found", the same as no vehicle: the answer tells nothing of it.
  const owns = registration?.ownerKind === 'person' && registration.ownerId === subject;
  if (!vehicle || !owns || vehicle.status !== 'registered') {
    throw new AppError('credential-source-missing', 'No vehicle with this VIN is registered to the person.');
  }
  return {
    claims: vehicleRegistrationClaims({ vehicle, holder: person!, registration: registration! }, issuer),
    validUntil: null,
    sources: [
      { register: 'vehicle-register', key: normalised },
      { register: POPULATION, key: subject },
    ],
  };
}

async function ehic(
  read: Reader,
  subject: string,
  day: Day,
  issuer: IssuerFacts,
): Promise<IssuableCredential> {
  const [person, insurance] = await Promise.all([read.person(), read.insurance()]);
  living(person);
  if (!insurance)
    throw new AppError('credential-source-missing', 'The person is not in the health insurance register.');
  const { ehicNumber, cardValidUntil } = insurance;
  if (insurance.status !== 'insured' || !ehicNumber || !cardValidUntil || cardValidUntil < day.today) {
    throw new AppError(
      'credential-source-invalid',
      'The person holds no valid European Health Insurance Card.',
    );
  }
  return {
    claims: ehicClaims({ person: person!, insurance: { ...insurance, ehicNumber, cardValidUntil } }, issuer),
    validUntil: cardValidUntil,
    sources: [
      { register: 'health-insurance', key: subject },
      { register: POPULATION, key: subject },
    ],
  };
}

interface Day {
  today: string;
}

/** The instance's country: the first part of its service ids (`BG/GOV/…`). */
function countryOf(exchange: ExchangeClient): string {
  return exchange.serviceId(PERSONS.subsystem, PERSONS.service).split('/')[0]!;
}

/** The wallet's `CredentialSource`: every configuration of the catalogue, filled from the registers. */
export function createCredentialSource(options: CredentialSourceOptions): CredentialSource {
  const { exchange } = options;
  const now = options.now ?? (() => new Date());
  const country = countryOf(exchange);
  const issuer = options.issuer ?? { country, authority: PID_AUTHORITIES[country] ?? 'Civitas' };
  const numbers = options.personalNumbers ?? (country === 'PL' ? PESEL : EGN);
  return {
    async claimsFor(configurationId, subject, { caseRef, vin }) {
      const configuration = credentialConfiguration(configurationId);
      if (!configuration) throw new AppError('credential-source-unknown-configuration', configurationId);
      if (numbers.check(subject) !== null) throw new AppError('credential-source-subject-invalid');
      const day: Day = { today: isoFromDay(Math.floor(now().getTime() / 86_400_000)) };
      const read = readerOf(exchange, subject, caseRef);
      switch (configuration.id) {
        case 'pid-sd-jwt':
        case 'pid-mdoc': {
          const { sources, validUntil, records } = await pid(read, subject, day, configuration.validityDays);
          const claims =
            configuration.format === 'dc+sd-jwt'
              ? pidSdJwtClaims(sources, issuer)
              : pidMdocClaims(sources, issuer);
          return { claims, validUntil, sources: records };
        }
        case 'mdl':
          return mdl(read, subject, day, issuer);
        case 'vehicle-registration':
          return vehicleRegistration(read, subject, vin, issuer);
        case 'ehic':
          return ehic(read, subject, day, issuer);
        default:
          throw new AppError('credential-source-unknown-configuration', configurationId);
      }
    },
  };
}
