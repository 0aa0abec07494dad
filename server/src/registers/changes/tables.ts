/** The registers' change outbox (schema `registers`): one row per change of a register record. */
import type { Generated } from 'kysely';

export interface RegisterChangeRow {
  id: Generated<string>;
  /** The register's subsystem code, e.g. `driving-licences`. */
  register: string;
  /** The changed record's key in it: a personal number, licence number or VIN. */
  record_key: string;
  /** The data subject's personal number, when the record is about a person. */
  subject: string | null;
  /** What happened, e.g. `licence-suspended`, `person-deceased`, `vehicle-reregistered`. */
  kind: string;
  at: Generated<Date>;
}

export interface ChangeTables {
  'registers.changes': RegisterChangeRow;
}
