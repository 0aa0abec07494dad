import type { MigrationSet } from '../../../db/index.ts';
import { sqlMigration } from '../../../db/index.ts';

/** This part's tables in the `ehealth` schema (see ../migrations.ts for its range of names). */
export const accessMigrations: MigrationSet['migrations'] = {
  '0730-ehealth-access': sqlMigration(
    [
      // EHDS Art. 8: what a patient hides from whom; the Consent resource is the FHIR form of each row.
      `CREATE TABLE ehealth.access_restrictions (
        id uuid PRIMARY KEY,
        patient_id text NOT NULL,
        consent_id text NOT NULL,
        target_kind text NOT NULL CHECK (target_kind IN ('resource', 'category')),
        target_reference text,
        target_type text NOT NULL,
        target_category text,
        from_kind text NOT NULL CHECK (from_kind IN ('all-but-gp', 'practitioner')),
        from_practitioner text,
        from_name text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      'CREATE INDEX access_restrictions_patient ON ehealth.access_restrictions (patient_id)',
      // Break-glass: a doctor's emergency access to one patient, for a limited time.
      `CREATE TABLE ehealth.break_glass (
        id uuid PRIMARY KEY,
        practitioner_id text NOT NULL,
        practitioner_number text NOT NULL,
        organisation text NOT NULL,
        patient_id text NOT NULL,
        reason text NOT NULL,
        opened_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`,
      'CREATE INDEX break_glass_practitioner ON ehealth.break_glass (practitioner_number, expires_at)',
      // What the patient is told (a break-glass access to their record).
      `CREATE TABLE ehealth.notices (
        id uuid PRIMARY KEY,
        patient_id text NOT NULL,
        kind text NOT NULL,
        practitioner_name text,
        organisation text,
        reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz
      )`,
      'CREATE INDEX notices_patient ON ehealth.notices (patient_id, created_at)',
      // The care relationships the policy asks about, found without reading every resource.
      `CREATE INDEX resources_general_practitioner ON ehealth.resources
        USING gin ((content::jsonb -> 'generalPractitioner') jsonb_path_ops) WHERE resource_type = 'Patient'`,
      `CREATE INDEX resources_referral_performer ON ehealth.resources
        USING gin ((content::jsonb -> 'performer') jsonb_path_ops) WHERE resource_type = 'ServiceRequest'`,
      `CREATE INDEX resources_encounter_participant ON ehealth.resources
        USING gin ((content::jsonb -> 'participant') jsonb_path_ops) WHERE resource_type = 'Encounter'`,
      `CREATE INDEX resources_identifier ON ehealth.resources
        USING gin ((content::jsonb -> 'identifier') jsonb_path_ops) WHERE resource_type IN ('Practitioner', 'PractitionerRole')`,
      `CREATE INDEX resources_role_practitioner ON ehealth.resources
        USING gin ((content::jsonb -> 'practitioner') jsonb_path_ops) WHERE resource_type = 'PractitionerRole'`,
    ],
    [
      'DROP INDEX ehealth.resources_role_practitioner',
      'DROP INDEX ehealth.resources_identifier',
      'DROP INDEX ehealth.resources_encounter_participant',
      'DROP INDEX ehealth.resources_referral_performer',
      'DROP INDEX ehealth.resources_general_practitioner',
      'DROP TABLE ehealth.notices',
      'DROP TABLE ehealth.break_glass',
      'DROP TABLE ehealth.access_restrictions',
    ],
  ),
};
