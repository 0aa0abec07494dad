import { randomUUID } from 'node:crypto';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { AppError, type ErrorTable } from '../../../kernel/index.ts';
import type { EhealthParts } from '../parts.ts';
import type {
  EhealthTransaction,
  HealthAccessContext,
  Interaction,
  SearchRequest,
  SearchResult,
  StoredResource,
  ValidationIssue,
} from '../ports.ts';
import { compartmentOf } from './compartment.ts';
import { personalNumberOf } from './identifiers.ts';
import { paramsOf } from './query.ts';
import { isFhirId, isHeldType, isWritableType } from './resource-types.ts';
import { StaleVersionError } from './store.ts';
import { type BundleProcessor, processBatch, processTransaction } from './transaction.ts';
import type { CreateOutcome, PlannedWrite, WriteOptions } from './writes.ts';

/** What the service is built from (a subset of the parts, so tests can give their own). */
export type HealthRecordParts = Pick<
  EhealthParts,
  'store' | 'search' | 'validator' | 'policy' | 'recorder' | 'instance'
>;

/**
 * A step another part runs on a resource before it is stored (e.g. the prescriptions part gives
 * a MedicationRequest its prescription number): it returns the resource to store, or throws an
 * `AppError` to refuse the write. It runs inside the write's transaction.
 */
export type WriteHook = (input: {
  ctx: HealthAccessContext;
  resource: Resource;
  previous: StoredResource | null;
  trx: EhealthTransaction;
}) => Promise<Resource>;

interface PlanOptions extends WriteOptions {
  /** The caller's transaction, when the write is part of one: reads go through it. */
  trx?: EhealthTransaction | undefined;
}

/**
 * The one way into the health record: every read and write of the FHIR API, the patient summary
 * and the prescriptions goes through it. Each call checks the caller's scopes, asks the policy
 * (a resource the caller may not see is "not found", never "forbidden"), validates what it
 * writes, stores it with its history and search index in one transaction, and records the access
 * (AuditEvent, transparency log) with the patients whose data it touched.
 */
export class HealthRecordService implements BundleProcessor {
  private readonly hooks = new Map<string, WriteHook[]>();

  readonly parts: HealthRecordParts;

  constructor(parts: HealthRecordParts) {
    this.parts = parts;
  }

  /** Runs `hook` before every write of a `resourceType` (create, update, in bundles too). */
  addWriteHook(resourceType: string, hook: WriteHook): void {
    this.hooks.set(resourceType, [...(this.hooks.get(resourceType) ?? []), hook]);
  }

  /** The current version of a resource the caller may see; 404 otherwise, 410 when deleted. */
  async read(ctx: HealthAccessContext, type: string, id: string): Promise<StoredResource> {
    this.checkScopes(ctx, type, 'read');
    checkId(id);
    // A doctor's read: the resource with their standing, in one statement (undefined: not offered).
    const prefetched = await this.parts.policy.readById?.(ctx, type, id);
    const found = prefetched === undefined ? await this.parts.store.read(type, id) : prefetched;
    const stored = await this.visible(ctx, found);
    if (stored.deleted) throw new AppError('fhir-resource-deleted', `${type}/${id} has been deleted.`);
    await this.record(ctx, 'read', type, [stored]);
    return stored;
  }

  /** One version of a resource the caller may see (its current compartment decides). */
  async vread(
    ctx: HealthAccessContext,
    type: string,
    id: string,
    versionId: string,
  ): Promise<StoredResource> {
    this.checkScopes(ctx, type, 'vread');
    checkId(id);
    const version = /^[1-9][0-9]{0,8}$/.test(versionId) ? Number(versionId) : 0;
    const current = await this.visible(ctx, await this.parts.store.read(type, id));
    const stored = version ? await this.parts.store.readVersion(type, id, version) : null;
    if (!stored) throw new AppError('fhir-resource-not-found', `${type}/${id} has no version ${versionId}.`);
    if (stored.deleted) throw new AppError('fhir-resource-deleted', `Version ${version} is a deletion.`);
    await this.record(ctx, 'vread', type, [current]);
    return stored;
  }

  /** Every version of a resource the caller may see, newest first. */
  async history(
    ctx: HealthAccessContext,
    type: string,
    id: string,
    count?: number,
  ): Promise<StoredResource[]> {
    this.checkScopes(ctx, type, 'history');
    checkId(id);
    const current = await this.visible(ctx, await this.parts.store.read(type, id));
    const versions = await this.parts.store.history(type, id, count);
    await this.record(ctx, 'history', type, [current]);
    return versions;
  }

  /** A search, by the search engine (which keeps only what the policy lets the caller see). */
  async search(ctx: HealthAccessContext, request: SearchRequest): Promise<SearchResult> {
    this.checkScopes(ctx, request.resourceType, 'search');
    const result = await this.parts.search.search(ctx, request);
    await this.record(ctx, 'search', request.resourceType, [...result.matches, ...result.included]);
    return result;
  }

  /** Creates a resource with a server-assigned id (version 1). */
  async create(
    ctx: HealthAccessContext,
    resource: Resource,
    trx?: EhealthTransaction,
    options: WriteOptions = {},
  ): Promise<StoredResource> {
    const plan = await this.planCreate(ctx, resource, { ...options, trx });
    return this.commitOne(ctx, plan, trx);
  }

  /**
   * A conditional create (`If-None-Exist: identifier=…`): the resource the query finds when it
   * finds one (and the caller may see it), a new one when it finds none, 412 for several.
   */
  async createIfNoneExist(
    ctx: HealthAccessContext,
    resource: Resource,
    query: string,
    baseUrl: string,
    trx?: EhealthTransaction,
    options: WriteOptions = {},
  ): Promise<CreateOutcome> {
    const match = await this.findExisting(ctx, resource.resourceType, query, baseUrl);
    if (match) return { stored: match, created: false };
    return { stored: await this.create(ctx, resource, trx, options), created: true };
  }

  /** The one resource a conditional create's query finds, null for none, 412 for several. */
  async findExisting(
    ctx: HealthAccessContext,
    type: string,
    query: string,
    baseUrl: string,
  ): Promise<StoredResource | null> {
    const params = paramsOf(query.replace(/^[^?]*\?/, ''));
    if (Object.keys(params).length === 0)
      throw new AppError('fhir-bundle-invalid', 'If-None-Exist holds no search parameter.');
    const found = await this.search(ctx, { resourceType: type, params: { ...params, _count: '2' }, baseUrl });
    if (found.matches.length > 1)
      throw new AppError('fhir-conditional-ambiguous', `If-None-Exist matches more than one ${type}.`);
    return found.matches[0] ?? null;
  }

  /**
   * Writes the next version of an existing resource. `ifMatch` (`W/"3"` or 3) must name the
   * current version (412 otherwise); a concurrent writer in between is a 409 conflict.
   */
  async update(
    ctx: HealthAccessContext,
    resource: Resource,
    ifMatch?: string | number,
    trx?: EhealthTransaction,
    options: WriteOptions = {},
  ): Promise<StoredResource> {
    const plan = await this.planUpdate(ctx, resource, ifMatch, { ...options, trx });
    return this.commitOne(ctx, plan, trx);
  }

  /** Deletes a resource (a new version marked deleted; its history stays readable). */
  async delete(ctx: HealthAccessContext, type: string, id: string, trx?: EhealthTransaction): Promise<void> {
    const plan = await this.planDelete(ctx, type, id, { trx });
    if (plan) await this.commitOne(ctx, plan, trx);
  }

  /** A `transaction` Bundle: every entry or none, in one database transaction. */
  async transaction(ctx: HealthAccessContext, bundle: Bundle, baseUrl = ''): Promise<Bundle> {
    return processTransaction(this, ctx, bundle, baseUrl);
  }

  /** A `batch` Bundle: each entry on its own, each answered with its status or OperationOutcome. */
  async batch(ctx: HealthAccessContext, bundle: Bundle, baseUrl = '', table?: ErrorTable): Promise<Bundle> {
    return processBatch(this, ctx, bundle, baseUrl, table);
  }

  // -------------------------------------------------------------------------------------------
  // A write in two steps: the plan (scopes, policy, validation: reads only, outside the write's
  // transaction, since the policy and the validator read with connections of their own and
  // PGlite has one), then the commit (hooks, the person's link, the versioned write, the record)
  // in the transaction; a concurrent writer in between makes the commit a 409 conflict.

  async planCreate(
    ctx: HealthAccessContext,
    resource: Resource,
    options: PlanOptions = {},
  ): Promise<PlannedWrite> {
    this.checkScopes(ctx, resource.resourceType, 'create');
    checkWritable(resource);
    const fresh = { ...resource, id: options.id ?? randomUUID() } as Resource & { id: string };
    await this.check(ctx, fresh, null, options);
    return { interaction: 'create', resource: fresh, previous: null };
  }

  async planUpdate(
    ctx: HealthAccessContext,
    resource: Resource,
    ifMatch?: string | number,
    options: PlanOptions = {},
  ): Promise<PlannedWrite> {
    this.checkScopes(ctx, resource.resourceType, 'update');
    checkWritable(resource);
    const id = resource.id;
    if (!id) throw new AppError('fhir-resource-invalid', 'An update needs the resource id.');
    checkId(id);
    const expected = ifMatch === undefined ? undefined : versionOfETag(ifMatch);
    const previous = await this.visible(
      ctx,
      await this.parts.store.read(resource.resourceType, id, options.trx),
    );
    if (expected !== undefined && expected !== previous.versionId)
      throw new AppError(
        'fhir-precondition-failed',
        `The current version is ${previous.versionId}, not ${ifMatch}.`,
      );
    const next = resource as Resource & { id: string };
    await this.check(ctx, next, previous, options);
    return { interaction: 'update', resource: next, previous };
  }

  /** The deletion to commit, or null when the resource is deleted already (deleting is idempotent). */
  async planDelete(
    ctx: HealthAccessContext,
    type: string,
    id: string,
    options: PlanOptions = {},
  ): Promise<PlannedWrite | null> {
    this.checkScopes(ctx, type, 'delete');
    checkId(id);
    if (!isWritableType(type))
      throw new AppError('fhir-write-forbidden', `${type} resources are not written through the API.`);
    const previous = await this.visible(ctx, await this.parts.store.read(type, id, options.trx));
    if (previous.deleted) return null;
    const resource = JSON.parse(previous.content) as Resource & { id: string };
    if (!(await this.parts.policy.canWrite(ctx, resource, previous.patientId)))
      throw new AppError('fhir-write-forbidden', `You may not delete ${type}/${id}.`);
    return { interaction: 'delete', resource, previous };
  }

  /** Commits a planned write in `trx`: hooks, the person's link, the versioned write, the record. */
  async commit(
    ctx: HealthAccessContext,
    plan: PlannedWrite,
    trx: EhealthTransaction,
  ): Promise<StoredResource> {
    const [stored] = await this.commitAll(ctx, [plan], trx);
    return stored!;
  }

  /**
   * Commits planned writes in `trx`, answering their stored versions in the same order: the
   * creates in one multi-row write, the others one by one; one access record per interaction.
   * A failing write throws with `extensions.at` set to its position among the plans.
   */
  async commitAll(
    ctx: HealthAccessContext,
    plans: readonly PlannedWrite[],
    trx: EhealthTransaction,
  ): Promise<StoredResource[]> {
    const results: StoredResource[] = new Array(plans.length);
    const creates: Array<{ at: number; resource: Resource & { id: string } }> = [];
    for (const [at, plan] of plans.entries()) {
      await atPlan(at, async () => {
        const resource = await this.prepared(ctx, plan, trx);
        if (plan.interaction === 'create') creates.push({ at, resource });
        else results[at] = await this.writeVersion(trx, resource, plan);
      });
    }
    if (creates.length > 0) {
      const stored = await this.parts.store.insertMany(
        trx,
        creates.map((create) => create.resource),
      );
      for (const [position, create] of creates.entries()) results[create.at] = stored[position]!;
    }
    for (const interaction of ['delete', 'create', 'update'] as const) {
      const written = results.filter((_, at) => plans[at]!.interaction === interaction);
      if (written.length === 0) continue;
      const what = [...new Set(written.map((r) => r.resourceType))].join(',');
      await this.record(ctx, interaction, what, written, trx, interaction === 'create' ? 201 : 200);
    }
    return results;
  }

  /** The resource after the hooks, with its person linked when it is a new Patient. */
  private async prepared(
    ctx: HealthAccessContext,
    plan: PlannedWrite,
    trx: EhealthTransaction,
  ): Promise<Resource & { id: string }> {
    const { previous, interaction } = plan;
    let resource = plan.resource;
    if (interaction === 'delete') return resource;
    for (const hook of this.hooks.get(resource.resourceType) ?? [])
      resource = { ...(await hook({ ctx, resource, previous, trx })), id: resource.id } as typeof resource;
    const personalNumber = personalNumberOf(resource, this.parts.instance.personalNumbers.id);
    if (personalNumber) {
      // A new Patient, or one given its personal number by an update: linked to the person once.
      const linked = previous ? await this.parts.store.patientOf(personalNumber, trx) : null;
      if (linked !== resource.id && !(await this.parts.store.linkPatient(trx, personalNumber, resource.id)))
        throw new AppError('fhir-patient-exists', 'This person has a Patient resource already.');
    }
    return resource;
  }

  private async writeVersion(
    trx: EhealthTransaction,
    resource: Resource & { id: string },
    plan: PlannedWrite,
  ): Promise<StoredResource> {
    try {
      return await this.parts.store.write(trx, resource, plan.previous, plan.interaction === 'delete');
    } catch (error) {
      if (error instanceof StaleVersionError)
        throw new AppError(
          'fhir-version-conflict',
          `${error.reference} was changed meanwhile: read it again.`,
        );
      throw error;
    }
  }

  /** Which of these `Type/id` references name a stored resource (not deleted): one query per 500. */
  async existingReferences(references: readonly string[]): Promise<ReadonlySet<string>> {
    const wanted = [...new Set(references)].filter((reference) =>
      /^[A-Za-z]+\/[A-Za-z0-9.-]{1,64}$/.test(reference),
    );
    const found = new Set<string>();
    for (let from = 0; from < wanted.length; from += 500) {
      for (const stored of await this.parts.store.readMany(wanted.slice(from, from + 500)))
        if (!stored.deleted) found.add(`${stored.resourceType}/${stored.id}`);
    }
    return found;
  }

  /** Runs `run` in one database transaction of the store. */
  inTransaction<T>(run: (trx: EhealthTransaction) => Promise<T>): Promise<T> {
    return this.parts.store.db.transaction().execute(run);
  }

  private commitOne(
    ctx: HealthAccessContext,
    plan: PlannedWrite,
    trx?: EhealthTransaction,
  ): Promise<StoredResource> {
    return trx
      ? this.commit(ctx, plan, trx)
      : this.parts.store.db.transaction().execute((t) => this.commit(ctx, plan, t));
  }

  // -------------------------------------------------------------------------------------------

  private checkScopes(ctx: HealthAccessContext, type: string, interaction: Interaction): void {
    if (!isHeldType(type))
      throw new AppError('fhir-type-unknown', `This server holds no ${clip(type)} resources.`);
    const decision = this.parts.policy.checkScopes(ctx, type, interaction);
    if (!decision.allowed) throw new AppError('fhir-scope-insufficient', decision.reason);
  }

  /** The resource when it exists and the caller may see it (deleted ones too); "not found" otherwise. */
  private async visible(ctx: HealthAccessContext, stored: StoredResource | null): Promise<StoredResource> {
    if (stored && (await this.parts.policy.canRead(ctx, stored))) return stored;
    throw new AppError('fhir-resource-not-found', 'There is no such resource, or it is not yours to see.');
  }

  /** The policy's consent to the write, and the validator's (references resolve in `options.trx`). */
  private async check(
    ctx: HealthAccessContext,
    resource: Resource & { id: string },
    previous: StoredResource | null,
    options: PlanOptions,
  ): Promise<void> {
    const patientId = compartmentOf(resource);
    if (!(await this.parts.policy.canWrite(ctx, resource, patientId)))
      throw new AppError(
        'fhir-write-forbidden',
        `You may not write this ${resource.resourceType} into this record.`,
      );
    if (previous && previous.patientId !== patientId && previous.patientId !== null) {
      const old = JSON.parse(previous.content) as Resource;
      if (!(await this.parts.policy.canWrite(ctx, old, previous.patientId)))
        throw new AppError('fhir-write-forbidden', 'You may not move this resource out of its record.');
    }
    const issues = await this.parts.validator.validate(resource, async (reference) => {
      if (options.pending?.has(reference) || options.resolved?.has(reference)) return true;
      const [type, id, extra] = reference.split('/');
      if (!type || !id || extra !== undefined) return false;
      const target = await this.parts.store.read(type, id, options.trx);
      return target !== null && !target.deleted;
    });
    const errors = issues.filter((issue) => issue.severity === 'error');
    if (errors.length > 0) throw unprocessable(errors);
  }

  /** Records the access: the patients whose data it touched, the references served or written. */
  private async record(
    ctx: HealthAccessContext,
    interaction: Interaction,
    what: string,
    resources: readonly StoredResource[],
    trx?: EhealthTransaction,
    status = 200,
  ): Promise<void> {
    const patientIds = [...new Set(resources.flatMap((r) => (r.patientId ? [r.patientId] : [])))];
    const references = resources.map((r) => `${r.resourceType}/${r.id}`);
    await this.parts.recorder.record({ ctx, interaction, what, patientIds, references, status }, trx);
  }
}

/** Runs `run`; an AppError it throws says at which plan (`extensions.at`). */
async function atPlan(at: number, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (error instanceof AppError) throw new AppError(error.code, error.detail, { ...error.extensions, at });
    throw error;
  }
}

export type { CreateOutcome, PlannedWrite, WriteOptions };

const services = new WeakMap<HealthRecordParts, HealthRecordService>();

/** The one service of these parts (the routes, the operations and the prescriptions share it). */
export function healthRecordService(parts: HealthRecordParts): HealthRecordService {
  let service = services.get(parts);
  if (!service) {
    service = new HealthRecordService(parts);
    services.set(parts, service);
  }
  return service;
}

/** The version an ETag names: `W/"3"`, `"3"` or 3. */
export function versionOfETag(etag: string | number): number {
  if (typeof etag === 'number') return etag;
  const match = /^(?:W\/)?"?([1-9][0-9]{0,8})"?$/.exec(etag.trim());
  if (!match) throw new AppError('fhir-precondition-failed', 'If-Match names no version (expected W/"n").');
  return Number(match[1]);
}

function checkId(id: string): void {
  if (!isFhirId(id)) throw new AppError('fhir-id-invalid', 'An id is 1–64 letters, digits, "-" and ".".');
}

function checkWritable(resource: Resource): void {
  if (!isWritableType(resource.resourceType))
    throw new AppError(
      'fhir-write-forbidden',
      `${resource.resourceType} resources are not written through the API.`,
    );
}

function clip(text: string): string {
  return text.length > 64 ? `${text.slice(0, 64)}…` : text;
}

export function unprocessable(issues: readonly ValidationIssue[]): AppError {
  const first = issues[0];
  return new AppError(
    'fhir-resource-unprocessable',
    first ? `${first.expression}: ${first.diagnostics}` : undefined,
    { issues },
  );
}
