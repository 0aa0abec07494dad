import { type RawBuilder, sql } from 'kysely';
import { timestampText } from './dates.ts';
import type { SearchParameter } from './parameters.ts';
import type { DateValue, Filter, QuantityValue, ReferenceValue, SortKey, TokenValue } from './parse.ts';

/**
 * The SQL of a parsed search over `ehealth.resources` aliased `r`. Each parameter is a semi-join on
 * its index table (`r.id IN (SELECT id FROM ehealth.search_token WHERE resource_type = … AND
 * param = … AND …)`), which the planner can drive from the value index (a patient's few hundred
 * Observations, then the code among them) or probe per row, whichever is cheaper.
 */

type Condition = RawBuilder<boolean>;

const TABLE_OF = {
  token: 'search_token',
  string: 'search_string',
  date: 'search_date',
  reference: 'search_reference',
  quantity: 'search_quantity',
} as const;

const or = (conditions: Condition[]): Condition =>
  conditions.length === 1 ? (conditions[0] as Condition) : sql<boolean>`(${sql.join(conditions, sql` OR `)})`;

/** `r.id IN (SELECT s.id FROM <the parameter's table> s WHERE … AND condition)`. */
function indexed(parameter: SearchParameter, condition: Condition | null, negate = false): Condition {
  const table = sql.id('ehealth', TABLE_OF[parameter.type]);
  const where = condition ? sql`AND ${condition}` : sql``;
  const subquery = sql`SELECT s.id FROM ${table} s WHERE s.resource_type = ${parameter.resourceType} AND s.param = ${parameter.code} ${where}`;
  return negate ? sql<boolean>`r.id NOT IN (${subquery})` : sql<boolean>`r.id IN (${subquery})`;
}

function tokenCondition({ system, code }: TokenValue): Condition {
  const parts: Condition[] = [];
  if (code !== null) parts.push(sql<boolean>`s.code = ${code}`);
  if (system === null) parts.push(sql<boolean>`s.system IS NULL`);
  else if (system !== undefined) parts.push(sql<boolean>`s.system = ${system}`);
  return sql<boolean>`(${sql.join(parts, sql` AND `)})`;
}

/**
 * The first string after every string that starts with `prefix`, in code point order (its last
 * character's successor), or null when there is none: `value >= prefix AND value < successor`
 * is the prefix search as an index range.
 */
export function successor(prefix: string): string | null {
  const points = [...prefix];
  while (points.length > 0) {
    const last = (points.pop() as string).codePointAt(0) as number;
    let next = last + 1;
    if (next >= 0xd800 && next <= 0xdfff) next = 0xe000;
    if (next <= 0x10ffff) return points.join('') + String.fromCodePoint(next);
  }
  return null;
}

const likeEscape = (value: string) => value.replace(/[\\%_]/g, (char) => `\\${char}`);

/**
 * A date value against a stored range [low, high) (FHIR R4 3.1.1.4.2): `eq` the value's range
 * contains the target's, `ne` it does not, `gt`/`lt` the target reaches after/before it, `ge`/`le`
 * either, `sa`/`eb` the target starts after/ends before it, `ap` the ranges overlap once the value
 * is widened by a tenth of its distance from now (a day at least).
 */
export function dateCondition(
  { prefix, range }: DateValue,
  low: RawBuilder<Date>,
  high: RawBuilder<Date>,
): Condition {
  const from = sql`${timestampText(range.low)}::timestamptz`;
  const to = sql`${timestampText(range.high)}::timestamptz`;
  const contained = sql<boolean>`(${low} >= ${from} AND ${high} <= ${to})`;
  switch (prefix) {
    case 'eq':
      return contained;
    case 'ne':
      return sql<boolean>`NOT ${contained}`;
    case 'gt':
      return sql<boolean>`${high} > ${to}`;
    case 'lt':
      return sql<boolean>`${low} < ${from}`;
    case 'ge':
      return sql<boolean>`(${high} > ${to} OR ${contained})`;
    case 'le':
      return sql<boolean>`(${low} < ${from} OR ${contained})`;
    case 'sa':
      return sql<boolean>`${low} >= ${to}`;
    case 'eb':
      return sql<boolean>`${high} <= ${from}`;
    case 'ap': {
      const widen = Math.max(Math.abs(Date.now() - range.low) / 10, 86_400_000);
      const wideFrom = sql`${timestampText(range.low - widen)}::timestamptz`;
      const wideTo = sql`${timestampText(range.high + widen)}::timestamptz`;
      return sql<boolean>`(${low} < ${wideTo} AND ${high} > ${wideFrom})`;
    }
  }
}

/** A number against a stored value; `eq`/`ne`/`ap` honour the precision it was written with. */
export function numberCondition(value: QuantityValue, column: RawBuilder<unknown>): Condition {
  const n = sql`${value.number}::numeric`;
  const half = sql`${value.halfUnit}::numeric`;
  const within = sql<boolean>`(${column} >= ${n} - ${half} AND ${column} < ${n} + ${half})`;
  switch (value.prefix) {
    case 'eq':
      return within;
    case 'ne':
      return sql<boolean>`NOT ${within}`;
    case 'gt':
    case 'sa':
      return sql<boolean>`${column} > ${n}`;
    case 'lt':
    case 'eb':
      return sql<boolean>`${column} < ${n}`;
    case 'ge':
      return sql<boolean>`${column} >= ${n}`;
    case 'le':
      return sql<boolean>`${column} <= ${n}`;
    case 'ap':
      return sql<boolean>`(${column} >= ${n} * 0.9 AND ${column} <= ${n} * 1.1)`;
  }
}

function quantityCondition(value: QuantityValue): Condition {
  const parts = [numberCondition(value, sql`s.value`)];
  if (value.code !== null) parts.push(sql<boolean>`s.code = ${value.code}`);
  if (value.system !== undefined && value.system !== null)
    parts.push(sql<boolean>`s.system = ${value.system}`);
  return sql<boolean>`(${sql.join(parts, sql` AND `)})`;
}

/** The SQL condition of one filter on `r`. */
export function filterCondition(filter: Filter): Condition {
  const { parameter } = filter;
  if (parameter.code === '_id') {
    if (filter.kind === 'missing') return filter.missing ? sql<boolean>`false` : sql<boolean>`true`;
    if (filter.kind !== 'token') throw new Error('_id is a token');
    const ids = filter.values.map((value) => value.code ?? '');
    return filter.not ? sql<boolean>`r.id <> ALL(${ids}::text[])` : sql<boolean>`r.id = ANY(${ids}::text[])`;
  }
  if (parameter.code === '_lastUpdated') {
    if (filter.kind === 'missing') return filter.missing ? sql<boolean>`false` : sql<boolean>`true`;
    if (filter.kind !== 'date') throw new Error('_lastUpdated is a date');
    const at = sql<Date>`r.last_updated`;
    return or(
      filter.values.map((value) =>
        dateCondition(value, at, sql<Date>`(r.last_updated + interval '1 millisecond')`),
      ),
    );
  }
  if (parameter.compartment) return compartmentCondition(filter);
  switch (filter.kind) {
    case 'missing':
      return indexed(parameter, null, filter.missing);
    case 'token':
      return indexed(parameter, or(filter.values.map(tokenCondition)), filter.not);
    case 'string':
      return indexed(
        parameter,
        or(
          filter.values.map((value) => {
            if (filter.match === 'exact') return sql<boolean>`s.exact = ${value}`;
            if (filter.match === 'contains') return sql<boolean>`s.value LIKE ${`%${likeEscape(value)}%`}`;
            const after = successor(value);
            return after === null
              ? sql<boolean>`s.value LIKE ${`${likeEscape(value)}%`}`
              : sql<boolean>`(s.value >= ${value} AND s.value < ${after})`;
          }),
        ),
      );
    case 'date':
      return indexed(
        parameter,
        or(filter.values.map((value) => dateCondition(value, sql`s.low`, sql`s.high`))),
      );
    case 'reference':
      return indexed(
        parameter,
        or(
          filter.values.map((value) =>
            value.type === null
              ? sql<boolean>`s.target_id = ${value.id}`
              : sql<boolean>`(s.target_id = ${value.id} AND s.target_type = ${value.type})`,
          ),
        ),
      );
    case 'quantity':
      return indexed(parameter, or(filter.values.map(quantityCondition)));
  }
}

/**
 * A parameter whose element is the compartment: its Patient values are `r.patient_id` (on the
 * resources table's `(patient_id, resource_type)` index), its other values index rows. A value
 * of unknown type (`subject=123`) may be either: a union of both, still a semi-join, never an OR
 * that would stop the planner using either index.
 */
function compartmentCondition(filter: Filter): Condition {
  const { parameter } = filter;
  const anyRow = sql`SELECT s.id FROM ehealth.search_reference s WHERE s.resource_type = ${parameter.resourceType} AND s.param = ${parameter.code}`;
  if (filter.kind === 'missing') {
    return filter.missing
      ? sql<boolean>`(r.patient_id IS NULL AND r.id NOT IN (${anyRow}))`
      : sql<boolean>`(r.patient_id IS NOT NULL OR r.id IN (${anyRow}))`;
  }
  if (filter.kind !== 'reference') throw new Error('a compartment parameter is a reference');
  const patients = filter.values.filter((value) => value.type === 'Patient').map((value) => value.id);
  const others = filter.values.filter((value) => value.type !== 'Patient');
  if (others.length === 0) return sql<boolean>`r.patient_id = ANY(${patients}::text[])`;
  const untyped = others.filter((value) => value.type === null).map((value) => value.id);
  const inCompartment = [...patients, ...untyped];
  const rows = indexedReferences(parameter, others);
  if (inCompartment.length === 0) return sql<boolean>`r.id IN (${rows})`;
  return sql<boolean>`r.id IN (SELECT c.id FROM ehealth.resources c
    WHERE c.resource_type = ${parameter.resourceType} AND c.patient_id = ANY(${inCompartment}::text[])
    UNION ALL ${rows})`;
}

function indexedReferences(
  parameter: SearchParameter,
  values: readonly ReferenceValue[],
): RawBuilder<unknown> {
  const conditions = values.map((value) =>
    value.type === null
      ? sql<boolean>`s.target_id = ${value.id}`
      : sql<boolean>`(s.target_id = ${value.id} AND s.target_type = ${value.type})`,
  );
  return sql`SELECT s.id FROM ehealth.search_reference s WHERE s.resource_type = ${parameter.resourceType} AND s.param = ${parameter.code} AND ${or(conditions)}`;
}

const SORT_COLUMN = {
  token: ['code', 'code'],
  string: ['value', 'value'],
  date: ['low', 'high'],
  reference: ['target_id', 'target_id'],
  quantity: ['value', 'value'],
} as const;

/** The ORDER BY of the sort keys, ending with `r.id` so that paging is stable. */
export function orderBy(keys: readonly SortKey[]): RawBuilder<unknown> {
  const terms = keys.map(({ parameter, descending }) => {
    const direction = descending ? sql`DESC NULLS LAST` : sql`ASC NULLS LAST`;
    if (parameter.code === '_id') return sql`r.id ${direction}`;
    if (parameter.code === '_lastUpdated') return sql`r.last_updated ${direction}`;
    // Ascending by the smallest value, descending by the largest (a date's end), as FHIR sorts.
    const [ascending, descendingColumn] = SORT_COLUMN[parameter.type];
    const column = sql.ref(`s.${descending ? descendingColumn : ascending}`);
    const aggregate = descending ? sql`max(${column})` : sql`min(${column})`;
    const table = sql.id('ehealth', TABLE_OF[parameter.type]);
    const value = sql`(SELECT ${aggregate} FROM ${table} s WHERE s.resource_type = r.resource_type AND s.id = r.id AND s.param = ${parameter.code})`;
    // A compartment parameter's Patient is the row's patient_id (it has no index row).
    return parameter.compartment
      ? sql`COALESCE(r.patient_id, ${value}) ${direction}`
      : sql`${value} ${direction}`;
  });
  if (!keys.some((key) => key.parameter.code === '_id')) terms.push(sql`r.id ASC`);
  return sql.join(terms);
}
