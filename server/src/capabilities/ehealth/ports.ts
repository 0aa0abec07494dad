/**
 * The shapes the eHealth parts agree on. Each part owns its directory and implements its
 * interface here; `parts-wiring.ts` builds them in order and hands each the others it uses.
 *
 *   fhir/           the resource store, the REST router at /fhir/R4, bundles, history, CapabilityStatement
 *   fhir/search/    search parameters, the typed search index, the search engine, _include/_revinclude
 *   validation/     every resource written: R4 structure, required bindings, references
 *   access/         SMART v2 scopes, who the caller is, the one access policy, EHDS restrictions,
 *                   break-glass, AuditEvent and the accesses fed to the transparency log
 *   ips/            Patient/$summary (IPS), Patient/$everything, PDFs, the health-record register service
 *   prescriptions/  e-prescription numbers, dispensing (never twice), the pharmacist's routes
 *   synthetic/      the deterministic synthetic health record of the whole demo population
 */
import type { Bundle, OperationOutcome, Resource } from '@medplum/fhirtypes';
import type { RawBuilder, Transaction } from 'kysely';
import type { EhealthTables } from './tables.ts';

export type { Bundle, OperationOutcome, Resource };

/** A database transaction over the health record's tables. */
export type EhealthTransaction = Transaction<EhealthTables>;

/** A resource as stored: its row's facts, and its JSON text exactly as served. */
export interface StoredResource {
  resourceType: string;
  id: string;
  versionId: number;
  lastUpdated: Date;
  /** The id of the Patient whose compartment holds it; null for shared resources (Practitioner, …). */
  patientId: string | null;
  deleted: boolean;
  /** The resource's JSON (with `id` and `meta.versionId`/`meta.lastUpdated` set). */
  content: string;
}

// ---------------------------------------------------------------------------------------------
// Who is asking (access/)

/** One SMART v2 scope, parsed: `patient/Observation.rs`, `user/*.cruds`, `system/*.r`. */
export interface SmartScope {
  context: 'patient' | 'user' | 'system';
  /** A resource type, or `*`. */
  resourceType: string;
  /** The permitted interactions, in `cruds` order. */
  interactions: ReadonlySet<'c' | 'r' | 'u' | 'd' | 's'>;
}

/** The people and systems that reach the health record. */
export type HealthActor =
  | {
      /** A citizen, for themselves and the children the population register names as theirs. */
      kind: 'patient';
      personalNumber: string;
      /** Their own Patient id (null: the person has no record yet). */
      patientId: string | null;
      /** The Patient ids they may read: their own and their minor children's. */
      patientIds: readonly string[];
    }
  | {
      /** A doctor (GP or specialist), acting for the organisation their role is held at. */
      kind: 'practitioner';
      personalNumber: string;
      practitionerId: string;
      /** The organisation's name as the role is held (shown to the patient) and its exchange subsystem id. */
      organisation: string;
      client: string;
      /** Whether the doctor is a GP (a patient's `generalPractitioner` may name them). */
      generalPractitioner: boolean;
      /** The name their role is registered under (shown to the patient), when registered. */
      name?: string;
    }
  | {
      /** A pharmacist, who reads a prescription by its number and the patient's identifier only. */
      kind: 'pharmacist';
      personalNumber: string;
      organisation: string;
      client: string;
      /** The name their role is registered under, when registered. */
      name?: string;
    }
  | {
      /** Another system through the exchange (the wallet issuer, e-services), under its access right. */
      kind: 'system';
      client: string;
    }
  | {
      /** The platform itself (seeding, migrations, the benchmark's baseline): never from HTTP. */
      kind: 'internal';
    };

/** Why the data is used, and on which legal basis (`kernel/purposes.ts` codes). */
export interface HealthPurpose {
  purpose: string;
  legalBasis: string;
}

/** An open break-glass access: any doctor, with a stated reason, for a limited time. */
export interface BreakGlass {
  id: string;
  patientId: string;
  reason: string;
  expiresAt: Date;
}

/** Everything the policy needs to decide a request: who, under which scopes, why. */
export interface HealthAccessContext {
  actor: HealthActor;
  /** The scopes the access token grants (empty for internal). */
  scopes: readonly SmartScope[];
  purpose: HealthPurpose;
  /** Open break-glass accesses of this practitioner (each for one patient). */
  breakGlass: readonly BreakGlass[];
  /** The HTTP request id (AuditEvent and log entries name it). */
  requestId: string;
}

export type Interaction =
  | 'create'
  | 'read'
  | 'vread'
  | 'update'
  | 'delete'
  | 'search'
  | 'history'
  | 'operation';

/**
 * The one access policy (access/policy.ts). Every path to a patient's data asks it: read, vread,
 * history, search, _include/_revinclude, $everything, $summary, writes, the prescriptions.
 * A resource the caller may not see is "not found", never "forbidden" (the existence of another
 * person's record is itself personal data); a scope that does not cover the interaction is
 * `forbidden`.
 */
export interface HealthPolicy {
  /** Whether the scopes allow the interaction on the type at all (before any data is read). */
  checkScopes(ctx: HealthAccessContext, resourceType: string, interaction: Interaction): ScopeDecision;
  /**
   * A read by id where the policy can fetch the resource with what decides its visibility in one
   * statement (a doctor: their relations with its patient, the patient's restrictions): the
   * current row, or null when there is none; undefined: read it from the store. `canRead` still
   * decides (without reading again).
   */
  readById?(
    ctx: HealthAccessContext,
    resourceType: string,
    id: string,
  ): Promise<StoredResource | null | undefined>;
  /** Whether the caller may see this stored resource (compartment, care relationship, restrictions). */
  canRead(ctx: HealthAccessContext, resource: StoredResource): Promise<boolean>;
  /** The stored resources among these the caller may see, in their order (one query for many). */
  filterReadable(ctx: HealthAccessContext, resources: readonly StoredResource[]): Promise<StoredResource[]>;
  /**
   * A condition on `ehealth.resources` rows (the table aliased `alias`) that keeps only what the
   * caller may see; the search engine and $everything add it to their SQL. `false` when nothing.
   */
  visibleWhere(
    ctx: HealthAccessContext,
    resourceType: string,
    alias: string,
    /**
     * The patients the query is limited to, when the caller knows (a search's `patient=`, a
     * patient's `$everything`): the policy then reads the caller's standing with those only.
     */
    patients?: readonly string[],
  ): Promise<RawBuilder<boolean> | false>;
  /** Whether the caller may write this resource into this patient's compartment. */
  canWrite(ctx: HealthAccessContext, resource: Resource, patientId: string | null): Promise<boolean>;
}

export type ScopeDecision = { allowed: true } | { allowed: false; reason: string };

/**
 * One use of a patient's data, recorded by whoever served it (after the answer is known): an
 * AuditEvent, and an entry in the transparency log shown in the patient's "Who used my data".
 * Recording is part of the request: a request whose access cannot be recorded fails.
 */
export interface HealthAccess {
  ctx: HealthAccessContext;
  interaction: Interaction;
  /** e.g. `Observation`, `Patient/$summary`. */
  what: string;
  /** The patients whose data was used (their Patient ids), each recorded once. */
  patientIds: readonly string[];
  /** The references served or written (`Observation/123`), for the AuditEvent's entities. */
  references: readonly string[];
  /** HTTP status of the answer. */
  status: number;
}

export interface HealthAccessRecorder {
  record(access: HealthAccess, trx?: EhealthTransaction): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Validation (validation/)

export interface ValidationIssue {
  severity: 'error' | 'warning';
  /** An OperationOutcome issue type: structure, required, value, code-invalid, invariant, not-found, … */
  code: string;
  /** FHIRPath of the element, e.g. `Observation.status`. */
  expression: string;
  diagnostics: string;
}

export interface ResourceValidator {
  /**
   * Every issue of a resource to be written: structure against R4, required bindings, and
   * references (`resolve` says whether `Type/id` exists; references inside a transaction to its
   * own entries are resolved by the caller before this is asked).
   */
  validate(resource: Resource, resolve: (reference: string) => Promise<boolean>): Promise<ValidationIssue[]>;
  /** Stops the validator's worker threads, if it has any. */
  close?(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Search (fhir/search/)

/** The search index rows of resources, written in the same transaction as the resources. */
export interface SearchIndexWriter {
  /** Replaces the index rows of these resources (new or changed; deleted ones have none). */
  write(trx: EhealthTransaction, resources: readonly StoredResource[]): Promise<void>;
  /**
   * The inserts of first versions' index rows as statements not yet run (a caller that writes
   * other rows at the same moment makes them parts of its one statement); none when they have no
   * rows. Absent: the caller uses `write`.
   */
  insertionsOf?(resources: readonly StoredResource[]): RawBuilder<unknown>[];
}

export interface SearchRequest {
  resourceType: string;
  /** The query parameters as received (repeated ones as arrays). */
  params: Readonly<Record<string, string | readonly string[]>>;
  /** The base URL for the paging links (`https://host/fhir/R4`). */
  baseUrl: string;
}

export interface SearchResult {
  /** The matches the caller may see, in order, for this page. */
  matches: StoredResource[];
  /** `_include`/`_revinclude` resources (search mode `include`), also filtered by the policy. */
  included: StoredResource[];
  /** The total when known (`_total`). */
  total?: number;
  /** Paging links: self, next, previous, first. */
  links: Array<{ relation: string; url: string }>;
}

export interface SearchEngine {
  search(ctx: HealthAccessContext, request: SearchRequest): Promise<SearchResult>;
}

// ---------------------------------------------------------------------------------------------
// Operations ($summary, $everything, …): the router dispatches `[Type/[id/]]$name` to these.

export interface FhirOperation {
  name: string;
  resourceType: string;
  /** On an instance (`Patient/123/$summary`) or the type (`Patient/$summary?identifier=`). */
  level: 'instance' | 'type';
  method: 'GET' | 'POST' | 'both';
  invoke(input: {
    ctx: HealthAccessContext;
    id?: string;
    params: Readonly<Record<string, string | readonly string[]>>;
    body?: unknown;
    baseUrl: string;
    /** The media type asked for: `application/fhir+json` or `application/pdf` ($summary). */
    accept: string;
    /** The request's `Accept-Language` header as received (the summary's narrative language). */
    acceptLanguage?: string;
  }): Promise<{ status: number; contentType: string; body: unknown }>;
}
