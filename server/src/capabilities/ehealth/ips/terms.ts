import { conceptLabel as termConceptLabel } from '@civitas/contracts/health/terminology.ts';
import type { CodeableConcept } from '@medplum/fhirtypes';
import type { SummaryLanguage } from './labels.ts';

/**
 * A code in words for the reader: the platform's terminology in the reader's language when it
 * knows the code, else the coding's own display or the concept's text (a foreign record's code),
 * never the raw code.
 */
export function conceptLabel(concept: CodeableConcept | undefined, language: SummaryLanguage): string {
  if (!concept) return '';
  return termConceptLabel(concept, language);
}
