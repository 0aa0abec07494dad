import type { PersonCard, Profile } from '@civitas/contracts/api/profile.ts';
import { COMMERCIAL_REGISTER } from '@civitas/contracts/registers/commercial.ts';
import { DRIVING_LICENCES } from '@civitas/contracts/registers/driving-licences.ts';
import {
  IDENTITY_DOCUMENTS,
  type IdentityDocument,
} from '@civitas/contracts/registers/identity-documents.ts';
import { type Address, PERSONS, type Person } from '@civitas/contracts/registers/population.ts';
import { VEHICLES } from '@civitas/contracts/registers/vehicles.ts';
import { allInOrder, type CallContext, type ExchangeClient } from '../../exchange/index.ts';
import type { OwnProfileAccess } from './policy.ts';

/** Gathers a person's profile from the registers, each asked through the exchange for its own part. */
export class ProfileService {
  private readonly exchange: ExchangeClient;

  constructor(exchange: ExchangeClient) {
    this.exchange = exchange;
  }

  /** The person's own profile, asked as the policy's `ownProfileAccess` names them. */
  async profileOf(context: OwnProfileAccess, roles: readonly string[]): Promise<Profile> {
    const egn = context.dataSubject;
    // The registers are asked in parallel: a profile costs one round trip of latency, not five.
    const [person, addresses, documents, licence, vehicles, companies] = await allInOrder([
      this.exchange.call(PERSONS.endpoints.person, { egn }, context, 'person-not-found'),
      this.exchange.call(PERSONS.endpoints.addresses, { egn }, context, 'person-not-found'),
      this.exchange.call(IDENTITY_DOCUMENTS.endpoints.byPerson, { egn }, context),
      this.exchange.find(DRIVING_LICENCES.endpoints.byPerson, { egn }, context),
      this.exchange.call(VEHICLES.endpoints.byOwner, { ownerId: egn }, context),
      this.exchange.call(COMMERCIAL_REGISTER.endpoints.byRepresentative, { egn }, context),
    ]);
    return {
      personalNumber: person.egn,
      roles: [...roles],
      name: nameOf(person),
      sex: person.sex,
      birthDate: person.birthDate,
      birthPlace: { ekatte: person.birthPlaceEkatte, name: person.birthPlaceName },
      citizenship: person.citizenship,
      deceased: person.deceased,
      addresses: addresses.map(addressOf),
      documents: documents.map(documentOf),
      drivingLicence: licence
        ? {
            number: licence.number,
            issuedOn: licence.issuedOn,
            validUntil: licence.validUntil,
            issuer: licence.issuer,
            status: licence.status,
            pointsRemaining: licence.pointsRemaining,
            categories: licence.categories.map(({ category, obtainedOn }) => ({ category, obtainedOn })),
          }
        : null,
      vehicles: vehicles.map((vehicle) => ({
        vin: vehicle.vin,
        plate: vehicle.plate,
        make: vehicle.make,
        model: vehicle.model,
        fuel: vehicle.fuel,
        colour: vehicle.colour,
        firstRegistrationDate: vehicle.firstRegistrationDate,
        modelYear: vehicle.modelYear,
      })),
      companies: companies.map(({ eik, name, legalForm, status, role, alone }) => ({
        eik,
        name,
        legalForm,
        status,
        role,
        alone,
      })),
    };
  }

  /**
   * What an official sees of a person, asked with the official's purpose and legal basis. The
   * identity documents register is asked only when `withDocuments` (data minimisation).
   */
  async cardOf(egn: string, context: CallContext, { withDocuments = false } = {}): Promise<PersonCard> {
    const asked = { ...context, dataSubject: egn };
    const [person, addresses, documents] = await allInOrder([
      this.exchange.call(PERSONS.endpoints.person, { egn }, asked, 'person-not-found'),
      this.exchange.call(PERSONS.endpoints.addresses, { egn }, asked, 'person-not-found'),
      withDocuments
        ? this.exchange.call(IDENTITY_DOCUMENTS.endpoints.byPerson, { egn }, asked)
        : Promise.resolve(null),
    ]);
    const permanent = addresses.find((address) => address.kind === 'permanent');
    return {
      personalNumber: person.egn,
      name: nameOf(person),
      sex: person.sex,
      birthDate: person.birthDate,
      deceased: person.deceased,
      permanentAddress: permanent ? addressOf(permanent) : null,
      ...(documents ? { documents: documents.map(documentOf) } : {}),
    };
  }
}

function nameOf(person: Person) {
  return {
    given: person.givenName,
    father: person.fatherName,
    family: person.familyName,
    givenLatin: person.givenNameLatin,
    fatherLatin: person.fatherNameLatin,
    familyLatin: person.familyNameLatin,
  };
}

function documentOf({ kind, number, issuedOn, validUntil, issuer, status }: IdentityDocument) {
  return { kind, number, issuedOn, validUntil, issuer, status };
}

function addressOf(address: Address) {
  return {
    kind: address.kind,
    region: address.regionName,
    municipality: address.municipalityName,
    settlement: address.settlementName,
    settlementLatin: address.settlementNameLatin,
    ekatte: address.settlementEkatte,
    postcode: address.postcode,
    street: address.street,
    building: address.building,
    apartment: address.apartment,
  };
}
