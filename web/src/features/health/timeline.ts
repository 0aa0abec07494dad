/**
 * The record's events in date order (newest first): visits, hospital stays, vaccinations,
 * prescriptions, procedures and documents, each named in the reader's language from the
 * terminology. Pure: the screen lists what this returns.
 */
import type { CodeableConcept, Encounter } from '@medplum/fhirtypes';
import type { HealthRecord } from './fhir-record.ts';
import { conceptLabel } from './terms.ts';

export type TimelineKind =
  | 'visit'
  | 'hospital-stay'
  | 'vaccination'
  | 'prescription'
  | 'procedure'
  | 'document';

export interface TimelineItem {
  key: string;
  kind: TimelineKind;
  /** When it happened (start), as written in the record. */
  date: string;
  /** When it ended, for stays that lasted more than a day. */
  end: string | null;
  /** What it was, in words; null when the record names it by no code or words (the kind then says it). */
  title: string | null;
  /** Who or where, as the record names them (a practitioner, an organisation). */
  by: string | null;
}

const INPATIENT_CLASSES = new Set(['IMP', 'ACUTE', 'NONAC']);

function encounterKind(encounter: Encounter): TimelineKind {
  return encounter.class?.code && INPATIENT_CLASSES.has(encounter.class.code) ? 'hospital-stay' : 'visit';
}

function firstLabel(concepts: readonly (CodeableConcept | undefined)[], language: string): string | null {
  for (const concept of concepts) {
    const label = conceptLabel(concept, language);
    if (label) return label;
  }
  return null;
}

export function timelineOf(record: HealthRecord, language: string): TimelineItem[] {
  const items: TimelineItem[] = [];
  for (const encounter of record.encounters) {
    const date = encounter.period?.start;
    if (!date) continue;
    items.push({
      key: `Encounter/${encounter.id}`,
      kind: encounterKind(encounter),
      date,
      end:
        encounter.period?.end && encounter.period.end.slice(0, 10) !== date.slice(0, 10)
          ? encounter.period.end
          : null,
      title: firstLabel(
        [...(encounter.reasonCode ?? []), ...(encounter.type ?? []), encounter.serviceType],
        language,
      ),
      by:
        encounter.serviceProvider?.display ??
        encounter.participant?.find((p) => p.individual?.display)?.individual?.display ??
        null,
    });
  }
  for (const immunization of record.immunizations) {
    const date = immunization.occurrenceDateTime;
    if (!date || immunization.status === 'entered-in-error') continue;
    items.push({
      key: `Immunization/${immunization.id}`,
      kind: 'vaccination',
      date,
      end: null,
      title: conceptLabel(immunization.vaccineCode, language),
      by: immunization.performer?.find((p) => p.actor?.display)?.actor?.display ?? null,
    });
  }
  for (const request of record.medicationRequests) {
    const date = request.authoredOn;
    if (!date || request.status === 'entered-in-error') continue;
    items.push({
      key: `MedicationRequest/${request.id}`,
      kind: 'prescription',
      date,
      end: null,
      title: conceptLabel(request.medicationCodeableConcept, language),
      by: request.requester?.display ?? null,
    });
  }
  for (const procedure of record.procedures) {
    const date = procedure.performedDateTime ?? procedure.performedPeriod?.start;
    if (!date || procedure.status === 'entered-in-error') continue;
    items.push({
      key: `Procedure/${procedure.id}`,
      kind: 'procedure',
      date,
      end: null,
      title: conceptLabel(procedure.code, language),
      by: procedure.performer?.find((p) => p.actor?.display)?.actor?.display ?? null,
    });
  }
  for (const document of record.documents) {
    const date = document.date ?? document.context?.period?.start;
    if (!date || document.status === 'entered-in-error') continue;
    items.push({
      key: `DocumentReference/${document.id}`,
      kind: 'document',
      date,
      end: null,
      title: conceptLabel(document.type, language),
      by: document.author?.find((author) => author.display)?.display ?? document.custodian?.display ?? null,
    });
  }
  return items.sort((a, b) => b.date.localeCompare(a.date) || a.key.localeCompare(b.key));
}
