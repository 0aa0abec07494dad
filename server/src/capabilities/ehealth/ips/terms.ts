import type { CodeableConcept, Coding } from '@medplum/fhirtypes';
import type { SummaryLanguage } from './labels.ts';

/**
 * A code in words for the reader: the platform's terminology in the reader's language when it
 * knows the code, else the coding's own display, else the concept's text. The raw code is the
 * last resort only (a code the terminology lacks, from a foreign record).
 */
export type TermLookup = (system: string, code: string, language: SummaryLanguage) => string | undefined;

let lookup: TermLookup = () => undefined;

/** Sets the terminology the labels come from (the platform's `termLabel`, wired at start). */
export function useTerminology(terms: TermLookup): void {
  lookup = terms;
}

export function codingLabel(coding: Coding | undefined, language: SummaryLanguage): string | undefined {
  if (!coding) return undefined;
  const known = coding.system && coding.code ? lookup(coding.system, coding.code, language) : undefined;
  return known ?? coding.display ?? coding.code;
}

export function conceptLabel(concept: CodeableConcept | undefined, language: SummaryLanguage): string {
  if (!concept) return '';
  for (const coding of concept.coding ?? []) {
    const known = coding.system && coding.code ? lookup(coding.system, coding.code, language) : undefined;
    if (known) return known;
  }
  const first = concept.coding?.find((coding) => coding.display);
  return concept.text ?? first?.display ?? concept.coding?.[0]?.code ?? '';
}
