import type { Generated } from 'kysely';

/**
 * One e-prescription: the row a dispense locks (`SELECT … FOR UPDATE`), so that two pharmacies
 * dispensing it at the same moment are served one after the other and the second sees what the
 * first handed over. The MedicationRequest is the record; this row is its counter.
 */
export interface PrescriptionRow {
  number: string;
  medication_request_id: string;
  /** The Patient id (the subject key; never the personal number). */
  patient_id: string;
  /** The prescriber's Practitioner id, and their name and organisation as shown to pharmacist and patient. */
  prescriber_id: string;
  prescriber_name: string;
  prescriber_organisation: string;
  /** The ATC code. */
  medication_code: string;
  dosage: string;
  /** Packs per fill; total = per fill × (1 + repeats). */
  quantity: number;
  total: number;
  dispensed: Generated<number>;
  /** active | completed | cancelled (expired is computed from `expires_at`). */
  status: string;
  authored_at: Date;
  expires_at: Date;
  version: Generated<number>;
}

/** One dispense: the MedicationDispense written and, when the pharmacy sent one, its Idempotency-Key. */
export interface PrescriptionDispenseRow {
  dispense_id: string;
  number: string;
  /** The pharmacy's exchange client (the key is unique per prescription and pharmacy). */
  pharmacy_client: string;
  pharmacy: string;
  idempotency_key: string | null;
  quantity: number;
  handed_over_at: Date;
}

export interface PrescriptionTables {
  'ehealth.prescriptions': PrescriptionRow;
  'ehealth.prescription_dispenses': PrescriptionDispenseRow;
}
