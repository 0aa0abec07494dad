/**
 * A checked encounter as ONE FHIR `transaction` Bundle: the Encounter, its Observations, the
 * Condition and the MedicationRequest, linked by `urn:uuid:` references the server rewrites. Either
 * all of it is written or none. Each entry remembers the form field a refusal of it points to.
 */
import type {
  Bundle,
  BundleEntry,
  CodeableConcept,
  Condition,
  Encounter,
  MedicationRequest,
  Observation,
  Patient,
  Quantity,
  Reference,
  Resource,
} from '@medplum/fhirtypes';
import type { CheckedEncounter, EncounterField } from './encounter-form.ts';
import { locationReference, type OutcomeIssue } from './fhir-client.ts';
import { coding, labChoice, type RangeFor, SYSTEM, VITAL_SIGNS, type VitalSign } from './terms.ts';

export interface EncounterBundle {
  bundle: Bundle;
  /** For each entry, in order: the field a refusal of it is shown beside. */
  blame: EncounterField[];
}

interface Authoring {
  patientId: string;
  /** `Practitioner/<id>`. */
  practitioner: string;
  /** When the encounter happened (now): an ISO timestamp. */
  at: string;
  /** A fresh UUID per entry. */
  uuid: () => string;
  /** The patient's sex and age, which the lab test's reference range depends on. */
  rangeFor: RangeFor;
}

function category(code: 'vital-signs' | 'laboratory'): CodeableConcept[] {
  return [{ coding: [{ system: SYSTEM.observationCategory, code }] }];
}

/** A measured value: the UCUM code, and the unit as people read it. */
function quantity(value: number, unit: { unit: string; unitDisplay: string }): Quantity {
  return { value, unit: unit.unitDisplay, system: SYSTEM.ucum, code: unit.unit };
}

/** H, L or N against the reference range (none without a range). */
export function interpretation(
  value: number,
  low: number | null,
  high: number | null,
): 'H' | 'L' | 'N' | null {
  if (low === null && high === null) return null;
  if (high !== null && value > high) return 'H';
  if (low !== null && value < low) return 'L';
  return 'N';
}

export function encounterBundle(checked: CheckedEncounter, who: Authoring): EncounterBundle {
  const subject: Reference<Patient> = { reference: `Patient/${who.patientId}` };
  const entries: BundleEntry[] = [];
  const blame: EncounterField[] = [];
  const add = (resource: Resource, field: EncounterField): string => {
    const fullUrl = `urn:uuid:${who.uuid()}`;
    entries.push({ fullUrl, resource, request: { method: 'POST', url: resource.resourceType } });
    blame.push(field);
    return fullUrl;
  };

  const encounter: Encounter = {
    resourceType: 'Encounter',
    status: 'finished',
    class: { system: SYSTEM.actCode, code: 'AMB' },
    subject,
    participant: [{ individual: { reference: who.practitioner } }],
    period: { start: who.at, end: who.at },
    reasonCode: [
      {
        ...(checked.diagnosis && { coding: [coding(SYSTEM.icd10, checked.diagnosis.code)] }),
        text: checked.reason,
      },
    ],
  };
  const encounterUrl = add(encounter, 'reason');
  const context = { subject, encounter: { reference: encounterUrl } };

  for (const sign of Object.keys(checked.vitals) as VitalSign[]) {
    const value = checked.vitals[sign];
    if (value === undefined) continue;
    const observation: Observation = {
      resourceType: 'Observation',
      status: 'final',
      category: category('vital-signs'),
      code: { coding: [coding(SYSTEM.loinc, VITAL_SIGNS[sign].code)] },
      ...context,
      effectiveDateTime: who.at,
      performer: [{ reference: who.practitioner }],
      valueQuantity: quantity(value, VITAL_SIGNS[sign]),
    };
    add(observation, sign);
  }

  if (checked.lab) {
    const test = labChoice(checked.lab.code, who.rangeFor);
    if (test) {
      const flag = interpretation(checked.lab.value, test.low, test.high);
      const range = {
        ...(test.low !== null && { low: quantity(test.low, test) }),
        ...(test.high !== null && { high: quantity(test.high, test) }),
      };
      const observation: Observation = {
        resourceType: 'Observation',
        status: 'final',
        category: category('laboratory'),
        code: { coding: [coding(SYSTEM.loinc, test.code)] },
        ...context,
        effectiveDateTime: who.at,
        performer: [{ reference: who.practitioner }],
        valueQuantity: quantity(checked.lab.value, test),
        ...(Object.keys(range).length > 0 && { referenceRange: [range] }),
        ...(flag && {
          interpretation: [{ coding: [{ system: SYSTEM.observationInterpretation, code: flag }] }],
        }),
      };
      add(observation, 'labValue');
    }
  }

  let conditionUrl: string | null = null;
  if (checked.diagnosis) {
    const condition: Condition = {
      resourceType: 'Condition',
      clinicalStatus: { coding: [{ system: SYSTEM.conditionClinical, code: 'active' }] },
      verificationStatus: { coding: [{ system: SYSTEM.conditionVerification, code: 'confirmed' }] },
      category: [{ coding: [{ system: SYSTEM.conditionCategory, code: 'encounter-diagnosis' }] }],
      code: { coding: [coding(SYSTEM.icd10, checked.diagnosis.code)] },
      ...context,
      recordedDate: who.at,
      recorder: { reference: who.practitioner },
      ...(checked.diagnosis.note && { note: [{ text: checked.diagnosis.note, time: who.at }] }),
    };
    conditionUrl = add(condition, 'diagnosis');
  }

  if (checked.prescription) {
    const { medicine, doseAmount, timesPerDay, quantity: amount } = checked.prescription;
    const request: MedicationRequest = {
      resourceType: 'MedicationRequest',
      status: 'active',
      intent: 'order',
      medicationCodeableConcept: { coding: [coding(SYSTEM.atc, medicine)] },
      ...context,
      authoredOn: who.at,
      requester: { reference: who.practitioner },
      ...(conditionUrl && { reasonReference: [{ reference: conditionUrl }] }),
      dosageInstruction: [
        {
          timing: { repeat: { frequency: timesPerDay, period: 1, periodUnit: 'd' } },
          doseAndRate: [{ doseQuantity: { value: doseAmount } }],
        },
      ],
      dispenseRequest: { quantity: { value: amount } },
    };
    add(request, 'medicine');
  }

  return { bundle: { resourceType: 'Bundle', type: 'transaction', entry: entries }, blame };
}

/** The form field a refusal's issue points to, or null (it is shown above the form). */
export function fieldOfIssue(issue: OutcomeIssue, blame: readonly EncounterField[]): EncounterField | null {
  const where = `${issue.expression ?? ''} ${issue.diagnostics ?? ''}`;
  const index = /entry\[(\d+)\]/.exec(where)?.[1];
  if (index === undefined) return null;
  const field = blame[Number(index)];
  if (!field) return null;
  // Within a prescription, point at the part that was refused.
  if (field === 'medicine') {
    if (/dispenseRequest/.test(where)) return 'quantity';
    if (/doseQuantity|doseAndRate/.test(where)) return 'doseAmount';
    if (/timing|frequency/.test(where)) return 'timesPerDay';
  }
  if (field === 'diagnosis' && /\.note/.test(where)) return 'note';
  return field;
}

/** The Type/id references a transaction-response wrote, in the order of the request's entries. */
export function writtenReferences(response: Bundle): Array<string | null> {
  return (response.entry ?? []).map((entry) => {
    const written = locationReference(entry.response?.location);
    if (written) return written;
    const resource = entry.resource;
    return resource?.id ? `${resource.resourceType}/${resource.id}` : null;
  });
}
