/**
 * A restriction in words: what it hides (the document's or condition's name from the record, a
 * category's name from the terminology) — never a resource id or a bare code.
 */
import type { CodeableConcept } from '@medplum/fhirtypes';
import type { HealthRecord } from './fhir-record.ts';
import type { RestrictionTarget } from './health-api.ts';
import { codeLabel, conceptLabel, LOINC } from './terms.ts';

export type TargetWords =
  | { kind: 'named'; resourceType: string; name: string | null; date: string | null }
  | { kind: 'category'; resourceType: string; category: string | null; name: string | null };

/** Where a category code of each resource type is looked up (a document's type is LOINC; a condition's code ICD-10). */
const CATEGORY_SYSTEMS: Readonly<Record<string, readonly string[]>> = {
  DocumentReference: [LOINC],
  Condition: ['http://hl7.org/fhir/sid/icd-10', 'http://terminology.hl7.org/CodeSystem/condition-category'],
  Observation: ['http://terminology.hl7.org/CodeSystem/observation-category', LOINC],
};
const ANY_SYSTEMS = [
  LOINC,
  'http://hl7.org/fhir/sid/icd-10',
  'http://snomed.info/sct',
  'http://www.whocc.no/atc',
];

export const OBSERVATION_CATEGORIES = ['laboratory', 'vital-signs'] as const;

export function targetWords(target: RestrictionTarget, record: HealthRecord, language: string): TargetWords {
  if (target.kind === 'resource') {
    const [resourceType = '', id] = target.reference.split('/');
    const document =
      resourceType === 'DocumentReference' ? record.documents.find((item) => item.id === id) : undefined;
    const condition =
      resourceType === 'Condition' ? record.conditions.find((item) => item.id === id) : undefined;
    const concept: CodeableConcept | undefined = document?.type ?? condition?.code;
    const date = document?.date ?? condition?.onsetDateTime ?? condition?.recordedDate ?? null;
    return {
      kind: 'named',
      resourceType,
      name: conceptLabel(concept, language),
      date: date?.slice(0, 10) ?? null,
    };
  }
  const { resourceType, category } = target;
  const systems = CATEGORY_SYSTEMS[resourceType] ?? ANY_SYSTEMS;
  const name = category
    ? (systems.map((system) => codeLabel(system, category, language)).find((label) => label !== null) ?? null)
    : null;
  return { kind: 'category', resourceType, category, name };
}

/** The categories the patient may hide whole: the record's document types, laboratory results, vital signs. */
export function categoryChoices(record: HealthRecord): RestrictionTarget[] {
  const documentTypes = new Set<string>();
  for (const document of record.documents) {
    const coding = document.type?.coding?.find((candidate) => candidate.system === LOINC && candidate.code);
    if (coding?.code) documentTypes.add(coding.code);
  }
  return [
    ...[...documentTypes].map(
      (category): RestrictionTarget => ({ kind: 'category', resourceType: 'DocumentReference', category }),
    ),
    ...OBSERVATION_CATEGORIES.map(
      (category): RestrictionTarget => ({ kind: 'category', resourceType: 'Observation', category }),
    ),
  ];
}
