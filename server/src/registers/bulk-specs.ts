import type { BulkTableSpec } from '../db/index.ts';
import type { CompanyRow, RepresentativeRow } from './commercial/tables.ts';
import type { ConvictionRow } from './criminal-records/tables.ts';
import type { LicenceCategoryRow, LicenceRestrictionRow, LicenceRow } from './driving-licences/tables.ts';
import type { FineRow } from './fines/tables.ts';
import type { InsuredPersonRow } from './health-insurance/tables.ts';
import type { IdentityDocumentRow } from './identity-documents/tables.ts';
import type { InspectionRow } from './inspections/tables.ts';
import type { PolicyRow } from './insurance/tables.ts';
import type { AddressRow, PersonRow } from './population/tables.ts';
import type { VehicleTaxRow } from './vehicle-tax/tables.ts';
import type { RegistrationRow, VehicleRow } from './vehicles/tables.ts';

/** Column types of every register table, for bulk loading synthetic data. */
export const personsSpec: BulkTableSpec<PersonRow> = {
  table: 'population.persons',
  columns: {
    egn: 'text',
    given_name: 'text',
    father_name: 'text',
    family_name: 'text',
    given_name_latin: 'text',
    father_name_latin: 'text',
    family_name_latin: 'text',
    sex: 'text',
    birth_date: 'date',
    birth_place_ekatte: 'text',
    birth_place_name: 'text',
    mother_egn: 'text',
    father_egn: 'text',
    deceased: 'boolean',
    death_date: 'date',
    citizenship: 'text',
  },
};

export const addressesSpec: BulkTableSpec<AddressRow> = {
  table: 'population.addresses',
  columns: {
    egn: 'text',
    kind: 'text',
    region_code: 'text',
    region_name: 'text',
    municipality_name: 'text',
    settlement_ekatte: 'text',
    settlement_name: 'text',
    settlement_name_latin: 'text',
    postcode: 'text',
    street: 'text',
    building: 'text',
    apartment: 'text',
    registered_on: 'date',
  },
};

export const documentsSpec: BulkTableSpec<IdentityDocumentRow> = {
  table: 'identity_documents.documents',
  columns: {
    number: 'text',
    egn: 'text',
    kind: 'text',
    issued_on: 'date',
    valid_until: 'date',
    issuer: 'text',
    status: 'text',
  },
};

export const licencesSpec: BulkTableSpec<LicenceRow> = {
  table: 'driving_licences.licences',
  columns: {
    number: 'text',
    egn: 'text',
    issued_on: 'date',
    valid_until: 'date',
    issuer: 'text',
    points_remaining: 'integer',
    status: 'text',
  },
};

export const licenceCategoriesSpec: BulkTableSpec<LicenceCategoryRow> = {
  table: 'driving_licences.categories',
  columns: { licence_number: 'text', category: 'text', obtained_on: 'date' },
};

export const licenceRestrictionsSpec: BulkTableSpec<LicenceRestrictionRow> = {
  table: 'driving_licences.restrictions',
  columns: { licence_number: 'text', code: 'text', category: 'text' },
};

export const insuredPersonsSpec: BulkTableSpec<InsuredPersonRow> = {
  table: 'health_insurance.insured_persons',
  columns: {
    egn: 'text',
    status: 'text',
    insured_since: 'date',
    institution_id: 'text',
    institution_name: 'text',
    ehic_number: 'text',
    card_issued_on: 'date',
    card_valid_until: 'date',
  },
};

export const vehiclesSpec: BulkTableSpec<VehicleRow> = {
  table: 'vehicles.vehicles',
  columns: {
    vin: 'text',
    plate: 'text',
    make: 'text',
    model: 'text',
    category: 'text',
    body: 'text',
    fuel: 'text',
    engine_cc: 'integer',
    power_kw: 'integer',
    mass_kg: 'integer',
    colour: 'text',
    model_year: 'integer',
    first_registration_date: 'date',
    registration_certificate_number: 'text',
    status: 'text',
    stolen: 'boolean',
    stolen_since: 'date',
  },
};

export const registrationsSpec: BulkTableSpec<RegistrationRow> = {
  table: 'vehicles.registrations',
  columns: {
    vin: 'text',
    seq: 'integer',
    event: 'text',
    event_date: 'date',
    plate: 'text',
    owner_kind: 'text',
    owner_id: 'text',
    owner_name: 'text',
    certificate_number: 'text',
  },
};

export const inspectionsSpec: BulkTableSpec<InspectionRow> = {
  table: 'inspections.inspections',
  columns: {
    vin: 'text',
    seq: 'integer',
    inspected_on: 'date',
    station_code: 'text',
    station_name: 'text',
    result: 'text',
    odometer_km: 'integer',
    next_due: 'date',
    protocol_number: 'text',
  },
};

export const policiesSpec: BulkTableSpec<PolicyRow> = {
  table: 'insurance.policies',
  columns: {
    policy_number: 'text',
    vin: 'text',
    insurer: 'text',
    starts_on: 'date',
    ends_on: 'date',
    cancelled: 'boolean',
  },
};

export const finesSpec: BulkTableSpec<FineRow> = {
  table: 'fines.fines',
  columns: {
    number: 'text',
    egn: 'text',
    vin: 'text',
    plate: 'text',
    issued_on: 'date',
    issuer: 'text',
    offence: 'text',
    amount_cents: 'integer',
    paid: 'boolean',
    paid_on: 'date',
  },
};

export const taxesSpec: BulkTableSpec<VehicleTaxRow> = {
  table: 'vehicle_tax.assessments',
  columns: {
    vin: 'text',
    year: 'integer',
    municipality_name: 'text',
    owner_id: 'text',
    amount_cents: 'integer',
    paid: 'boolean',
    paid_on: 'date',
  },
};

export const companiesSpec: BulkTableSpec<CompanyRow> = {
  table: 'commercial.companies',
  columns: {
    eik: 'text',
    name: 'text',
    name_latin: 'text',
    legal_form: 'text',
    registered_on: 'date',
    status: 'text',
    municipality_name: 'text',
    settlement_name: 'text',
    postcode: 'text',
    street: 'text',
    building: 'text',
  },
};

export const representativesSpec: BulkTableSpec<RepresentativeRow> = {
  table: 'commercial.representatives',
  columns: { eik: 'text', egn: 'text', name: 'text', role: 'text', alone: 'boolean', since: 'date' },
};

export const convictionsSpec: BulkTableSpec<ConvictionRow> = {
  table: 'criminal_records.convictions',
  columns: {
    bulletin: 'text',
    egn: 'text',
    court: 'text',
    case_number: 'text',
    final_on: 'date',
    offence: 'text',
    sentence: 'text',
    months: 'integer',
    fine_cents: 'integer',
    rehabilitated: 'boolean',
  },
};

/** Every register table, in an order safe to truncate. */
export const registerTables = [
  personsSpec,
  addressesSpec,
  documentsSpec,
  licencesSpec,
  licenceCategoriesSpec,
  licenceRestrictionsSpec,
  insuredPersonsSpec,
  vehiclesSpec,
  registrationsSpec,
  inspectionsSpec,
  policiesSpec,
  finesSpec,
  taxesSpec,
  companiesSpec,
  representativesSpec,
  convictionsSpec,
].map((spec) => spec.table);
