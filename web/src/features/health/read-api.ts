/**
 * Reads the `/api/health/*` answers member by member: a member of the wrong type is left out
 * rather than trusted, and an answer that is not a list reads as an empty one. The screens then
 * never see a shape they do not expect (a part of the record server that changed, a proxy's page).
 */
import type {
  AccessRestriction,
  BreakGlassNotice,
  HealthPatient,
  PatientPrescription,
  PrescriptionDispense,
  RestrictionAudience,
  RestrictionTarget,
} from './health-api.ts';

type Members = Record<string, unknown>;

const isObject = (value: unknown): value is Members =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const count = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

/** A list answer: either the list itself or an object with the list under `key` (`{ patients: [...] }`). */
function listOf(answer: unknown, key: string): Members[] {
  const list = Array.isArray(answer) ? answer : isObject(answer) ? answer[key] : null;
  return Array.isArray(list) ? list.filter(isObject) : [];
}

export function readPatients(answer: unknown): HealthPatient[] {
  return listOf(answer, 'patients').flatMap((item) => {
    const patientId = text(item.patientId);
    if (!patientId) return [];
    return [{ patientId, name: text(item.name) ?? '', self: item.self === true }];
  });
}

function readDispense(item: Members): PrescriptionDispense | null {
  const whenHandedOver = text(item.whenHandedOver) ?? text(item.at) ?? text(item.date);
  if (!whenHandedOver) return null;
  return {
    whenHandedOver,
    quantity: count(item.quantity),
    pharmacy: text(item.pharmacy) ?? text(item.organisation),
  };
}

function readMedication(value: unknown): PatientPrescription['medication'] {
  if (!isObject(value)) return null;
  const code = text(value.code);
  return code ? { system: text(value.system) ?? 'http://www.whocc.no/atc', code } : null;
}

function readLabel(value: unknown): PatientPrescription['medicationLabel'] {
  if (!isObject(value) || !isObject(value.label)) return null;
  const { bg, en, pl } = value.label;
  return text(bg) && text(en) && text(pl) ? { bg: bg as string, en: en as string, pl: pl as string } : null;
}

/** `MedicationRequest/123` or `123`: the id. */
function requestIdOf(value: unknown): string | null {
  const reference = text(value);
  return reference ? (reference.split('/').at(-1) ?? null) : null;
}

export function readPrescriptions(answer: unknown): PatientPrescription[] {
  return listOf(answer, 'prescriptions').flatMap((item) => {
    const number = text(item.number);
    if (!number) return [];
    const medicine = item.medicine ?? item.medication;
    const prescriber = isObject(item.prescriber) ? item.prescriber : {};
    return [
      {
        number,
        qr: text(item.qr) ?? number,
        medicationRequestId: requestIdOf(item.medicationRequest) ?? requestIdOf(item.medicationRequestId),
        medication: readMedication(medicine),
        medicationLabel: readLabel(medicine),
        status: text(item.status) ?? 'unknown',
        authoredOn: text(item.authoredOn),
        dosage: text(item.dosage),
        quantity: count(item.total) ?? count(item.quantity),
        remaining: count(item.remaining),
        prescriber: text(prescriber.name) ?? text(item.prescriber),
        prescriberOrganisation: text(prescriber.organisation),
        expiresAt: text(item.expiresAt),
        dispenses: (Array.isArray(item.dispenses) ? item.dispenses : [])
          .filter(isObject)
          .map(readDispense)
          .filter((dispense): dispense is PrescriptionDispense => dispense !== null),
      },
    ];
  });
}

function readTarget(value: unknown): RestrictionTarget | null {
  if (!isObject(value)) return null;
  const reference = text(value.reference);
  if (value.kind === 'resource' && reference) return { kind: 'resource', reference };
  const resourceType = text(value.resourceType);
  const category = isObject(value.category) ? text(value.category.code) : text(value.category);
  if (value.kind === 'category' && resourceType) return { kind: 'category', resourceType, category };
  return null;
}

function readAudience(value: unknown): RestrictionAudience | null {
  if (!isObject(value)) return null;
  if (value.kind === 'all-but-gp') return { kind: 'all-but-gp' };
  const practitionerId = text(value.practitionerId);
  if (value.kind === 'practitioner' && practitionerId)
    return { kind: 'practitioner', practitionerId, name: text(value.name) };
  return null;
}

export function readRestrictions(answer: unknown): AccessRestriction[] {
  return listOf(answer, 'restrictions').flatMap((item) => {
    const id = text(item.id);
    const target = readTarget(item.target);
    const from = readAudience(item.from);
    if (!id || !target || !from) return [];
    const patientId = text(item.patientId);
    const created = text(item.createdAt) ?? text(item.created);
    return [{ id, target, from, ...(patientId && { patientId }), ...(created && { created }) }];
  });
}

export function readNotices(answer: unknown): BreakGlassNotice[] {
  return listOf(answer, 'notices').flatMap((item) => {
    const id = text(item.id);
    const at = text(item.createdAt) ?? text(item.at);
    if (!id || !at) return [];
    return [
      {
        id,
        patientId: text(item.patientId),
        at,
        practitioner: text(item.practitionerName) ?? text(item.practitioner),
        organisation: text(item.organisation),
        reason: text(item.reason),
        expiresAt: text(item.expiresAt),
      },
    ];
  });
}
