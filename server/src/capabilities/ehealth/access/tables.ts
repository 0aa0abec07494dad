import type { Generated } from 'kysely';

/** A patient's EHDS Art. 8 restriction, as the SQL filter reads it (see migrations.ts). */
export interface AccessRestrictionRow {
  id: string;
  patient_id: string;
  /** The Consent resource (patient-privacy, deny) that is its FHIR form. */
  consent_id: string;
  target_kind: 'resource' | 'category';
  /** `Type/id` of the hidden resource (target_kind `resource`). */
  target_reference: string | null;
  target_type: string;
  /** A category code (category, type or code of the resource); null: the whole type. */
  target_category: string | null;
  from_kind: 'all-but-gp' | 'practitioner';
  from_practitioner: string | null;
  from_name: string | null;
  created_at: Generated<Date>;
}

export interface BreakGlassRow {
  id: string;
  practitioner_id: string;
  practitioner_number: string;
  organisation: string;
  patient_id: string;
  reason: string;
  opened_at: Generated<Date>;
  expires_at: Date;
}

export interface NoticeRow {
  id: string;
  patient_id: string;
  kind: string;
  practitioner_name: string | null;
  organisation: string | null;
  reason: string | null;
  created_at: Generated<Date>;
  expires_at: Date | null;
}

/** The access part's own tables in the `ehealth` schema. */
export interface AccessTables {
  'ehealth.access_restrictions': AccessRestrictionRow;
  'ehealth.break_glass': BreakGlassRow;
  'ehealth.notices': NoticeRow;
}
