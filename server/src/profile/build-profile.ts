import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { DrivingLicencesRegister } from '../registers/driving-licences/service.ts';
import { IdentityDocumentsRegister } from '../registers/identity-documents/service.ts';
import { PopulationRegister } from '../registers/population/service.ts';
import type { AddressRow, PersonRow } from '../registers/population/tables.ts';
import { VehicleRegister } from '../registers/vehicles/service.ts';
import type { PersonCard, Profile } from './schema.ts';

/** Gathers a person's profile from the registers, each asked for its own part. */
export class ProfileService {
  private readonly population: PopulationRegister;
  private readonly documents: IdentityDocumentsRegister;
  private readonly licences: DrivingLicencesRegister;
  private readonly vehicles: VehicleRegister;

  constructor(db: Kysely<Database>) {
    this.population = new PopulationRegister(db);
    this.documents = new IdentityDocumentsRegister(db);
    this.licences = new DrivingLicencesRegister(db);
    this.vehicles = new VehicleRegister(db);
  }

  async profileOf(egn: string, roles: readonly string[]): Promise<Profile> {
    // The registers are asked in parallel: a profile costs one round trip of latency, not five.
    const [person, addresses, documents, licence, vehicles] = await Promise.all([
      this.population.findPerson(egn),
      this.population.findAddresses(egn),
      this.documents.findByPerson(egn),
      this.licences.findByPerson(egn),
      this.vehicles.findByCurrentOwner(egn),
    ]);
    if (!person) throw new AppError('person-not-found');
    return {
      personalNumber: person.egn,
      roles: [...roles],
      name: nameOf(person),
      sex: person.sex,
      birthDate: person.birth_date,
      birthPlace: { ekatte: person.birth_place_ekatte, name: person.birth_place_name },
      citizenship: person.citizenship,
      deceased: person.deceased,
      addresses: addresses.map(addressOf),
      documents: documents.map((document) => ({
        kind: document.kind,
        number: document.number,
        issuedOn: document.issued_on,
        validUntil: document.valid_until,
        issuer: document.issuer,
        status: document.status,
      })),
      drivingLicence: licence
        ? {
            number: licence.licence.number,
            issuedOn: licence.licence.issued_on,
            validUntil: licence.licence.valid_until,
            issuer: licence.licence.issuer,
            status: licence.licence.status,
            pointsRemaining: licence.licence.points_remaining,
            categories: licence.categories.map((row) => ({
              category: row.category,
              obtainedOn: row.obtained_on,
            })),
          }
        : null,
      vehicles: vehicles.map((vehicle) => ({
        vin: vehicle.vin,
        plate: vehicle.plate,
        make: vehicle.make,
        model: vehicle.model,
        fuel: vehicle.fuel,
        colour: vehicle.colour,
        firstRegistrationDate: vehicle.first_registration_date,
        modelYear: vehicle.model_year,
      })),
    };
  }

  async cardOf(egn: string): Promise<PersonCard> {
    const person = await this.population.findPerson(egn);
    if (!person) throw new AppError('person-not-found');
    const permanent = (await this.population.findAddresses(egn)).find(
      (address) => address.kind === 'permanent',
    );
    return {
      personalNumber: person.egn,
      name: nameOf(person),
      sex: person.sex,
      birthDate: person.birth_date,
      deceased: person.deceased,
      permanentAddress: permanent ? addressOf(permanent) : null,
    };
  }
}

function nameOf(person: PersonRow) {
  return {
    given: person.given_name,
    father: person.father_name,
    family: person.family_name,
    givenLatin: person.given_name_latin,
    fatherLatin: person.father_name_latin,
    familyLatin: person.family_name_latin,
  };
}

function addressOf(address: AddressRow) {
  return {
    kind: address.kind,
    region: address.region_name,
    municipality: address.municipality_name,
    settlement: address.settlement_name,
    settlementLatin: address.settlement_name_latin,
    ekatte: address.settlement_ekatte,
    postcode: address.postcode,
    street: address.street,
    building: address.building,
    apartment: address.apartment,
  };
}
