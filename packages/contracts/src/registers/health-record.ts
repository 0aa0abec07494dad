import { type Static, Type } from '@sinclair/typebox';
import { Answer, byPerson, defineService, IsoDate, Nullable, PersonalNumberParam } from './contract.ts';

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

/** A word in each of the platform's languages. */
export const Labels = Answer({ bg: Type.String(), en: Type.String(), pl: Type.String() });

/**
 * One vaccination given to a person (what a vaccination credential is filled from): the vaccine's
 * code (ATC J07 or SNOMED CT) with its label in each language, the day, and the dose number.
 */
export const ImmunizationRecord = Answer(
  {
    vaccine: Answer({ system: Type.String(), code: Type.String(), label: Labels }),
    date: IsoDate,
    doseNumber: Nullable(Type.Integer({ minimum: 1 })),
  },
  'A vaccination: vaccine code and label, date, dose number',
);
export type ImmunizationRecord = Static<typeof ImmunizationRecord>;

export const HEALTH_RECORD = defineService({
  subsystem: 'health-record',
  service: 'records',
  name: 'Health record',
  description:
    "A person's health record: the patient summary (IPS) and the vaccinations, what capabilities may read of it.",
  endpoints: {
    summary: byPerson("A person's International Patient Summary (FHIR R4 document Bundle)", PatientSummary),
    immunizations: {
      path: '/by-person/{egn}/immunizations',
      summary: "A person's vaccinations, oldest first (for a vaccination credential)",
      personalData: true,
      params: Type.Object({ egn: PersonalNumberParam }),
      answer: Type.Array(ImmunizationRecord),
    },
  },
});
