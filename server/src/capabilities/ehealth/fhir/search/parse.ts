import { controlCharacterIndex } from '../../../../http/index.ts';
import { AppError } from '../../../../kernel/index.ts';
import { type DateRange, dateRange } from './dates.ts';
import { normaliseString } from './normalise.ts';
import { SEARCH_PARAMETERS, type SearchParameter } from './parameters.ts';

/**
 * A search request's query, checked and parsed (FHIR R4 3.1.1): filters (repeated parameters are
 * AND, comma-separated values OR), sorting, paging, includes. Every refusal is an AppError:
 * `fhir-search-unknown-parameter` (a parameter or modifier the type has not),
 * `fhir-search-invalid-value` (a malformed value).
 */
export interface ParsedSearch {
  resourceType: string;
  filters: Filter[];
  sort: SortKey[];
  count: number;
  offset: number;
  total: 'none' | 'accurate';
  /** `_summary=count`: the total only. */
  countOnly: boolean;
  elements: string[] | null;
  includes: IncludeSpec[];
  revincludes: IncludeSpec[];
}

export const DEFAULT_COUNT = 20;
export const MAX_COUNT = 1_000;
export const MAX_OFFSET = 100_000;
/** The most values one parameter may OR together. */
export const MAX_VALUES = 100;
const MAX_VALUE_LENGTH = 1_024;

export type Prefix = 'eq' | 'ne' | 'gt' | 'lt' | 'ge' | 'le' | 'sa' | 'eb' | 'ap';
const PREFIXES: readonly Prefix[] = ['eq', 'ne', 'gt', 'lt', 'ge', 'le', 'sa', 'eb', 'ap'];

/** `system|code`: system undefined = any system, null = no system; code null = any code of the system. */
export interface TokenValue {
  system: string | null | undefined;
  code: string | null;
}
export interface DateValue {
  prefix: Prefix;
  range: DateRange;
}
export interface QuantityValue {
  prefix: Prefix;
  /** The number as written (compared as `numeric`, never as a float). */
  number: string;
  /** Half a unit of its last digit: `5.4` stands for [5.35, 5.45). */
  halfUnit: string;
  system: string | null | undefined;
  code: string | null;
}
export interface ReferenceValue {
  type: string | null;
  id: string;
}

export type Filter =
  | { kind: 'missing'; parameter: SearchParameter; missing: boolean }
  | { kind: 'token'; parameter: SearchParameter; not: boolean; values: TokenValue[] }
  | { kind: 'string'; parameter: SearchParameter; match: 'start' | 'exact' | 'contains'; values: string[] }
  | { kind: 'date'; parameter: SearchParameter; values: DateValue[] }
  | { kind: 'reference'; parameter: SearchParameter; values: ReferenceValue[] }
  | { kind: 'quantity'; parameter: SearchParameter; values: QuantityValue[] };

export interface SortKey {
  parameter: SearchParameter;
  descending: boolean;
}

/** `_include=Source:param[:Target]` / `_revinclude=…`; `iterate` also follows what was included. */
export interface IncludeSpec {
  parameter: SearchParameter;
  targetType: string | null;
  iterate: boolean;
}

/** Parameters that change nothing in the result (the router reads them). */
const IGNORED = new Set(['_format', '_pretty']);
const ID_PATTERN = /^[A-Za-z0-9.-]{1,64}$/;
const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const NUMBER_PATTERN = /^[+-]?(\d+)(?:\.(\d+))?$/;

const unknown = (detail: string) => new AppError('fhir-search-unknown-parameter', detail);
const invalid = (detail: string) => new AppError('fhir-search-invalid-value', detail);

/** Splits at unescaped `separator`s and unescapes `\,` `\|` `\$` `\\` (FHIR R4 3.1.1.4.8). */
export function splitEscaped(value: string, separator: ',' | '|'): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const char = value[i] as string;
    if (char === '\\' && i + 1 < value.length && ',|$\\'.includes(value[i + 1] as string)) {
      current += value[i + 1];
      i++;
    } else if (char === separator) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts;
}

/** Like splitEscaped, but keeps the escapes (the comma split comes first, the `|` split after). */
function splitKeepingEscapes(value: string, separator: ','): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const char = value[i] as string;
    if (char === '\\' && i + 1 < value.length) {
      current += char + value[i + 1];
      i++;
    } else if (char === separator) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts;
}

const unescaped = (value: string) => splitEscaped(value, ',').join(',');

function prefixOf(value: string): [Prefix, string] {
  const head = value.slice(0, 2) as Prefix;
  return PREFIXES.includes(head) && /^[a-z]{2}[0-9+-]/.test(value) ? [head, value.slice(2)] : ['eq', value];
}

export function parseToken(value: string, name: string): TokenValue {
  const parts = splitEscaped(value, '|');
  if (parts.length === 1) {
    const code = parts[0] as string;
    if (code === '') throw invalid(`${name}: an empty token`);
    return { system: undefined, code };
  }
  if (parts.length !== 2) throw invalid(`${name}: a token is code, system|code, |code or system|`);
  const [system, code] = parts as [string, string];
  if (system === '' && code === '') throw invalid(`${name}: an empty token`);
  return { system: system === '' ? null : system, code: code === '' ? null : code };
}

export function parseDate(value: string, name: string): DateValue {
  const [prefix, text] = prefixOf(value);
  const range = dateRange(text);
  if (!range)
    throw invalid(
      `${name}: ${JSON.stringify(value)} is not a date (YYYY, YYYY-MM, YYYY-MM-DD or a dateTime)`,
    );
  return { prefix, range };
}

export function parseQuantity(value: string, name: string): QuantityValue {
  const parts = splitEscaped(value, '|');
  if (parts.length !== 1 && parts.length !== 3)
    throw invalid(`${name}: a quantity is number or number|system|code`);
  const [prefix, number] = prefixOf(parts[0] as string);
  const match = NUMBER_PATTERN.exec(number);
  if (!match) throw invalid(`${name}: ${JSON.stringify(number)} is not a number`);
  const decimals = match[2]?.length ?? 0;
  const halfUnit = decimals === 0 ? '0.5' : `0.${'0'.repeat(decimals)}5`;
  const system = parts.length === 3 ? (parts[1] === '' ? undefined : parts[1]) : undefined;
  const code = parts.length === 3 && parts[2] !== '' ? (parts[2] as string) : null;
  return { prefix, number, halfUnit, system, code };
}

export function parseReference(
  value: string,
  parameter: SearchParameter,
  typeModifier: string | null,
): ReferenceValue {
  const name = parameter.code;
  const segments = value.replace(/\/_history\/[^/]+$/, '').split('/');
  const id = segments.at(-1) as string;
  const type = typeModifier ?? (segments.length >= 2 ? (segments.at(-2) as string) : null);
  if (!ID_PATTERN.test(id))
    throw invalid(`${name}: ${JSON.stringify(value)} is not a reference (Type/id or id)`);
  if (type !== null && !/^[A-Z][A-Za-z]{1,63}$/.test(type))
    throw invalid(`${name}: ${JSON.stringify(value)} names no resource type`);
  if (type !== null && parameter.targets.length > 0 && !parameter.targets.includes(type)) {
    throw invalid(`${name}: a ${parameter.resourceType}'s ${name} never refers to a ${type}`);
  }
  // A bare id of a parameter with one target type (`patient=123`) means that type.
  return { type: type ?? (parameter.targets.length === 1 ? (parameter.targets[0] as string) : null), id };
}

function parameterOf(resourceType: string, code: string): SearchParameter {
  const parameter = SEARCH_PARAMETERS.get(resourceType)?.get(code);
  if (!parameter) {
    if (code.includes('.')) throw unknown(`${resourceType}: chained parameters (${code}) are not supported`);
    throw unknown(`${resourceType} has no search parameter ${code}`);
  }
  return parameter;
}

function parseFilter(resourceType: string, key: string, raw: string): Filter {
  const colon = key.indexOf(':');
  const code = colon < 0 ? key : key.slice(0, colon);
  const modifier = colon < 0 ? null : key.slice(colon + 1);
  const parameter = parameterOf(resourceType, code);
  if (modifier === 'missing') {
    if (raw !== 'true' && raw !== 'false') throw invalid(`${key}: true or false`);
    return { kind: 'missing', parameter, missing: raw === 'true' };
  }
  const texts = splitKeepingEscapes(raw, ',');
  if (texts.length > MAX_VALUES) throw invalid(`${key}: at most ${MAX_VALUES} values`);
  const refuse = () => unknown(`${resourceType}.${code} (a ${parameter.type}) has no modifier :${modifier}`);
  switch (parameter.type) {
    case 'token': {
      if (modifier !== null && modifier !== 'not') throw refuse();
      return {
        kind: 'token',
        parameter,
        not: modifier === 'not',
        values: texts.map((text) => parseToken(text, key)),
      };
    }
    case 'string': {
      if (modifier !== null && modifier !== 'exact' && modifier !== 'contains') throw refuse();
      const values = texts.map(unescaped);
      const compared = modifier === 'exact' ? values : values.map(normaliseString);
      if (compared.some((value) => value.trim() === '')) throw invalid(`${key}: an empty string`);
      return {
        kind: 'string',
        parameter,
        match: modifier === 'exact' ? 'exact' : modifier === 'contains' ? 'contains' : 'start',
        values: compared,
      };
    }
    case 'date':
      if (modifier !== null) throw refuse();
      return { kind: 'date', parameter, values: texts.map((text) => parseDate(unescaped(text), key)) };
    case 'quantity':
      if (modifier !== null) throw refuse();
      return { kind: 'quantity', parameter, values: texts.map((text) => parseQuantity(text, key)) };
    case 'reference': {
      // The only modifier of a reference is its target type (`subject:Patient=123`).
      if (
        modifier !== null &&
        !(/^[A-Z][A-Za-z]{1,63}$/.test(modifier) && parameter.targets.includes(modifier))
      ) {
        throw refuse();
      }
      return {
        kind: 'reference',
        parameter,
        values: texts.map((text) => parseReference(unescaped(text), parameter, modifier)),
      };
    }
  }
}

function parseCount(name: string, value: string, max: number): number {
  if (!/^\d{1,9}$/.test(value)) throw invalid(`${name}: a whole number`);
  const number = Number(value);
  if (number > max && name === '_offset') throw invalid(`${name}: at most ${max}`);
  return Math.min(number, max);
}

function parseInclude(resourceType: string, key: string, value: string, reverse: boolean): IncludeSpec {
  const iterate = key.endsWith(':iterate') || key.endsWith(':recurse');
  if (key.includes(':') && !iterate) throw unknown(`${key}: the only modifier is :iterate`);
  const parts = value.split(':');
  if (parts.length < 2 || parts.length > 3)
    throw invalid(`${key}: Type:parameter or Type:parameter:TargetType`);
  const [source, code, target] = parts as [string, string, string | undefined];
  if (!SEARCH_PARAMETERS.has(source))
    throw invalid(`${key}: ${JSON.stringify(source)} is not a searchable resource type`);
  if (!reverse && !iterate && source !== resourceType) {
    throw invalid(`${key}: ${source} is not the type searched (${resourceType}); add :iterate`);
  }
  if (code === '*') throw invalid(`${key}: the wildcard * is not supported; name the parameter`);
  const parameter = parameterOf(source, code);
  if (parameter.type !== 'reference') throw invalid(`${key}: ${source}.${code} is not a reference parameter`);
  if (target !== undefined && parameter.targets.length > 0 && !parameter.targets.includes(target)) {
    throw invalid(`${key}: ${source}.${code} never refers to a ${target}`);
  }
  return { parameter, targetType: target ?? null, iterate };
}

function parseSort(resourceType: string, value: string): SortKey[] {
  const keys = value.split(',');
  if (keys.length > 5) throw invalid('_sort: at most 5 keys');
  return keys.map((key) => {
    const descending = key.startsWith('-');
    const code = descending ? key.slice(1) : key;
    if (code === '') throw invalid('_sort: an empty key');
    return { parameter: parameterOf(resourceType, code), descending };
  });
}

/** The request's query as a checked search. */
export function parseSearch(
  resourceType: string,
  params: Readonly<Record<string, string | readonly string[]>>,
): ParsedSearch {
  if (!SEARCH_PARAMETERS.has(resourceType))
    throw unknown(`${resourceType} is not a searchable resource type`);
  const search: ParsedSearch = {
    resourceType,
    filters: [],
    sort: [],
    count: DEFAULT_COUNT,
    offset: 0,
    total: 'none',
    countOnly: false,
    elements: null,
    includes: [],
    revincludes: [],
  };
  for (const [key, given] of Object.entries(params)) {
    const values = typeof given === 'string' ? [given] : [...given];
    if (
      !NAME_PATTERN.test(key.split(':')[0] ?? '') ||
      controlCharacterIndex(key, 'line') >= 0 ||
      key.length > 128
    ) {
      throw unknown(`${JSON.stringify(key.slice(0, 64))} is not a search parameter`);
    }
    for (const value of values) {
      if (controlCharacterIndex(value, 'line') >= 0) throw invalid(`${key}: a control character`);
      if (value.length > MAX_VALUE_LENGTH)
        throw invalid(`${key}: longer than ${MAX_VALUE_LENGTH} characters`);
    }
    if (IGNORED.has(key)) continue;
    const single = (): string => {
      if (values.length !== 1) throw invalid(`${key}: given ${values.length} times`);
      return values[0] as string;
    };
    const base = key.split(':')[0];
    switch (base) {
      case '_count':
        search.count = parseCount(key, single(), MAX_COUNT);
        break;
      case '_offset':
        search.offset = parseCount(key, single(), MAX_OFFSET);
        break;
      case '_total': {
        const total = single();
        if (total !== 'none' && total !== 'estimate' && total !== 'accurate')
          throw invalid('_total: none, estimate or accurate');
        search.total = total === 'accurate' || total === 'estimate' ? 'accurate' : 'none';
        break;
      }
      case '_summary': {
        const summary = single();
        if (summary !== 'count' && summary !== 'false')
          throw invalid('_summary: count or false (true, text and data are not supported)');
        search.countOnly = summary === 'count';
        break;
      }
      case '_elements': {
        const elements = single().split(',');
        if (elements.length > 50 || elements.some((element) => !/^[a-z][A-Za-z0-9]{0,63}$/.test(element))) {
          throw invalid('_elements: element names separated by commas');
        }
        search.elements = elements;
        break;
      }
      case '_sort':
        search.sort = parseSort(resourceType, single());
        break;
      case '_include':
        for (const value of values) search.includes.push(parseInclude(resourceType, key, value, false));
        break;
      case '_revinclude':
        for (const value of values) search.revincludes.push(parseInclude(resourceType, key, value, true));
        break;
      default:
        for (const value of values) search.filters.push(parseFilter(resourceType, key, value));
    }
  }
  if (search.includes.length + search.revincludes.length > 10)
    throw invalid('at most 10 _include and _revinclude');
  return search;
}
