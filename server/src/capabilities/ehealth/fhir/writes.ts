import type { Resource } from '@medplum/fhirtypes';
import type { StoredResource } from '../ports.ts';

/** How a create went: `created` false when a conditional create found the resource already. */
export interface CreateOutcome {
  stored: StoredResource;
  created: boolean;
}

/** A write checked and ready to commit. */
export interface PlannedWrite {
  interaction: 'create' | 'update' | 'delete';
  resource: Resource & { id: string };
  /** The version it replaces (read before the commit; a newer one by then is a conflict). */
  previous: StoredResource | null;
}

/** Options of one write, inside a transaction Bundle (`references` the entries it resolves). */
export interface WriteOptions {
  /** References to resources written earlier in the same transaction (they resolve). */
  pending?: ReadonlySet<string>;
  /** References known to name stored resources (read for a whole Bundle at once). */
  resolved?: ReadonlySet<string>;
  /** The server-assigned id a transaction gave the entry in advance (its `urn:uuid:` maps to it). */
  id?: string;
}
