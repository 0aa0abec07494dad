import type { Resource } from '@medplum/fhirtypes';
import { compartmentOf } from '../fhir/compartment.ts';
import type { StoredResource } from '../ports.ts';

/**
 * A small health record for the summary's tests: a patient with their GP, a chronic condition and
 * a sensitive one, an allergy, an active prescription, vaccinations, a lab trend, vital signs, a
 * procedure, a hospital stay with its discharge letter, and another patient.
 */

export const PATIENT_ID = 'pat-ips-1';
export const OTHER_PATIENT_ID = 'pat-ips-2';
export const EGN_SYSTEM = 'urn:oid:1.2.100.1.1.1';

const loinc = (code: string, display: string) => ({
  coding: [{ system: 'http://loinc.org', code, display }],
});
const lab = {
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }],
};
const vital = {
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }],
};
const active = {
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }],
};

export function recordOf(patientId = PATIENT_ID, personalNumber = '8001010005'): Resource[] {
  return [
    {
      resourceType: 'Patient',
      id: patientId,
      identifier: [{ system: EGN_SYSTEM, value: personalNumber }],
      name: [{ family: 'Петрова', given: ['Мария'] }],
      gender: 'female',
      birthDate: '1980-01-01',
      generalPractitioner: [{ reference: 'Practitioner/gp-1' }],
    },
    ...problemsOf(patientId),
    ...medicinesOf(patientId),
    ...measurementsOf(patientId),
    ...careOf(patientId),
  ];
}

/** Conditions (a chronic one, a sensitive one, a resolved one) and an allergy. */
function problemsOf(patientId: string): Resource[] {
  const subject = { reference: `Patient/${patientId}` };
  const p = (suffix: string) => `${patientId}-${suffix}`;
  return [
    {
      resourceType: 'Condition',
      id: p('htn'),
      subject,
      clinicalStatus: active,
      code: {
        coding: [
          {
            system: 'http://hl7.org/fhir/sid/icd-10',
            code: 'I10',
            display: 'Essential (primary) hypertension',
          },
        ],
      },
      onsetDateTime: '2015-04-02',
      recorder: { reference: 'Practitioner/gp-1' },
    },
    {
      resourceType: 'Condition',
      id: p('dep'),
      subject,
      clinicalStatus: active,
      category: [
        {
          coding: [
            { system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: 'problem-list-item' },
          ],
        },
      ],
      code: {
        coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'F32', display: 'Depressive episode' }],
      },
      onsetDateTime: '2021-09-10',
    },
    {
      resourceType: 'Condition',
      id: p('old'),
      subject,
      clinicalStatus: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'resolved' }],
      },
      code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'J18', display: 'Pneumonia' }] },
      onsetDateTime: '2019-02-01',
    },
    {
      resourceType: 'AllergyIntolerance',
      id: p('pen'),
      patient: subject,
      clinicalStatus: {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' },
        ],
      },
      criticality: 'high',
      code: {
        coding: [{ system: 'http://snomed.info/sct', code: '764146007', display: 'Penicillin (substance)' }],
      },
      recordedDate: '2010-05-05',
    },
  ];
}

/** An active and a completed prescription, and two doses of a vaccine. */
function medicinesOf(patientId: string): Resource[] {
  const subject = { reference: `Patient/${patientId}` };
  const p = (suffix: string) => `${patientId}-${suffix}`;
  return [
    {
      resourceType: 'MedicationRequest',
      id: p('rx'),
      status: 'active',
      intent: 'order',
      subject,
      medicationCodeableConcept: {
        coding: [{ system: 'http://www.whocc.no/atc', code: 'C09AA05', display: 'ramipril' }],
      },
      authoredOn: '2026-11-20',
      requester: { reference: 'Practitioner/gp-1' },
      encounter: { reference: `Encounter/${p('visit')}` },
      dosageInstruction: [{ text: '5 mg веднъж дневно' }],
    },
    {
      resourceType: 'MedicationRequest',
      id: p('rx-old'),
      status: 'completed',
      intent: 'order',
      subject,
      medicationCodeableConcept: {
        coding: [{ system: 'http://www.whocc.no/atc', code: 'J01CA04', display: 'amoxicillin' }],
      },
      authoredOn: '2019-02-01',
    },
    ...[1, 2].map(
      (dose): Resource => ({
        resourceType: 'Immunization',
        id: p(`mmr-${dose}`),
        status: 'completed',
        patient: subject,
        vaccineCode: {
          coding: [
            {
              system: 'http://www.whocc.no/atc',
              code: 'J07BD52',
              display: 'measles, combinations with mumps and rubella, live attenuated',
            },
          ],
        },
        occurrenceDateTime: dose === 1 ? '1981-03-01' : '1992-03-01',
        protocolApplied: [{ doseNumberPositiveInt: dose }],
      }),
    ),
  ];
}

/** A lab trend (three HbA1c results) and a blood pressure. */
function measurementsOf(patientId: string): Resource[] {
  const subject = { reference: `Patient/${patientId}` };
  const p = (suffix: string) => `${patientId}-${suffix}`;
  return [
    ...['2024-03-01', '2025-03-01', '2026-03-01'].map(
      (date, i): Resource => ({
        resourceType: 'Observation',
        id: p(`hba1c-${i}`),
        status: 'final',
        category: [lab],
        code: loinc('4548-4', 'Hemoglobin A1c/Hemoglobin.total in Blood'),
        subject,
        effectiveDateTime: date,
        valueQuantity: { value: 6.1 + i * 0.3, unit: '%', system: 'http://unitsofmeasure.org', code: '%' },
        performer: [{ reference: 'Organization/lab-1' }],
      }),
    ),
    {
      resourceType: 'Observation',
      id: p('bp'),
      status: 'final',
      category: [vital],
      code: loinc('85354-9', 'Blood pressure panel with all children optional'),
      subject,
      effectiveDateTime: '2026-11-20',
      component: [
        {
          code: loinc('8480-6', 'Systolic blood pressure'),
          valueQuantity: { value: 142, unit: 'mmHg', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' },
        },
        {
          code: loinc('8462-4', 'Diastolic blood pressure'),
          valueQuantity: { value: 91, unit: 'mmHg', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' },
        },
      ],
    },
  ];
}

/** A procedure, a visit, and a discharge letter with text content. */
function careOf(patientId: string): Resource[] {
  const subject = { reference: `Patient/${patientId}` };
  const p = (suffix: string) => `${patientId}-${suffix}`;
  return [
    {
      resourceType: 'Procedure',
      id: p('appx'),
      status: 'completed',
      subject,
      code: { coding: [{ system: 'http://snomed.info/sct', code: '80146002', display: 'Appendectomy' }] },
      performedDateTime: '2001-07-14',
    },
    {
      resourceType: 'Encounter',
      id: p('visit'),
      status: 'finished',
      class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
      subject,
    },
    {
      resourceType: 'DocumentReference',
      id: p('letter'),
      status: 'current',
      type: loinc('18842-5', 'Discharge summary'),
      subject,
      date: '2024-06-10T10:00:00Z',
      author: [{ reference: 'Organization/hosp-1' }],
      content: [
        {
          attachment: {
            contentType: 'text/plain; charset=utf-8',
            data: Buffer.from(
              'Епикриза\nПациентката е изписана в добро общо състояние.\nZażółć gęślą jaźń.',
            ).toString('base64'),
            title: 'Епикриза',
          },
        },
      ],
    },
  ];
}

/** The shared resources the records name (a GP, their practice, a laboratory, a hospital). */
export function sharedResources(): Resource[] {
  return [
    {
      resourceType: 'Practitioner',
      id: 'gp-1',
      name: [{ family: 'Иванов', given: ['Георги'], prefix: ['д-р'] }],
    },
    { resourceType: 'Organization', id: 'gp-practice-1', name: 'ГППМП „Здраве Лозенец“' },
    {
      resourceType: 'PractitionerRole',
      id: 'gp-1-role',
      practitioner: { reference: 'Practitioner/gp-1' },
      organization: { reference: 'Organization/gp-practice-1' },
    },
    { resourceType: 'Organization', id: 'lab-1', name: 'Лаборатория' },
    { resourceType: 'Organization', id: 'hosp-1', name: 'УМБАЛ „Александровска“' },
  ];
}

/** Resources as the store holds them. */
export function stored(
  resources: readonly Resource[],
  at = new Date('2026-12-01T10:00:00Z'),
): StoredResource[] {
  return resources.map((resource) => ({
    resourceType: resource.resourceType,
    id: resource.id!,
    versionId: 1,
    lastUpdated: at,
    patientId: compartmentOf(resource),
    deleted: false,
    content: JSON.stringify({ ...resource, meta: { versionId: '1', lastUpdated: at.toISOString() } }),
  }));
}
