import type { PersonCard, Profile } from '@civitas/contracts/api/profile.ts';
import type { CallContext, ExchangeAnswer, ExchangeClient } from '../../exchange/client.ts';
import { AppError } from '../../kernel/errors.ts';

type Json = Record<string, unknown>;

/** A register's answer, or the matching problem: a missing register is never an empty section. */
function expectOk(answer: ExchangeAnswer, allowNotFound = false): Json | Json[] | null {
  if (answer.status === 200) return answer.body as Json | Json[];
  if (allowNotFound && answer.status === 404 && !answer.fault) return null;
  if (
    answer.fault === 'Server.ServerProxy.PurposeNotAllowed' ||
    answer.fault === 'Server.ServerProxy.LegalBasisNotAllowed' ||
    answer.fault === 'Server.ServerProxy.AccessDenied'
  ) {
    throw new AppError('purpose-not-allowed', (answer.body as { message?: string } | null)?.message);
  }
  if (answer.status === 404) throw new AppError('person-not-found');
  throw new AppError(
    'register-unavailable',
    `Exchange message ${answer.messageId}: ${answer.fault ?? `status ${answer.status}`}.`,
  );
}

/** Gathers a person's profile from the registers, each asked through the exchange for its own part. */
export class ProfileService {
  private readonly exchange: ExchangeClient;
  private readonly services: Record<'persons' | 'documents' | 'licences' | 'vehicles', string>;

  constructor(exchange: ExchangeClient) {
    this.exchange = exchange;
    this.services = {
      persons: exchange.serviceId('population-register', 'persons'),
      documents: exchange.serviceId('identity-documents', 'documents'),
      licences: exchange.serviceId('driving-licences', 'licences'),
      vehicles: exchange.serviceId('vehicle-register', 'vehicles'),
    };
  }

  async profileOf(egn: string, roles: readonly string[]): Promise<Profile> {
    const context: CallContext = {
      purpose: 'data-subject-access',
      legalBasis: 'gdpr-art-15',
      dataSubject: egn,
      userId: egn,
    };
    // The registers are asked in parallel: a profile costs one round trip of latency, not five.
    const [person, addresses, documents, licence, vehicles] = await Promise.all([
      this.exchange.get(this.services.persons, `/${egn}`, context),
      this.exchange.get(this.services.persons, `/${egn}/addresses`, context),
      this.exchange.get(this.services.documents, `/by-person/${egn}`, context),
      this.exchange.get(this.services.licences, `/by-person/${egn}`, context),
      this.exchange.get(this.services.vehicles, `/by-owner/${egn}`, context),
    ]);
    const p = expectOk(person) as Json;
    const l = expectOk(licence, true) as (Json & { categories: Json[] }) | null;
    return {
      personalNumber: String(p.egn),
      roles: [...roles],
      name: nameOf(p),
      sex: p.sex as 'M' | 'F',
      birthDate: String(p.birthDate),
      birthPlace: { ekatte: String(p.birthPlaceEkatte), name: String(p.birthPlaceName) },
      citizenship: String(p.citizenship),
      deceased: Boolean(p.deceased),
      addresses: (expectOk(addresses) as Json[]).map(addressOf),
      documents: (expectOk(documents) as Json[]).map(documentOf),
      drivingLicence: l
        ? {
            number: String(l.number),
            issuedOn: String(l.issuedOn),
            validUntil: String(l.validUntil),
            issuer: String(l.issuer),
            status: l.status as 'valid' | 'suspended' | 'withdrawn',
            pointsRemaining: Number(l.pointsRemaining),
            categories: l.categories.map((row) => ({
              category: String(row.category),
              obtainedOn: String(row.obtainedOn),
            })),
          }
        : null,
      vehicles: (expectOk(vehicles) as Json[]).map((vehicle) => ({
        vin: String(vehicle.vin),
        plate: vehicle.plate === null ? null : String(vehicle.plate),
        make: String(vehicle.make),
        model: String(vehicle.model),
        fuel: String(vehicle.fuel),
        colour: String(vehicle.colour),
        firstRegistrationDate: String(vehicle.firstRegistrationDate),
        modelYear: Number(vehicle.modelYear),
      })),
    };
  }

  /**
   * What an official sees of a person, asked with the official's purpose and legal basis. The
   * identity documents register is asked only when `withDocuments` (data minimisation).
   */
  async cardOf(egn: string, context: CallContext, { withDocuments = false } = {}): Promise<PersonCard> {
    const asked = { ...context, dataSubject: egn };
    const [person, addresses, documents] = await Promise.all([
      this.exchange.get(this.services.persons, `/${egn}`, asked),
      this.exchange.get(this.services.persons, `/${egn}/addresses`, asked),
      withDocuments ? this.exchange.get(this.services.documents, `/by-person/${egn}`, asked) : null,
    ]);
    const p = expectOk(person) as Json;
    const permanent = (expectOk(addresses) as Json[]).find((address) => address.kind === 'permanent');
    return {
      personalNumber: String(p.egn),
      name: nameOf(p),
      sex: p.sex as 'M' | 'F',
      birthDate: String(p.birthDate),
      deceased: Boolean(p.deceased),
      permanentAddress: permanent ? addressOf(permanent) : null,
      ...(documents ? { documents: (expectOk(documents) as Json[]).map(documentOf) } : {}),
    };
  }
}

function nameOf(person: Json) {
  return {
    given: String(person.givenName),
    father: String(person.fatherName),
    family: String(person.familyName),
    givenLatin: String(person.givenNameLatin),
    fatherLatin: String(person.fatherNameLatin),
    familyLatin: String(person.familyNameLatin),
  };
}

function documentOf(document: Json) {
  return {
    kind: document.kind as 'id_card' | 'passport',
    number: String(document.number),
    issuedOn: String(document.issuedOn),
    validUntil: String(document.validUntil),
    issuer: String(document.issuer),
    status: document.status as 'valid' | 'lost' | 'stolen' | 'destroyed',
  };
}

function addressOf(address: Json) {
  return {
    kind: address.kind as 'permanent' | 'current',
    region: String(address.regionName),
    municipality: String(address.municipalityName),
    settlement: String(address.settlementName),
    settlementLatin: String(address.settlementNameLatin),
    ekatte: String(address.settlementEkatte),
    postcode: String(address.postcode),
    street: String(address.street),
    building: String(address.building),
    apartment: address.apartment === null ? null : String(address.apartment),
  };
}
