/**
 * The accesses to the record (EHDS Art. 9) as the patient reads them, from the AuditEvents the
 * record server keeps: when, who (the doctor's or pharmacist's name), for which organisation,
 * what they did, why, and whether it was an emergency (break-glass) access. Pure.
 */
import type { AuditEvent, AuditEventAgent, Coding } from '@medplum/fhirtypes';

export type AccessAction = 'create' | 'read' | 'update' | 'delete' | 'execute' | 'other';

export interface RecordAccess {
  id: string;
  when: string;
  /** The person's name when the event names them (a doctor's name; the organisation is separate). */
  who: string | null;
  /** Who acted, when the event names no person: a doctor (a Practitioner), or someone else (a pharmacy). */
  role: 'doctor' | 'pharmacist' | 'other';
  organisation: string | null;
  action: AccessAction;
  /** A purpose code of the platform (`kernel/purposes.ts`), when the event names one it knows. */
  purpose: string | null;
  emergency: boolean;
  /** The resource types used (Observation, DocumentReference …). */
  resourceTypes: string[];
  /** The patient themself (or their parent) reading their own record. */
  byPatient: boolean;
}

/** HL7 v3 ActReason codes and the platform's own purpose codes, to the platform's purposes. */
const PURPOSES: Readonly<Record<string, string>> = {
  TREAT: 'medical-treatment',
  ETREAT: 'emergency-access',
  BTG: 'emergency-access',
  PATRQT: 'data-subject-access',
  PATADMIN: 'data-subject-access',
  'medical-treatment': 'medical-treatment',
  'emergency-access': 'emergency-access',
  'prescription-dispensing': 'prescription-dispensing',
  'data-subject-access': 'data-subject-access',
};

const ACTIONS: Readonly<Record<string, AccessAction>> = {
  C: 'create',
  R: 'read',
  U: 'update',
  D: 'delete',
  E: 'execute',
};

function purposeOf(codings: readonly Coding[]): string | null {
  for (const coding of codings) {
    const purpose = coding.code ? PURPOSES[coding.code] : undefined;
    if (purpose) return purpose;
  }
  return null;
}

function requestor(event: AuditEvent): AuditEventAgent | undefined {
  return event.agent?.find((agent) => agent.requestor) ?? event.agent?.[0];
}

export function accessOf(event: AuditEvent): RecordAccess | null {
  if (!event.id || !event.recorded) return null;
  const agent = requestor(event);
  const codings = [
    ...(event.purposeOfEvent ?? []).flatMap((concept) => concept.coding ?? []),
    ...(event.agent ?? []).flatMap((candidate) =>
      (candidate.purposeOfUse ?? []).flatMap((concept) => concept.coding ?? []),
    ),
  ];
  // The platform's own purpose, when the event carries it as the concept's text, says more than
  // the HL7 code (dispensing and treatment share TREAT).
  const stated = (event.purposeOfEvent ?? [])
    .map((concept) => concept.text)
    .find((text) => text && PURPOSES[text]);
  const purpose = (stated && PURPOSES[stated]) ?? purposeOf(codings);
  // The organisation acts beside the person (an agent that is not the requestor), by name.
  const organisation =
    event.agent?.find((candidate) => candidate !== agent && !candidate.requestor && candidate.who?.display)
      ?.who?.display ?? null;
  const resourceTypes = [
    ...new Set(
      (event.entity ?? [])
        .map((entity) => entity.what?.reference?.split('/').at(-2) ?? entity.what?.type)
        .filter((type): type is string => Boolean(type) && type !== 'Patient'),
    ),
  ];
  const named = agent?.who?.display ?? agent?.name ?? null;
  // A requestor named only by its organisation is no person's name.
  const who = named && named !== organisation ? named : null;
  return {
    id: event.id,
    when: event.recorded,
    who,
    role: agent?.who?.reference?.includes('Practitioner/')
      ? 'doctor'
      : purpose === 'prescription-dispensing'
        ? 'pharmacist'
        : 'other',
    organisation: organisation ?? (who === null ? named : null),
    action: ACTIONS[event.action ?? ''] ?? 'other',
    purpose,
    emergency:
      purpose === 'emergency-access' ||
      codings.some((coding) => coding.code === 'BTG' || coding.code === 'ETREAT'),
    resourceTypes,
    byPatient: purpose === 'data-subject-access' || agent?.who?.reference?.includes('Patient/') === true,
  };
}

export function accessesOf(events: readonly AuditEvent[]): RecordAccess[] {
  return events
    .map(accessOf)
    .filter((access): access is RecordAccess => access !== null)
    .sort((a, b) => b.when.localeCompare(a.when));
}
