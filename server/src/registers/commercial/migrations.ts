import type { Migration } from 'kysely/migration';
import { sqlMigration } from '../../db/index.ts';

/** The commercial register's schema: companies, and the persons who represent them. */
export const commercialMigrations: Record<string, Migration> = {
  '0830-commercial-register': sqlMigration(
    [
      'CREATE SCHEMA IF NOT EXISTS commercial',
      `CREATE TABLE commercial.companies (
        eik char(9) PRIMARY KEY,
        name text NOT NULL,
        name_latin text NOT NULL,
        legal_form text NOT NULL CHECK (legal_form IN ('et', 'eood', 'ood', 'ead', 'ad')),
        registered_on date NOT NULL,
        status text NOT NULL CHECK (status IN ('active', 'in-liquidation', 'insolvent', 'struck-off')),
        municipality_name text NOT NULL,
        settlement_name text NOT NULL,
        postcode text NOT NULL,
        street text NOT NULL,
        building text NOT NULL
      )`,
      `CREATE TABLE commercial.representatives (
        eik char(9) NOT NULL,
        egn char(10) NOT NULL,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('sole-trader', 'manager', 'executive-director')),
        alone boolean NOT NULL,
        since date NOT NULL,
        PRIMARY KEY (eik, egn)
      )`,
      'CREATE INDEX representatives_egn_idx ON commercial.representatives (egn)',
    ],
    ['DROP SCHEMA commercial CASCADE'],
  ),
};
