/**
 * The doctors the patient can hide data from by name: those the record names (who treated,
 * prescribed, wrote a document, recorded a condition), each once, with the name the record gives.
 * The patient's GP is left out: "all but my GP" is the choice for hiding from everyone else.
 */
import type { Reference } from '@medplum/fhirtypes';
import type { HealthRecord } from './fhir-record.ts';

export interface RecordPractitioner {
  practitionerId: string;
  name: string;
}

const PRACTITIONER = /^(?:.*\/)?Practitioner\/([A-Za-z0-9.-]{1,64})$/;

export function practitionerIdOf(reference: Reference | undefined): string | null {
  return reference?.reference ? (PRACTITIONER.exec(reference.reference)?.[1] ?? null) : null;
}

export function recordPractitioners(record: HealthRecord): RecordPractitioner[] {
  const references: Array<Reference | undefined> = [
    ...record.encounters.flatMap((encounter) =>
      (encounter.participant ?? []).map((participant) => participant.individual),
    ),
    ...record.medicationRequests.map((request) => request.requester),
    ...record.documents.flatMap((document) => document.author ?? []),
    ...record.conditions.flatMap((condition) => [condition.recorder, condition.asserter]),
    ...record.immunizations.flatMap((immunization) =>
      (immunization.performer ?? []).map((performer) => performer.actor),
    ),
    ...record.observations.flatMap((observation) => observation.performer ?? []),
  ];
  const gps = new Set((record.patient?.generalPractitioner ?? []).map(practitionerIdOf).filter(Boolean));
  const found = new Map<string, string>();
  for (const reference of references) {
    const id = practitionerIdOf(reference);
    if (!id || gps.has(id) || found.has(id) || !reference?.display) continue;
    found.set(id, reference.display);
  }
  return [...found]
    .map(([practitionerId, name]) => ({ practitionerId, name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
