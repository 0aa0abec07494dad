import type { MigrationSet } from '../../db/index.ts';
import { sqlMigration } from '../../db/index.ts';
import { accessMigrations } from './access/migrations.ts';
import { fhirMigrations } from './fhir/migrations.ts';
import { searchMigrations } from './fhir/search/migrations.ts';
import { prescriptionMigrations } from './prescriptions/migrations.ts';
import { syntheticMigrations } from './synthetic/migrations.ts';

/**
 * The health record's schema and resource store, then each part's tables. Names: 0700–0709 here,
 * fhir/ 0710–0719, fhir/search/ 0720–0729, access/ 0730–0739, prescriptions/ 0740–0749, synthetic/ 0750–0759.
 */
export const ehealthMigrations: MigrationSet = {
  context: 'ehealth',
  migrations: {
    '0700-ehealth-store': sqlMigration(
      [
        'CREATE SCHEMA IF NOT EXISTS ehealth',
        `CREATE TABLE ehealth.resources (
          resource_type text NOT NULL,
          id text NOT NULL,
          version integer NOT NULL,
          last_updated timestamptz NOT NULL,
          patient_id text,
          deleted boolean NOT NULL DEFAULT false,
          content text NOT NULL,
          PRIMARY KEY (resource_type, id)
        )`,
        'CREATE INDEX resources_patient ON ehealth.resources (patient_id, resource_type)',
        'CREATE INDEX resources_updated ON ehealth.resources (resource_type, last_updated)',
        `CREATE TABLE ehealth.resource_history (
          resource_type text NOT NULL,
          id text NOT NULL,
          version integer NOT NULL,
          last_updated timestamptz NOT NULL,
          deleted boolean NOT NULL DEFAULT false,
          content text NOT NULL,
          PRIMARY KEY (resource_type, id, version)
        )`,
        `CREATE TABLE ehealth.patients (
          personal_number text PRIMARY KEY,
          patient_id text NOT NULL UNIQUE
        )`,
      ],
      ['DROP SCHEMA ehealth CASCADE'],
    ),
    ...fhirMigrations,
    ...searchMigrations,
    ...accessMigrations,
    ...prescriptionMigrations,
    ...syntheticMigrations,
  },
};
