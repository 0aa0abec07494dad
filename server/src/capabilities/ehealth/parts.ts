import type { Connection } from '../../db/index.ts';
import type { ExchangeClient } from '../../exchange/index.ts';
import type { Config } from '../../kernel/index.ts';
import type { Instance } from '../../registers/index.ts';
import type { HealthContextResolver } from './access/context.ts';
import type { ResourceStore } from './fhir/store.ts';
import type {
  FhirOperation,
  HealthAccessRecorder,
  HealthPolicy,
  ResourceValidator,
  SearchEngine,
  SearchIndexWriter,
} from './ports.ts';

/** The health record's parts, built once by `parts-wiring.ts` and handed to every part's routes. */
export interface EhealthParts {
  db: Connection;
  config: Config;
  instance: Instance;
  exchange: ExchangeClient;
  store: ResourceStore;
  index: SearchIndexWriter;
  search: SearchEngine;
  validator: ResourceValidator;
  policy: HealthPolicy;
  recorder: HealthAccessRecorder;
  /** Who calls, from the request (access token → actor, scopes, purpose, break-glass). */
  contextOf: HealthContextResolver;
  /** The operations the router dispatches (`$summary`, `$everything`, …). */
  operations: FhirOperation[];
}
