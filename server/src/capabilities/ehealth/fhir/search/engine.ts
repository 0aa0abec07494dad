import { type Kysely, type RawBuilder, sql } from 'kysely';
import { type Connection, CUSTOM_PLAN, tablesOf } from '../../../../db/index.ts';
import { AppError } from '../../../../kernel/index.ts';
import type {
  HealthAccessContext,
  HealthPolicy,
  SearchEngine,
  SearchRequest,
  SearchResult,
  StoredResource,
} from '../../ports.ts';
import type { EhealthTables, ResourceRow } from '../../tables.ts';
import { storedOf } from '../store.ts';
import { type IncludeSpec, type ParsedSearch, parseSearch } from './parse.ts';
import { filterCondition, orderBy } from './sql.ts';

export interface SearchEngineDeps {
  db: Connection;
  policy: HealthPolicy;
}

/** Searches are planned for their values (see `CUSTOM_PLAN`): a generic plan is blind to them. */
const custom = sql.raw(CUSTOM_PLAN);

/** The most resources `_include` and `_revinclude` add to one page. */
export const MAX_INCLUDED = 1_000;
/** How many rounds `:iterate` follows. */
const ITERATIONS = 3;

type Row = ResourceRow & { deleted: boolean };

/**
 * FHIR search over the typed index (FHIR R4 3.1.1). The access policy is part of the query: its
 * condition (`visibleWhere`) is in the SQL that finds the matches, so a page is full of what the
 * caller may see and the total counts only that; what `_include`/`_revinclude` add is filtered by
 * the policy too (`filterReadable`). It records nothing: the caller records what it serves.
 */
export function createSearchEngine(deps: SearchEngineDeps): SearchEngine {
  const db = tablesOf<EhealthTables>(deps.db);
  const { policy } = deps;
  return {
    async search(ctx, request) {
      const scope = policy.checkScopes(ctx, request.resourceType, 'search');
      if (!scope.allowed) throw new AppError('fhir-search-scope-denied', scope.reason);
      const search = parseSearch(request.resourceType, request.params);
      const visible = await policy.visibleWhere(ctx, search.resourceType, 'r', patientsOf(search));
      if (visible === false) {
        return {
          matches: [],
          included: [],
          total: search.total === 'accurate' || search.countOnly ? 0 : undefined,
          links: links(request, search, false),
        };
      }
      const where = whereOf(search, visible);
      if (search.countOnly || search.count === 0) {
        return {
          matches: [],
          included: [],
          total: await countOf(db, where),
          links: links(request, search, false),
        };
      }
      const rows = await sql<Row>`${custom} SELECT r.* FROM ehealth.resources r WHERE ${where}
        ORDER BY ${orderBy(search.sort)} LIMIT ${search.count + 1} OFFSET ${search.offset}`.execute(db);
      const more = rows.rows.length > search.count;
      const matches = rows.rows.slice(0, search.count).map(storedOf);
      let total: number | undefined;
      if (search.total === 'accurate') {
        total = search.offset === 0 && !more ? matches.length : await countOf(db, where);
      } else if (!more && (matches.length > 0 || search.offset === 0)) total = search.offset + matches.length;
      const included = await includedOf(db, policy, ctx, search, matches);
      return {
        matches: search.elements
          ? matches.map((match) => subset(match, search.elements as string[]))
          : matches,
        included,
        total,
        links: links(request, search, more),
      };
    },
  };
}

/**
 * The patients every match belongs to, when a compartment parameter names Patients only
 * (`Observation?patient=…`): the policy reads the caller's standing with those, not their whole list.
 */
export function patientsOf(search: ParsedSearch): readonly string[] | undefined {
  for (const filter of search.filters) {
    if (!filter.parameter.compartment || filter.kind !== 'reference') continue;
    if (filter.values.every((value) => value.type === 'Patient'))
      return filter.values.map((value) => value.id);
  }
  return undefined;
}

function whereOf(search: ParsedSearch, visible: RawBuilder<boolean>): RawBuilder<boolean> {
  const conditions = [
    sql<boolean>`r.resource_type = ${search.resourceType}`,
    sql<boolean>`NOT r.deleted`,
    ...search.filters.map(filterCondition),
    sql<boolean>`(${visible})`,
  ];
  return sql<boolean>`${sql.join(conditions, sql` AND `)}`;
}

async function countOf(db: Kysely<EhealthTables>, where: RawBuilder<boolean>): Promise<number> {
  const result = await sql<{
    total: string | number;
  }>`${custom} SELECT count(*) AS total FROM ehealth.resources r WHERE ${where}`.execute(db);
  return Number(result.rows[0]?.total ?? 0);
}

const keyOf = (resource: { resourceType: string; id: string }) => `${resource.resourceType}/${resource.id}`;

/**
 * `_include` (the resources the matches refer to) and `_revinclude` (those referring to the
 * matches), `:iterate` ones followed from what was included too; each found resource passes the
 * policy's `filterReadable` and the caller's scopes for its type, or is left out.
 */
async function includedOf(
  db: Kysely<EhealthTables>,
  policy: HealthPolicy,
  ctx: HealthAccessContext,
  search: ParsedSearch,
  matches: readonly StoredResource[],
): Promise<StoredResource[]> {
  if (matches.length === 0 || (search.includes.length === 0 && search.revincludes.length === 0)) return [];
  const seen = new Set(matches.map(keyOf));
  const included: StoredResource[] = [];
  let from: readonly StoredResource[] = matches;
  for (let round = 0; round < ITERATIONS && from.length > 0 && included.length < MAX_INCLUDED; round++) {
    const found: StoredResource[] = [];
    const specs = (list: IncludeSpec[]) => list.filter((spec) => round === 0 || spec.iterate);
    for (const spec of specs(search.includes)) found.push(...(await referencedBy(db, spec, from)));
    for (const spec of specs(search.revincludes)) found.push(...(await referring(db, spec, from)));
    const fresh = found.filter((resource) => {
      if (seen.has(keyOf(resource))) return false;
      seen.add(keyOf(resource));
      return policy.checkScopes(ctx, resource.resourceType, 'read').allowed;
    });
    const readable = (await policy.filterReadable(ctx, fresh)).slice(0, MAX_INCLUDED - included.length);
    included.push(...readable);
    from = readable;
  }
  return included;
}

/** The resources that `spec` (Source:param) of the given resources of type Source points to. */
async function referencedBy(
  db: Kysely<EhealthTables>,
  spec: IncludeSpec,
  from: readonly StoredResource[],
): Promise<StoredResource[]> {
  const sources = from.filter((resource) => resource.resourceType === spec.parameter.resourceType);
  if (sources.length === 0) return [];
  const found: StoredResource[] = [];
  // A compartment parameter's Patient is the source's patient_id, not an index row.
  if (spec.parameter.compartment && (spec.targetType === null || spec.targetType === 'Patient')) {
    const patients = [
      ...new Set(sources.flatMap((resource) => (resource.patientId ? [resource.patientId] : []))),
    ];
    const rows = await sql<Row>`${custom} SELECT r.* FROM ehealth.resources r
      WHERE r.resource_type = 'Patient' AND r.id = ANY(${patients}::text[]) AND NOT r.deleted ORDER BY r.id`.execute(
      db,
    );
    found.push(...rows.rows.map(storedOf));
  }
  if (spec.parameter.compartment && (spec.targetType === 'Patient' || spec.parameter.targets.length === 1))
    return found;
  const ids = sources.map((resource) => resource.id);
  const target = spec.targetType === null ? sql`` : sql`AND s.target_type = ${spec.targetType}`;
  const rows = await sql<Row>`${custom} SELECT r.* FROM ehealth.resources r
    JOIN (SELECT DISTINCT s.target_type, s.target_id FROM ehealth.search_reference s
      WHERE s.resource_type = ${spec.parameter.resourceType} AND s.param = ${spec.parameter.code}
        AND s.id = ANY(${ids}::text[]) ${target}) t
      ON r.resource_type = t.target_type AND r.id = t.target_id
    WHERE NOT r.deleted ORDER BY r.resource_type, r.id LIMIT ${MAX_INCLUDED}`.execute(db);
  found.push(...rows.rows.map(storedOf));
  return found;
}

/** The resources of type Source whose `spec` parameter points to one of the given resources. */
async function referring(
  db: Kysely<EhealthTables>,
  spec: IncludeSpec,
  from: readonly StoredResource[],
): Promise<StoredResource[]> {
  let targets = from.filter(
    (resource) => spec.targetType === null || resource.resourceType === spec.targetType,
  );
  const found: StoredResource[] = [];
  if (spec.parameter.compartment) {
    // Those referring to a Patient through the compartment element are in its compartment.
    const patients = targets.filter((target) => target.resourceType === 'Patient').map((target) => target.id);
    if (patients.length > 0) {
      const rows = await sql<Row>`${custom} SELECT r.* FROM ehealth.resources r
        WHERE r.resource_type = ${spec.parameter.resourceType} AND r.patient_id = ANY(${patients}::text[]) AND NOT r.deleted
        ORDER BY r.id LIMIT ${MAX_INCLUDED}`.execute(db);
      found.push(...rows.rows.map(storedOf));
    }
    targets = targets.filter((target) => target.resourceType !== 'Patient');
  }
  if (targets.length === 0) return found;
  const rows = await sql<Row>`${custom} SELECT r.* FROM ehealth.resources r
    WHERE r.resource_type = ${spec.parameter.resourceType} AND NOT r.deleted AND r.id IN (
      SELECT s.id FROM ehealth.search_reference s
        JOIN unnest(${targets.map((t) => t.resourceType)}::text[], ${targets.map((t) => t.id)}::text[]) AS t(type, id)
          ON s.target_type = t.type AND s.target_id = t.id
        WHERE s.resource_type = ${spec.parameter.resourceType} AND s.param = ${spec.parameter.code})
    ORDER BY r.id LIMIT ${MAX_INCLUDED}`.execute(db);
  found.push(...rows.rows.map(storedOf));
  return found;
}

/** A match with only the elements asked for (`_elements`), marked SUBSETTED as FHIR requires. */
function subset(resource: StoredResource, elements: readonly string[]): StoredResource {
  const json = JSON.parse(resource.content) as Record<string, unknown>;
  const kept: Record<string, unknown> = { resourceType: json.resourceType, id: json.id };
  const meta = (json.meta ?? {}) as { tag?: unknown[] };
  kept.meta = {
    ...meta,
    tag: [
      ...(meta.tag ?? []),
      { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'SUBSETTED' },
    ],
  };
  for (const [key, value] of Object.entries(json)) {
    // A choice element is asked for by its name without the type (`value` keeps `valueQuantity`).
    if (
      elements.some(
        (element) => key === element || (key.startsWith(element) && /^[A-Z]/.test(key.slice(element.length))),
      )
    ) {
      kept[key] = value;
    }
  }
  return { ...resource, content: JSON.stringify(kept) };
}

/** The query again, in a stable order, with `_count` and `_offset` set to a page's. */
function pageUrl(request: SearchRequest, search: ParsedSearch, offset: number): string {
  const query = new URLSearchParams();
  const keys = Object.keys(request.params)
    .filter((key) => key !== '_offset' && key !== '_count')
    .sort();
  for (const key of keys) {
    const value = request.params[key] as string | readonly string[];
    for (const item of typeof value === 'string' ? [value] : value) query.append(key, item);
  }
  query.set('_count', String(search.count));
  query.set('_offset', String(offset));
  return `${request.baseUrl}/${search.resourceType}?${query.toString()}`;
}

/**
 * A search by a Patient's identifier may hold a personal number, which is never put in a URL: it
 * has no links (the lookup finds one Patient; the router takes it by `POST _search`).
 */
const carriesPersonalNumber = (search: ParsedSearch) =>
  search.filters.some(
    (filter) => filter.parameter.resourceType === 'Patient' && filter.parameter.code === 'identifier',
  );

function links(request: SearchRequest, search: ParsedSearch, more: boolean): SearchResult['links'] {
  if (carriesPersonalNumber(search)) return [];
  const result = [
    { relation: 'self', url: pageUrl(request, search, search.offset) },
    { relation: 'first', url: pageUrl(request, search, 0) },
  ];
  if (more) result.push({ relation: 'next', url: pageUrl(request, search, search.offset + search.count) });
  if (search.offset > 0) {
    result.push({
      relation: 'previous',
      url: pageUrl(request, search, Math.max(0, search.offset - search.count)),
    });
  }
  return result;
}
