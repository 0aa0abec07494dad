import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import { AppError, type ErrorTable } from '../../../kernel/index.ts';
import type {
  EhealthTransaction,
  HealthAccessContext,
  SearchRequest,
  SearchResult,
  StoredResource,
} from '../ports.ts';
import { referencesIn } from '../validation/validator.ts';
import { etagOf, resourceOf, searchsetBundle, versionPath } from './bundle.ts';
import { ehealthFhirErrors } from './errors.ts';
import { outcomeOfError } from './outcome.ts';
import { paramsOf } from './query.ts';
import type { CreateOutcome, PlannedWrite, WriteOptions } from './writes.ts';

/** The most entries a batch or transaction Bundle may hold (413 `fhir-bundle-too-large` beyond). */
export const MAX_BUNDLE_ENTRIES = 1_000;

/** What a Bundle's entries are carried out by (the service; an interface to keep the files acyclic). */
export interface BundleProcessor {
  read(ctx: HealthAccessContext, type: string, id: string): Promise<StoredResource>;
  search(ctx: HealthAccessContext, request: SearchRequest): Promise<SearchResult>;
  create(ctx: HealthAccessContext, resource: Resource): Promise<StoredResource>;
  createIfNoneExist(
    ctx: HealthAccessContext,
    resource: Resource,
    query: string,
    baseUrl: string,
  ): Promise<CreateOutcome>;
  update(ctx: HealthAccessContext, resource: Resource, ifMatch?: string | number): Promise<StoredResource>;
  delete(ctx: HealthAccessContext, type: string, id: string): Promise<void>;
  findExisting(
    ctx: HealthAccessContext,
    type: string,
    query: string,
    baseUrl: string,
  ): Promise<StoredResource | null>;
  planCreate(ctx: HealthAccessContext, resource: Resource, options?: WriteOptions): Promise<PlannedWrite>;
  planUpdate(
    ctx: HealthAccessContext,
    resource: Resource,
    ifMatch?: string | number,
    options?: WriteOptions,
  ): Promise<PlannedWrite>;
  planDelete(ctx: HealthAccessContext, type: string, id: string): Promise<PlannedWrite | null>;
  commitAll(
    ctx: HealthAccessContext,
    plans: readonly PlannedWrite[],
    trx: EhealthTransaction,
  ): Promise<StoredResource[]>;
  inTransaction<T>(run: (trx: EhealthTransaction) => Promise<T>): Promise<T>;
  /** Which of these `Type/id` references name a stored resource (not deleted). */
  existingReferences(references: readonly string[]): Promise<ReadonlySet<string>>;
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** FHIR's processing order of a transaction's entries (R4 3.1.0.11.2). */
const ORDER: Readonly<Record<Method, number>> = { DELETE: 0, POST: 1, PUT: 2, GET: 3 };

interface Step {
  index: number;
  method: Method;
  /** `Type`, `Type/id` or `Type?query`, relative to the base. */
  url: string;
  entry: BundleEntry;
}

/** The entries of a batch or transaction Bundle, checked: type, count, each a request. */
export function stepsOf(bundle: unknown, type: 'batch' | 'transaction', baseUrl: string): Step[] {
  const value = bundle as Bundle;
  if (value?.resourceType !== 'Bundle' || value.type !== type)
    throw new AppError('fhir-bundle-invalid', `Expected a Bundle of type ${type}.`);
  const entries = value.entry ?? [];
  if (!Array.isArray(entries)) throw new AppError('fhir-bundle-invalid', 'Bundle.entry is not a list.');
  if (entries.length > MAX_BUNDLE_ENTRIES)
    throw new AppError(
      'fhir-bundle-too-large',
      `The Bundle has ${entries.length} entries; at most ${MAX_BUNDLE_ENTRIES} are taken.`,
    );
  return entries.map((entry, index) => {
    const method = entry?.request?.method;
    const rawUrl = entry?.request?.url;
    if (!method || !(method in ORDER) || typeof rawUrl !== 'string' || rawUrl === '')
      throw new AppError(
        'fhir-bundle-invalid',
        'Each entry needs request.method (GET, POST, PUT, DELETE) and request.url.',
        {
          entry: index,
        },
      );
    const url = rawUrl.startsWith(`${baseUrl}/`)
      ? rawUrl.slice(baseUrl.length + 1)
      : rawUrl.replace(/^\//, '');
    if (
      (method === 'POST' || method === 'PUT') &&
      (entry.resource as Resource | undefined)?.resourceType === undefined
    )
      throw new AppError('fhir-bundle-invalid', `A ${method} entry needs a resource.`, { entry: index });
    return { index, method: method as Method, url, entry };
  });
}

/** `Type/id` of an entry's URL, or null when it is not one. */
function instanceOf(url: string): { type: string; id: string } | null {
  const match = /^([A-Za-z]+)\/([^/?]+)$/.exec(url);
  return match ? { type: match[1]!, id: match[2]! } : null;
}

function statusText(status: number): string {
  return `${status} ${STATUS_CODES[status] ?? ''}`.trim();
}

/** `reference` values naming another entry's `fullUrl` (`urn:uuid:…`) become `Type/id`. */
export function rewriteReferences<T>(value: T, references: ReadonlyMap<string, string>): T {
  if (references.size === 0) return value;
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== 'object') return node;
    // Own properties as in the JSON, a key named "__proto__" too (an assignment would set the prototype).
    return Object.fromEntries(
      Object.entries(node).map(([key, child]) => [
        key,
        key === 'reference' && typeof child === 'string' ? (references.get(child) ?? child) : walk(child),
      ]),
    );
  };
  return walk(value) as T;
}

/** Entries of a transaction planned at once (policy and validation of each). */
const PLANNED_AT_ONCE = 16;

/**
 * A transaction: all entries or none. The POST entries get their ids first, so that references
 * between entries (their `urn:uuid:` fullUrls) are rewritten to `Type/id` before anything is
 * checked; a conditional create that finds its resource maps the fullUrl to it. Every write is
 * then checked (scopes, policy, validation) in FHIR's order (DELETE, POST, PUT), and all are
 * committed in one database transaction; GETs are answered last. The first failure aborts the
 * whole Bundle with the entry's index in the OperationOutcome.
 */
export async function processTransaction(
  service: BundleProcessor,
  ctx: HealthAccessContext,
  bundle: Bundle,
  baseUrl: string,
): Promise<Bundle> {
  const steps = stepsOf(bundle, 'transaction', baseUrl);
  const references = new Map<string, string>();
  const ids = new Map<number, string>();
  const answers = new Map<number, BundleEntry>();
  const pending = new Set<string>();
  for (const step of steps) {
    if (step.method !== 'POST') continue;
    const type = (step.entry.resource as Resource).resourceType;
    const condition = step.entry.request?.ifNoneExist;
    const existing = condition
      ? await failingAt(step.index, () => service.findExisting(ctx, type, condition, baseUrl))
      : null;
    if (existing) answers.set(step.index, written(existing, '200'));
    const id = existing?.id ?? randomUUID();
    ids.set(step.index, id);
    if (!existing) pending.add(`${type}/${id}`);
    if (step.entry.fullUrl) references.set(step.entry.fullUrl, `${type}/${id}`);
  }
  const ordered = [...steps].sort((a, b) => ORDER[a.method] - ORDER[b.method] || a.index - b.index);
  const { rewritten, resolved } = await rewrittenEntries(service, ordered, answers, references, pending);
  // The entries are planned (policy, validation) a few at a time: validation runs on worker
  // threads when there are any; the first failure in the Bundle's order is the one answered.
  const planned = ordered.filter((step) => step.method !== 'GET' && !answers.has(step.index));
  const plans: Array<{ index: number; plan: PlannedWrite | null }> = [];
  for (let from = 0; from < planned.length; from += PLANNED_AT_ONCE) {
    const part = planned.slice(from, from + PLANNED_AT_ONCE);
    const outcomes = await Promise.allSettled(
      part.map((step) =>
        failingAt(step.index, async () => {
          const resource = rewritten.get(step.index);
          if (step.method === 'POST') {
            checkTypeUrl(step.url, resource!);
            return service.planCreate(ctx, resource!, { id: ids.get(step.index)!, pending, resolved });
          }
          if (step.method === 'PUT') {
            checkInstance(step, resource!);
            return service.planUpdate(ctx, resource!, step.entry.request?.ifMatch, { pending, resolved });
          }
          const target = instanceOf(step.url);
          if (!target)
            throw new AppError(
              'fhir-bundle-invalid',
              'A DELETE entry names Type/id (conditional deletes are not supported).',
            );
          return service.planDelete(ctx, target.type, target.id);
        }),
      ),
    );
    for (const [position, outcome] of outcomes.entries()) {
      if (outcome.status === 'rejected') throw outcome.reason;
      plans.push({ index: part[position]!.index, plan: outcome.value });
    }
  }
  const writes = plans.flatMap(({ index, plan }) => {
    if (plan) return [{ index, plan }];
    answers.set(index, { response: { status: '204 No Content' } });
    return [];
  });
  const stored = await service
    .inTransaction((trx) =>
      service.commitAll(
        ctx,
        writes.map((write) => write.plan),
        trx,
      ),
    )
    .catch((error: unknown) => {
      const at = error instanceof AppError ? error.extensions.at : undefined;
      if (typeof at !== 'number') throw error;
      const { at: _, ...extensions } = (error as AppError).extensions;
      const index = writes[at]!.index;
      throw new AppError((error as AppError).code, `Entry ${index}: ${(error as AppError).detail ?? ''}`, {
        ...extensions,
        entry: index,
      });
    });
  for (const [position, { index, plan }] of writes.entries())
    answers.set(
      index,
      plan.interaction === 'delete'
        ? { response: { status: '204 No Content' } }
        : written(stored[position]!, plan.interaction === 'create' ? '201' : '200'),
    );
  for (const step of steps)
    if (step.method === 'GET')
      answers.set(step.index, await failingAt(step.index, () => read(service, ctx, step, baseUrl)));
  return {
    resourceType: 'Bundle',
    id: randomUUID(),
    type: 'transaction-response',
    entry: steps.map((step) => answers.get(step.index)!),
  };
}

/**
 * The entries to write with their `urn:uuid:` references rewritten, and which of the references
 * outside the Bundle resolve: read in one query rather than one per reference.
 */
async function rewrittenEntries(
  service: BundleProcessor,
  steps: readonly Step[],
  answered: ReadonlyMap<number, BundleEntry>,
  references: ReadonlyMap<string, string>,
  pending: ReadonlySet<string>,
) {
  const rewritten = new Map<number, Resource>();
  for (const step of steps)
    if (step.entry.resource && step.method !== 'GET' && !answered.has(step.index))
      rewritten.set(step.index, rewriteReferences(step.entry.resource as Resource, references));
  const resolved = await service.existingReferences(
    [...rewritten.values()].flatMap((resource) =>
      referencesIn(resource)
        .map(({ reference }) => reference)
        .filter((reference) => !pending.has(reference)),
    ),
  );
  return { rewritten, resolved };
}

/** A batch: each entry on its own (own database transaction), each answered on its own. */
export async function processBatch(
  service: BundleProcessor,
  ctx: HealthAccessContext,
  bundle: Bundle,
  baseUrl: string,
  table: ErrorTable = ehealthFhirErrors,
): Promise<Bundle> {
  const steps = stepsOf(bundle, 'batch', baseUrl);
  const entry: BundleEntry[] = [];
  for (const step of steps) {
    try {
      const resource = step.entry.resource as Resource | undefined;
      switch (step.method) {
        case 'POST': {
          checkTypeUrl(step.url, resource!);
          const condition = step.entry.request?.ifNoneExist;
          if (condition) {
            const outcome = await service.createIfNoneExist(ctx, resource!, condition, baseUrl);
            entry.push(written(outcome.stored, outcome.created ? '201' : '200'));
          } else entry.push(written(await service.create(ctx, resource!), '201'));
          break;
        }
        case 'PUT':
          entry.push(written(await update(service, ctx, step, resource!), '200'));
          break;
        case 'DELETE':
          entry.push(await deleted(service, ctx, step));
          break;
        case 'GET':
          entry.push(await read(service, ctx, step, baseUrl));
          break;
      }
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const { status, outcome } = outcomeOfError(table, error);
      entry.push({ response: { status: statusText(status), outcome } });
    }
  }
  return { resourceType: 'Bundle', id: randomUUID(), type: 'batch-response', entry };
}

async function failingAt<T>(index: number, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AppError)
      throw new AppError(error.code, `Entry ${index}: ${error.detail ?? error.code}`, {
        ...error.extensions,
        entry: index,
      });
    throw error;
  }
}

function checkTypeUrl(url: string, resource: Resource): void {
  if (url !== resource.resourceType)
    throw new AppError(
      'fhir-type-mismatch',
      `A POST to ${url.slice(0, 64)} carries a ${resource.resourceType}.`,
    );
}

function checkInstance(step: Step, resource: Resource): void {
  const target = instanceOf(step.url);
  if (!target)
    throw new AppError(
      'fhir-bundle-invalid',
      'A PUT entry names Type/id (conditional updates are not supported).',
    );
  if (target.type !== resource.resourceType)
    throw new AppError('fhir-type-mismatch', `A PUT to ${target.type} carries a ${resource.resourceType}.`);
  if (resource.id !== target.id)
    throw new AppError('fhir-id-mismatch', 'The resource id differs from the id in request.url.');
}

async function update(
  service: BundleProcessor,
  ctx: HealthAccessContext,
  step: Step,
  resource: Resource,
): Promise<StoredResource> {
  checkInstance(step, resource);
  return service.update(ctx, resource, step.entry.request?.ifMatch);
}

async function deleted(service: BundleProcessor, ctx: HealthAccessContext, step: Step): Promise<BundleEntry> {
  const target = instanceOf(step.url);
  if (!target)
    throw new AppError(
      'fhir-bundle-invalid',
      'A DELETE entry names Type/id (conditional deletes are not supported).',
    );
  await service.delete(ctx, target.type, target.id);
  return { response: { status: '204 No Content' } };
}

async function read(
  service: BundleProcessor,
  ctx: HealthAccessContext,
  step: Step,
  baseUrl: string,
): Promise<BundleEntry> {
  const target = instanceOf(step.url);
  if (target) {
    const stored = await service.read(ctx, target.type, target.id);
    return { resource: resourceOf(stored), response: { status: '200 OK', etag: etagOf(stored) } };
  }
  const [type, query = ''] = step.url.split('?');
  const params = paramsOf(query);
  const result = await service.search(ctx, { resourceType: type ?? '', params, baseUrl });
  return { resource: searchsetBundle(result, baseUrl), response: { status: '200 OK' } };
}

function written(stored: StoredResource, status: '200' | '201'): BundleEntry {
  return {
    response: {
      status: statusText(Number(status)),
      location: versionPath(stored),
      etag: etagOf(stored),
      lastModified: stored.lastUpdated.toISOString(),
    },
  };
}
