import fhirpath from 'fhirpath';
import r4 from 'fhirpath/fhir-context/r4/index.mjs';
import { dateRange, periodRange, timestampText } from './dates.ts';
import { normaliseString } from './normalise.ts';
import { SEARCH_PARAMETERS, type SearchParameter } from './parameters.ts';

/** The longest value kept in the index (longer ones are cut; a B-tree entry has a size limit). */
const MAX_VALUE = 512;

/** The index rows of many resources, column by column (each table is written with one `unnest` insert). */
export interface IndexRows {
  token: {
    resource_type: string[];
    id: string[];
    param: string[];
    system: (string | null)[];
    code: string[];
  };
  string: { resource_type: string[]; id: string[]; param: string[]; value: string[]; exact: string[] };
  date: { resource_type: string[]; id: string[]; param: string[]; low: string[]; high: string[] };
  reference: {
    resource_type: string[];
    id: string[];
    param: string[];
    target_type: string[];
    target_id: string[];
  };
  quantity: {
    resource_type: string[];
    id: string[];
    param: string[];
    value: string[];
    system: (string | null)[];
    code: (string | null)[];
  };
}

export function emptyRows(): IndexRows {
  const keys = () => ({ resource_type: [] as string[], id: [] as string[], param: [] as string[] });
  return {
    token: { ...keys(), system: [], code: [] },
    string: { ...keys(), value: [], exact: [] },
    date: { ...keys(), low: [], high: [] },
    reference: { ...keys(), target_type: [], target_id: [] },
    quantity: { ...keys(), value: [], system: [], code: [] },
  };
}

type Evaluate = (resource: unknown) => unknown[];

const CHOICES = (r4 as unknown as { choiceTypePaths: Record<string, string[]> }).choiceTypePaths;

/**
 * A union of plain paths (`Observation.subject`, `Observation.value.ofType(Quantity)`,
 * `Observation.effective` with its choice of types) read straight off the JSON, or null when the
 * expression needs FHIRPath. Ten times faster than FHIRPath on a bulk load; a test holds the two
 * to the same values on every parameter.
 */
export function compilePlainPath(expression: string): Evaluate | null {
  const steps: Array<Array<{ keys: string[] }>> = [];
  for (const part of expression.split(' | ')) {
    const match = /^([A-Z][A-Za-z]+)((?:\.[a-z][A-Za-z]*)+)(?:\.ofType\(([A-Za-z]+)\))?$/.exec(part.trim());
    if (!match) return null;
    const [, resourceType, path, ofType] = match as unknown as [string, string, string, string | undefined];
    const names = path.slice(1).split('.');
    let at = resourceType as string;
    const partSteps = names.map((name, index) => {
      at = `${at}.${name}`;
      const choices = CHOICES[at];
      if (!choices) {
        if (ofType && index === names.length - 1) return { keys: [] };
        return { keys: [name] };
      }
      const types =
        ofType && index === names.length - 1
          ? choices.filter((type) => type.toLowerCase() === ofType.toLowerCase())
          : choices;
      return { keys: types.map((type) => `${name}${type[0]?.toUpperCase()}${type.slice(1)}`) };
    });
    steps.push(partSteps);
  }
  return (resource) => {
    const out: unknown[] = [];
    for (const part of steps) {
      let current: unknown[] = [resource];
      for (const { keys } of part) {
        const next: unknown[] = [];
        for (const node of current) {
          if (typeof node !== 'object' || node === null) continue;
          for (const key of keys) {
            const value = (node as Record<string, unknown>)[key];
            if (value === undefined || value === null) continue;
            if (Array.isArray(value)) next.push(...value);
            else next.push(value);
          }
        }
        current = next;
      }
      out.push(...current);
    }
    return out;
  };
}

/** The expression compiled: a plain path when it is one, FHIRPath with the R4 model otherwise. */
export function compileExpression(expression: string): Evaluate {
  return compilePlainPath(expression) ?? (fhirpath.compile(expression, r4) as Evaluate);
}

interface CompiledParameter {
  parameter: SearchParameter;
  evaluate: Evaluate;
}

/** Each type's parameters with their expression compiled once (FHIRPath with the R4 model). */
const COMPILED: ReadonlyMap<string, readonly CompiledParameter[]> = new Map(
  [...SEARCH_PARAMETERS].map(([resourceType, parameters]) => [
    resourceType,
    [...parameters.values()]
      .filter((parameter) => parameter.expression !== null)
      .map((parameter) => ({
        parameter,
        evaluate: compileExpression(parameter.expression as string),
      })),
  ]),
);

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;
const text = (value: unknown): string | null =>
  typeof value === 'string' && value.length > 0 ? value.slice(0, MAX_VALUE) : null;

/** A reference's target as `[type, id]` (relative, absolute or versioned), or null (contained, logical, urn). */
export function referenceTarget(reference: string): [string, string] | null {
  const match = /(?:^|\/)([A-Z][A-Za-z]{1,63})\/([A-Za-z0-9.-]{1,64})(?:\/_history\/[^/]+)?$/.exec(reference);
  return match ? [match[1] as string, match[2] as string] : null;
}

/** Adds the index rows of one resource (its JSON as stored) to `rows`. */
export function extractRows(resource: Json & { resourceType: string; id: string }, rows: IndexRows): void {
  const compiled = COMPILED.get(resource.resourceType);
  if (!compiled) return;
  const { resourceType, id } = resource;
  for (const { parameter, evaluate } of compiled) {
    const param = parameter.code;
    let values: unknown[];
    try {
      values = evaluate(resource);
    } catch {
      continue; // a value FHIRPath cannot read is not searchable; validation answers for the resource
    }
    for (const value of values) {
      switch (parameter.type) {
        case 'token':
          for (const [system, code] of tokensOf(value)) {
            const t = rows.token;
            t.resource_type.push(resourceType);
            t.id.push(id);
            t.param.push(param);
            t.system.push(system);
            t.code.push(code);
          }
          break;
        case 'string':
          for (const exact of stringsOf(value)) {
            const s = rows.string;
            s.resource_type.push(resourceType);
            s.id.push(id);
            s.param.push(param);
            s.value.push(normaliseString(exact));
            s.exact.push(exact);
          }
          break;
        case 'date': {
          const range =
            typeof value === 'string'
              ? dateRange(value)
              : isObject(value)
                ? periodRange(text(value.start) ?? undefined, text(value.end) ?? undefined)
                : null;
          if (!range) break;
          const d = rows.date;
          d.resource_type.push(resourceType);
          d.id.push(id);
          d.param.push(param);
          d.low.push(timestampText(range.low));
          d.high.push(timestampText(range.high));
          break;
        }
        case 'reference': {
          const reference = isObject(value) ? text(value.reference) : null;
          const target = reference ? referenceTarget(reference) : null;
          if (!target) break;
          // The compartment is the resources table's patient_id (fhir/compartment.ts reads `Patient/id`).
          if (parameter.compartment && reference?.startsWith('Patient/')) break;
          if (parameter.targets.length > 0 && !parameter.targets.includes(target[0])) break;
          const r = rows.reference;
          r.resource_type.push(resourceType);
          r.id.push(id);
          r.param.push(param);
          r.target_type.push(target[0]);
          r.target_id.push(target[1]);
          break;
        }
        case 'quantity': {
          if (!isObject(value) || typeof value.value !== 'number' || !Number.isFinite(value.value)) break;
          const q = rows.quantity;
          q.resource_type.push(resourceType);
          q.id.push(id);
          q.param.push(param);
          q.value.push(String(value.value));
          q.system.push(text(value.system));
          q.code.push(text(value.code) ?? text(value.unit));
          break;
        }
      }
    }
  }
}

/** The (system, code) pairs of a code, Coding, CodeableConcept, Identifier, ContactPoint or boolean. */
function tokensOf(value: unknown): Array<[string | null, string]> {
  if (typeof value === 'string') return value.length > 0 ? [[null, value.slice(0, MAX_VALUE)]] : [];
  if (typeof value === 'boolean') return [[null, String(value)]];
  if (!isObject(value)) return [];
  if (Array.isArray(value.coding)) return value.coding.flatMap(tokensOf);
  const code = text(value.code) ?? text(value.value);
  return code ? [[text(value.system), code]] : [];
}

/** The strings of a string, HumanName or Address (each part separately: any part may match). */
function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return value.length > 0 ? [value.slice(0, MAX_VALUE)] : [];
  if (!isObject(value)) return [];
  const parts: string[] = [];
  for (const key of [
    'text',
    'family',
    'given',
    'prefix',
    'suffix',
    'line',
    'city',
    'district',
    'state',
    'postalCode',
    'country',
  ]) {
    const part = value[key];
    for (const item of Array.isArray(part) ? part : [part]) {
      const found = text(item);
      if (found) parts.push(found);
    }
  }
  return parts;
}
