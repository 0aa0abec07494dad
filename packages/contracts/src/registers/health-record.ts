import { type Static, Type } from '@sinclair/typebox';
import { byPerson, defineService } from './contract.ts';

/**
 * The health record as a register (BG: the national health information system, НЗИС; PL: P1):
 * what other capabilities (the wallet, e-services, cross-border care) may read of a person's
 * health data through the exchange, under their access right's purpose and legal basis. They
 * never read the record's tables, and never its FHIR API. Browser-safe.
 */

/** A FHIR R4 document Bundle: the International Patient Summary (IPS) of a person. */
export const PatientSummary = Type.Object(
  {
    resourceType: Type.Literal('Bundle'),
    type: Type.Literal('document'),
  },
  { additionalProperties: true, description: 'A FHIR R4 IPS document Bundle' },
);
export type PatientSummary = Static<typeof PatientSummary>;

export const HEALTH_RECORD = defineService({
  subsystem: 'health-record',
  service: 'records',
  name: 'Health record',
  description: "A person's health record: the patient summary (IPS) and what capabilities may read of it.",
  endpoints: {
    summary: byPerson("A person's International Patient Summary (FHIR R4 document Bundle)", PatientSummary),
  },
});
