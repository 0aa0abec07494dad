import type { Generated } from 'kysely';

/**
 * The health record's own tables (schema `ehealth`). Only the eHealth context reads them: other
 * contexts read health data through the exchange (the `health-record` register service).
 *
 * Each part adds its tables to `EhealthTables` in its own `tables.ts` by declaration merging is not
 * used: a part declares its rows beside its code and this interface lists them (see the parts'
 * migrations for the columns).
 */

/** The current version of every resource. `content` is the resource's JSON text as served (with `meta`). */
export interface ResourceRow {
  resource_type: string;
  id: string;
  version: number;
  last_updated: Date;
  /** The Patient compartment the resource belongs to (its Patient's id); null for shared resources (Practitioner, Organization, …). */
  patient_id: string | null;
  deleted: Generated<boolean>;
  content: string;
}

/** Every version of every resource, the current one included (`_history`, vread). */
export interface ResourceHistoryRow {
  resource_type: string;
  id: string;
  version: number;
  last_updated: Date;
  deleted: Generated<boolean>;
  content: string;
}

/**
 * A person of the population register and their Patient resource: the personal number never
 * appears in a URL, a resource id or a log line; it is the Patient's `identifier` only.
 */
export interface PatientLinkRow {
  personal_number: string;
  patient_id: string;
}

export interface EhealthTables {
  'ehealth.resources': ResourceRow;
  'ehealth.resource_history': ResourceHistoryRow;
  'ehealth.patients': PatientLinkRow;
}
