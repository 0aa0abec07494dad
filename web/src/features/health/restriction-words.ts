/**
 * A restriction in words: what it hides (the document's or condition's name from the record, a
 * category's name from the terminology) — never a resource id or a bare code.
 */
import type { CodeableConcept } from '@medplum/fhirtypes';
import type { HealthRecord } from './fhir-record.ts';
import type { RestrictionTarget } from './health-api.ts';
import { conceptLabel, LOINC } from './terms.ts';

export type TargetWords =
  | { kind: 'named'; resourceType: string; name: string | null; date: string | null }
  | { kind: 'category'; resourceType: string; name: string | null };

const OBSERVATION_CATEGORIES = new Set(['laboratory', 'vital-signs']);

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
  if (resourceType === 'Observation' && OBSERVATION_CATEGORIES.has(category.code))
    return { kind: 'category', resourceType, name: null };
  const system = category.system ?? (resourceType === 'DocumentReference' ? LOINC : undefined);
  return {
    kind: 'category',
    resourceType,
    name: conceptLabel({ coding: [{ ...(system && { system }), code: category.code }] }, language),
  };
}

/** The categories the patient may hide whole: the record's document types, laboratory results, vital signs. */
export function categoryChoices(record: HealthRecord): RestrictionTarget[] {
  const documentTypes = new Map<string, { system: string; code: string }>();
  for (const document of record.documents) {
    const coding = document.type?.coding?.find((candidate) => candidate.system === LOINC && candidate.code);
    if (coding?.code) documentTypes.set(coding.code, { system: LOINC, code: coding.code });
  }
  return [
    ...[...documentTypes.values()].map(
      (category): RestrictionTarget => ({ kind: 'category', resourceType: 'DocumentReference', category }),
    ),
    {
      kind: 'category',
      resourceType: 'Observation',
      category: { system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' },
    },
    {
      kind: 'category',
      resourceType: 'Observation',
      category: { system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' },
    },
  ];
}
