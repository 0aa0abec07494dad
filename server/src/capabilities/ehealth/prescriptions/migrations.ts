import type { MigrationSet } from '../../../db/index.ts';
import { sqlMigration } from '../../../db/index.ts';

/** This part's tables in the `ehealth` schema (see ../migrations.ts for its range of names). */
export const prescriptionMigrations: MigrationSet['migrations'] = {
  '0740-ehealth-prescriptions': sqlMigration(
    [
      `CREATE TABLE ehealth.prescriptions (
        number text PRIMARY KEY,
        medication_request_id text NOT NULL UNIQUE,
        patient_id text NOT NULL,
        prescriber_id text NOT NULL,
        prescriber_name text NOT NULL,
        prescriber_organisation text NOT NULL,
        medication_code text NOT NULL,
        dosage text NOT NULL,
        quantity integer NOT NULL CHECK (quantity > 0),
        total integer NOT NULL CHECK (total >= quantity),
        dispensed integer NOT NULL DEFAULT 0 CHECK (dispensed >= 0 AND dispensed <= total),
        status text NOT NULL CHECK (status IN ('active', 'completed', 'cancelled')),
        authored_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        version integer NOT NULL DEFAULT 1
      )`,
      'CREATE INDEX prescriptions_patient ON ehealth.prescriptions (patient_id, authored_at)',
      `CREATE TABLE ehealth.prescription_dispenses (
        dispense_id text PRIMARY KEY,
        number text NOT NULL REFERENCES ehealth.prescriptions (number),
        pharmacy_client text NOT NULL,
        pharmacy text NOT NULL,
        idempotency_key text,
        quantity integer NOT NULL CHECK (quantity > 0),
        handed_over_at timestamptz NOT NULL,
        UNIQUE (number, pharmacy_client, idempotency_key)
      )`,
    ],
    ['DROP TABLE ehealth.prescription_dispenses', 'DROP TABLE ehealth.prescriptions'],
  ),
};
