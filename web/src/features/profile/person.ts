/** The signed-in person as returned by GET /api/me (the population register and linked registers). */
export interface Person {
  personalNumber: string;
  roles: string[];
  name: PersonName;
  sex: 'M' | 'F';
  birthDate: string;
  birthPlace: { ekatte: string; name: string };
  citizenship: string;
  deceased: boolean;
  addresses: Address[];
  documents: IdentityDocument[];
  drivingLicence: DrivingLicence | null;
  vehicles: Vehicle[];
}

export interface PersonName {
  given: string;
  father: string;
  family: string;
  givenLatin: string;
  fatherLatin: string;
  familyLatin: string;
}

export interface Address {
  kind: 'permanent' | 'current';
  region: string;
  municipality: string;
  settlement: string;
  settlementLatin: string;
  postcode: string;
  street: string;
  building: string;
  apartment: string | null;
}

export type IdentityDocumentStatus = 'valid' | 'lost' | 'stolen' | 'destroyed';

export interface IdentityDocument {
  kind: 'id_card' | 'passport';
  number: string;
  issuedOn: string;
  validUntil: string;
  issuer: string;
  status: IdentityDocumentStatus;
}

export type DrivingLicenceStatus = 'valid' | 'suspended' | 'withdrawn';

export interface DrivingLicence {
  number: string;
  issuedOn: string;
  validUntil: string;
  status: DrivingLicenceStatus;
  pointsRemaining: number;
  categories: Array<{ category: string; obtainedOn: string }>;
}

export interface Vehicle {
  vin: string;
  plate: string | null;
  make: string;
  model: string;
  fuel: string;
  colour: string;
  firstRegistrationDate: string;
  modelYear: number;
}
