import type { Migration } from 'kysely/migration';
import type { MigrationSet } from '../db/index.ts';
import { sqlMigration } from '../db/index.ts';
import { commercialMigrations } from './commercial/migrations.ts';
import { criminalRecordMigrations } from './criminal-records/migrations.ts';
import { wordsToCodesStatements } from './words-to-codes.ts';

/**
 * Each register lives in its own PostgreSQL schema, so that in production each can get its
 * own database role and no context can read another register's tables.
 * Every personal table carries the subject key (EGN or VIN) for sharding by it later.
 */
const migrations: Record<string, Migration> = {
  // The runs of seed.ts, in a schema named when seeding was the platform's (the name is kept).
  '0001-platform': sqlMigration(
    [
      'CREATE SCHEMA IF NOT EXISTS platform',
      `CREATE TABLE platform.seed_runs (
        id text PRIMARY KEY,
        seed text NOT NULL,
        persons integer NOT NULL,
        vehicles integer NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz
      )`,
    ],
    ['DROP SCHEMA platform CASCADE'],
  ),
  '0100-population': sqlMigration(
    [
      'CREATE SCHEMA IF NOT EXISTS population',
      `CREATE TABLE population.persons (
        egn char(10) PRIMARY KEY,
        given_name text NOT NULL,
        father_name text NOT NULL,
        family_name text NOT NULL,
        given_name_latin text NOT NULL,
        father_name_latin text NOT NULL,
        family_name_latin text NOT NULL,
        sex char(1) NOT NULL CHECK (sex IN ('M', 'F')),
        birth_date date NOT NULL,
        birth_place_ekatte text NOT NULL,
        birth_place_name text NOT NULL,
        mother_egn char(10),
        father_egn char(10),
        deceased boolean NOT NULL DEFAULT false,
        death_date date,
        citizenship char(3) NOT NULL DEFAULT 'BGR'
      )`,
      'CREATE INDEX persons_mother_idx ON population.persons (mother_egn)',
      'CREATE INDEX persons_father_idx ON population.persons (father_egn)',
      `CREATE TABLE population.addresses (
        egn char(10) NOT NULL,
        kind text NOT NULL CHECK (kind IN ('permanent', 'current')),
        region_code text NOT NULL,
        region_name text NOT NULL,
        municipality_name text NOT NULL,
        settlement_ekatte text NOT NULL,
        settlement_name text NOT NULL,
        settlement_name_latin text NOT NULL,
        postcode text NOT NULL,
        street text NOT NULL,
        building text NOT NULL,
        apartment text,
        registered_on date NOT NULL,
        PRIMARY KEY (egn, kind)
      )`,
    ],
    ['DROP SCHEMA population CASCADE'],
  ),
  '0110-identity-documents': sqlMigration(
    [
      'CREATE SCHEMA IF NOT EXISTS identity_documents',
      `CREATE TABLE identity_documents.documents (
        number text PRIMARY KEY,
        egn char(10) NOT NULL,
        kind text NOT NULL CHECK (kind IN ('id_card', 'passport')),
        issued_on date NOT NULL,
        valid_until date NOT NULL,
        issuer text NOT NULL,
        status text NOT NULL CHECK (status IN ('valid', 'lost', 'stolen', 'destroyed'))
      )`,
      'CREATE INDEX documents_egn_idx ON identity_documents.documents (egn)',
    ],
    ['DROP SCHEMA identity_documents CASCADE'],
  ),
  '0120-driving-licences': sqlMigration(
    [
      'CREATE SCHEMA IF NOT EXISTS driving_licences',
      `CREATE TABLE driving_licences.licences (
        number text PRIMARY KEY,
        egn char(10) NOT NULL,
        issued_on date NOT NULL,
        valid_until date NOT NULL,
        issuer text NOT NULL,
        points_remaining integer NOT NULL,
        status text NOT NULL CHECK (status IN ('valid', 'suspended', 'withdrawn'))
      )`,
      'CREATE INDEX licences_egn_idx ON driving_licences.licences (egn)',
      `CREATE TABLE driving_licences.categories (
        licence_number text NOT NULL,
        category text NOT NULL,
        obtained_on date NOT NULL,
        PRIMARY KEY (licence_number, category)
      )`,
    ],
    ['DROP SCHEMA driving_licences CASCADE'],
  ),
  '0130-vehicles': sqlMigration(
    [
      'CREATE SCHEMA IF NOT EXISTS vehicles',
      `CREATE TABLE vehicles.vehicles (
        vin char(17) PRIMARY KEY,
        plate text,
        make text NOT NULL,
        model text NOT NULL,
        category text NOT NULL,
        body text NOT NULL,
        fuel text NOT NULL,
        engine_cc integer NOT NULL,
        power_kw integer NOT NULL,
        mass_kg integer NOT NULL,
        colour text NOT NULL,
        model_year integer NOT NULL,
        first_registration_date date NOT NULL,
        registration_certificate_number text NOT NULL,
        status text NOT NULL CHECK (status IN ('registered', 'deregistered', 'scrapped')),
        stolen boolean NOT NULL DEFAULT false,
        stolen_since date
      )`,
      'CREATE UNIQUE INDEX vehicles_plate_idx ON vehicles.vehicles (plate)',
      `CREATE TABLE vehicles.registrations (
        vin char(17) NOT NULL,
        seq integer NOT NULL,
        event text NOT NULL,
        event_date date NOT NULL,
        plate text,
        owner_kind text NOT NULL CHECK (owner_kind IN ('person', 'company')),
        owner_id text NOT NULL,
        owner_name text,
        certificate_number text,
        PRIMARY KEY (vin, seq)
      )`,
      'CREATE INDEX registrations_owner_idx ON vehicles.registrations (owner_id)',
    ],
    ['DROP SCHEMA vehicles CASCADE'],
  ),
  '0140-inspections': sqlMigration(
    [
      'CREATE SCHEMA IF NOT EXISTS inspections',
      `CREATE TABLE inspections.inspections (
        vin char(17) NOT NULL,
        seq integer NOT NULL,
        inspected_on date NOT NULL,
        station_code text NOT NULL,
        station_name text NOT NULL,
        result text NOT NULL CHECK (result IN ('passed', 'failed')),
        odometer_km integer NOT NULL,
        next_due date,
        protocol_number text NOT NULL,
        PRIMARY KEY (vin, seq)
      )`,
    ],
    ['DROP SCHEMA inspections CASCADE'],
  ),
  '0150-insurance': sqlMigration(
    [
      'CREATE SCHEMA IF NOT EXISTS insurance',
      `CREATE TABLE insurance.policies (
        policy_number text PRIMARY KEY,
        vin char(17) NOT NULL,
        insurer text NOT NULL,
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        cancelled boolean NOT NULL DEFAULT false
      )`,
      'CREATE INDEX policies_vin_idx ON insurance.policies (vin, ends_on)',
    ],
    ['DROP SCHEMA insurance CASCADE'],
  ),
  '0160-fines': sqlMigration(
    [
      'CREATE SCHEMA IF NOT EXISTS fines',
      `CREATE TABLE fines.fines (
        number text PRIMARY KEY,
        egn char(10) NOT NULL,
        vin char(17),
        plate text,
        issued_on date NOT NULL,
        issuer text NOT NULL,
        offence text NOT NULL,
        amount_cents integer NOT NULL CHECK (amount_cents >= 0),
        paid boolean NOT NULL,
        paid_on date
      )`,
      'CREATE INDEX fines_egn_idx ON fines.fines (egn)',
      'CREATE INDEX fines_vin_idx ON fines.fines (vin)',
    ],
    ['DROP SCHEMA fines CASCADE'],
  ),
  '0170-vehicle-tax': sqlMigration(
    [
      'CREATE SCHEMA IF NOT EXISTS vehicle_tax',
      `CREATE TABLE vehicle_tax.assessments (
        vin char(17) NOT NULL,
        year integer NOT NULL,
        municipality_name text NOT NULL,
        owner_id text NOT NULL,
        amount_cents integer NOT NULL CHECK (amount_cents >= 0),
        paid boolean NOT NULL,
        paid_on date,
        PRIMARY KEY (vin, year)
      )`,
    ],
    ['DROP SCHEMA vehicle_tax CASCADE'],
  ),
  // Registers seeded before issue 14 stored body, colour and offence as Bulgarian words.
  // Numbered after the last migration of the previous release (0400), so databases made by it
  // upgrade in order (Kysely refuses a new migration that sorts before an applied one).
  '0500-register-codes': sqlMigration(wordsToCodesStatements()),
  // The change outbox (changes/outbox.ts): written in the transaction of each register change.
  '0620-register-changes': sqlMigration(
    [
      'CREATE SCHEMA IF NOT EXISTS registers',
      `CREATE TABLE registers.changes (
        id bigserial PRIMARY KEY,
        register text NOT NULL,
        record_key text NOT NULL,
        subject text,
        kind text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`,
    ],
    ['DROP SCHEMA registers CASCADE'],
  ),
  '0621-health-insurance': sqlMigration(
    [
      'CREATE SCHEMA IF NOT EXISTS health_insurance',
      `CREATE TABLE health_insurance.insured_persons (
        egn char(10) PRIMARY KEY,
        status text NOT NULL CHECK (status IN ('insured', 'interrupted')),
        insured_since date NOT NULL,
        institution_id text NOT NULL,
        institution_name text NOT NULL,
        ehic_number char(20) UNIQUE,
        card_issued_on date,
        card_valid_until date
      )`,
    ],
    ['DROP SCHEMA health_insurance CASCADE'],
  ),
  '0622-driving-licence-restrictions': sqlMigration(
    [
      `CREATE TABLE driving_licences.restrictions (
        licence_number text NOT NULL,
        code text NOT NULL,
        category text
      )`,
      'CREATE INDEX restrictions_licence_idx ON driving_licences.restrictions (licence_number)',
    ],
    ['DROP TABLE driving_licences.restrictions'],
  ),
  ...commercialMigrations,
  ...criminalRecordMigrations,
};

export const registerMigrations: MigrationSet = { context: 'registers', migrations };
