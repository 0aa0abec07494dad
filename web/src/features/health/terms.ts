/**
 * Clinical codes in words: every coded value the app shows goes through here, labelled from the
 * platform's terminology (ICD-10, LOINC, ATC, SNOMED CT, vaccines) in the reader's language. A
 * code the terminology does not know is shown by the words the record itself carries (the
 * concept's text or the coding's display), never as a bare code; with no words at all, the
 * caller's fallback (e.g. "Unnamed condition") stands in.
 */
import { termOf } from '@civitas/contracts/health/terminology.ts';
import type { CodeableConcept, Coding } from '@medplum/fhirtypes';

export type TermLocale = 'bg' | 'en' | 'pl';

/** The terminology's languages; any other interface language reads English labels. */
export function termLocale(language: string): TermLocale {
  const primary = language.toLowerCase().split('-')[0];
  return primary === 'bg' || primary === 'pl' ? primary : 'en';
}

/** The terminology's label of one code, or null when it does not know the code. */
export function codeLabel(
  system: string | undefined,
  code: string | undefined,
  language: string,
): string | null {
  if (!system || !code) return null;
  return termOf(system, code)?.labels[termLocale(language)] ?? null;
}

/** The words for a coding: the terminology's label, else its display. */
export function codingLabel(coding: Coding | undefined, language: string): string | null {
  if (!coding) return null;
  return codeLabel(coding.system, coding.code, language) ?? nonEmpty(coding.display);
}

/**
 * The words for a concept: the first coding the terminology knows, in the reader's language;
 * else the concept's text, else a coding's display; null when it carries no words at all.
 */
export function conceptLabel(concept: CodeableConcept | undefined, language: string): string | null {
  if (!concept) return null;
  for (const coding of concept.coding ?? []) {
    const label = codeLabel(coding.system, coding.code, language);
    if (label) return label;
  }
  return (
    nonEmpty(concept.text) ??
    (concept.coding ?? []).map((coding) => nonEmpty(coding.display)).find(Boolean) ??
    null
  );
}

/** The first coding of a concept in a code system (the key results are grouped by). */
export function codingIn(concept: CodeableConcept | undefined, system: string): Coding | undefined {
  return concept?.coding?.find((coding) => coding.system === system && coding.code);
}

function nonEmpty(value: string | undefined): string | null {
  return value && value.trim() !== '' ? value : null;
}

export const LOINC = 'http://loinc.org';
export const ATC = 'http://www.whocc.no/atc';
